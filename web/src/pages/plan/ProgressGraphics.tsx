/** The tactic card's graphics: the status circle (with its text alternative) and the progress bar (its figure is written beside it). */
import type { PublicTactic } from '../../../../src/modules/plan/contract';

const green = '#2e7d32';

export function StatusCircle({ graphic, percent }: { graphic: PublicTactic['published']['graphic']; percent: number | null }) {
  const radius = 14;
  const circumference = 2 * Math.PI * radius;
  const share = graphic.kind === 'complete' ? 1 : percent !== null ? percent / 100 : graphic.kind === 'started' ? 0.12 : 0;
  return (
    <svg role="img" aria-label={graphic.alt} width="36" height="36" viewBox="0 0 36 36" className="margin-right-1 text-middle">
      <circle cx="18" cy="18" r={radius} fill="none" stroke="#a9aeb1" strokeWidth="5" />
      {share > 0 ? (
        <circle
          cx="18"
          cy="18"
          r={radius}
          fill="none"
          stroke={green}
          strokeWidth="5"
          strokeDasharray={`${share * circumference} ${circumference}`}
          transform="rotate(-90 18 18)"
        />
      ) : null}
    </svg>
  );
}

/** A bar with its figure written beside the heading, e.g. "Progress: Insurers reporting 75%" or "Live measure: … 17%". */
export function ProgressBar({ heading, percent }: { heading: string; percent: number | null }) {
  return (
    <div className="margin-top-2">
      <p className="margin-0 text-bold">
        {heading} {percent === null ? '(no percent yet)' : `${percent}%`}
      </p>
      <div aria-hidden="true" style={{ background: '#dfe1e2', height: '0.75rem', borderRadius: '0.375rem', overflow: 'hidden' }}>
        <div style={{ width: `${percent ?? 0}%`, background: green, height: '100%' }} />
      </div>
    </div>
  );
}

/** The department's published progress bar and, apart and labelled, what Concord measures live — each with its date and source. */
export function PublishedAndLive({ tactic }: { tactic: PublicTactic }) {
  const { published, live } = tactic;
  return (
    <>
      <ProgressBar heading={`Progress: ${tactic.progressLabel}`} percent={published.barPercent} />
      <p className="font-sans-3xs text-base-dark margin-top-05">
        Published status{published.asOf ? ` as of ${published.asOf}` : ''}: {published.source.toLowerCase()}.
      </p>
      {live ? (
        <>
          <ProgressBar heading={`Live measure: ${live.source}`} percent={live.percent} />
          <p className="font-sans-3xs text-base-dark margin-top-05">{live.basis}</p>
        </>
      ) : null}
    </>
  );
}

type RollUp = { percent: number | null; counted: number; of: number };
const rollUpText = (r: RollUp, what: string) => (r.percent === null ? `no ${what} yet` : `${r.percent}% (mean of ${r.counted} of ${r.of} with a figure)`);

/** An objective's or a goal's published and live figures, rolled up from its parts. */
export function RollUpLine({ published, live }: { published: RollUp; live: RollUp }) {
  return (
    <p className="font-sans-xs margin-top-0">
      Published status: {rollUpText(published, 'published percent')} · Live measure: {rollUpText(live, 'live measure')}
    </p>
  );
}
