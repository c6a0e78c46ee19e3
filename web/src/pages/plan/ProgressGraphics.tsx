/** The tactic card's graphics: the status circle (with its text alternative) and the progress bar (its figure is written beside it). */
import type { PublicTactic } from '../../../../src/modules/plan/contract';

const green = '#2e7d32';

export function StatusCircle({ graphic, percent }: { graphic: PublicTactic['graphic']; percent: number | null }) {
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

export function ProgressBar({ label, percent }: { label: string; percent: number | null }) {
  return (
    <div className="margin-top-2">
      <p className="margin-0 text-bold">
        Progress: {label} {percent === null ? '(no percent yet)' : `${percent}%`}
      </p>
      <div aria-hidden="true" style={{ background: '#dfe1e2', height: '0.75rem', borderRadius: '0.375rem', overflow: 'hidden' }}>
        <div style={{ width: `${percent ?? 0}%`, background: green, height: '100%' }} />
      </div>
    </div>
  );
}
