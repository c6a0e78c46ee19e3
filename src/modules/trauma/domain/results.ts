/**
 * A campaign's results for a group (everyone, an org unit, a role group, or both): scores per SAMHSA
 * principle and implementation domain and per the instrument's subscales (with Cronbach's alpha), a heat
 * map of org unit × domain, the gaps to the target ranked, and the stage on the Missouri Model — every
 * figure subject to small-group suppression (privacy.ts), measure by measure.
 */
import { frameworkLabel, implementationDomains, principles } from './framework';
import type { Instrument, InstrumentItem } from './instrument';
import { stageOf, type TraumaPolicy } from './policy';
import { groupKey, hiddenGroups } from './privacy';
import { cronbachAlpha, positionOnScale, respondentScores, type Answers } from './scoring';

/** Staff choose theirs on the survey; every answer to a families' campaign is a family's. */
export const roleGroups = ['staff', 'supervisor', 'manager', 'family'] as const;
export type RoleGroup = (typeof roleGroups)[number];

export interface Response {
  orgUnitId: string;
  roleGroup: RoleGroup;
  answers: Answers;
}

export interface ResultsFilter {
  orgUnitId?: string;
  roleGroup?: RoleGroup;
}

export interface ScoreCell {
  id: string;
  label: string;
  score: number | null;
  isSuppressed: boolean;
}

export interface GroupResults {
  respondents: number | null;
  isSuppressed: boolean;
  overall: number | null;
  stage: string | null;
  principles: ScoreCell[];
  domains: ScoreCell[];
  subscales: (ScoreCell & { alpha: number | null })[];
  heatMap: { orgUnitId: string; orgUnitName: string; isSuppressed: boolean; cells: ScoreCell[] }[];
  gaps: { kind: 'domain' | 'principle'; id: string; label: string; score: number; target: number; gap: number; rank: number }[];
}

type Dimension = 'orgUnitId' | 'roleGroup';

interface Scored {
  orgUnitId: string;
  roleGroup: string;
  answers: Answers;
  /** measure key (`domain:policy`, `principle:safety`, `subscale:x`, `overall`) → score */
  scores: Map<string, number>;
}

function scoreAll(instrument: Instrument, responses: Response[]): Scored[] {
  const groupings: [string, (item: InstrumentItem) => string][] = [
    ['domain', (i) => i.domain],
    ['principle', (i) => i.principle],
    ['subscale', (i) => i.subscale],
    ['overall', () => ''],
  ];
  return responses.map((r) => {
    const scores = new Map<string, number>();
    for (const [kind, groupOf] of groupings)
      for (const [id, score] of respondentScores(instrument, r.answers, groupOf)) scores.set(kind === 'overall' ? 'overall' : `${kind}:${id}`, score);
    return { ...r, scores };
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function groupResults(
  instrument: Instrument,
  responses: Response[],
  filter: ResultsFilter,
  options: { k: number; target: number; policy: TraumaPolicy; unitNames: Map<string, string>; visibleUnits: Set<string> | null },
): GroupResults {
  const { k, target } = options;
  const scored = scoreAll(instrument, responses);
  const matches = (r: Scored, f: Record<string, string>) => Object.entries(f).every(([d, v]) => r[d as Dimension] === v);
  // The table every figure comes from: org unit × role group, over the whole campaign (whoever asks),
  // suppressed as one (privacy.ts), measure by measure — and once per distinct set of counts.
  const rows = [...new Set(scored.map((r) => r.orgUnitId))].sort();
  const columns = [...new Set(scored.map((r) => r.roleGroup))].sort();
  const patterns = new Map<string, Set<string>>();
  const byMeasure = new Map<string | null, Set<string>>();
  const hiddenFor = (key: string | null) => {
    const known = byMeasure.get(key);
    if (known) return known;
    const counted = key === null ? scored : scored.filter((r) => r.scores.has(key));
    const count = (g: { row: string | null; column: string | null }) =>
      counted.filter((r) => (g.row === null || r.orgUnitId === g.row) && (g.column === null || r.roleGroup === g.column)).length;
    const signature = JSON.stringify(rows.map((row) => columns.map((column) => count({ row, column }))));
    const hidden = patterns.get(signature) ?? hiddenGroups({ rows, columns, count }, k);
    patterns.set(signature, hidden);
    byMeasure.set(key, hidden);
    return hidden;
  };
  /** Whether the group `f` may show measure `key`: counted over respondents with a score on it. */
  const shows = (f: Record<string, string>, key: string | null) => {
    const group = { row: f.orgUnitId ?? null, column: f.roleGroup ?? null };
    const n = scored.filter((r) => matches(r, f) && (key === null || r.scores.has(key))).length;
    return n >= k && !hiddenFor(key).has(groupKey(group));
  };
  const meanOf = (f: Record<string, string>, key: string) => {
    const values = scored.filter((r) => matches(r, f) && r.scores.has(key)).map((r) => r.scores.get(key)!);
    return values.length === 0 ? null : round2(values.reduce((a, b) => a + b, 0) / values.length);
  };
  const cell = (f: Record<string, string>, key: string, id: string, label: string): ScoreCell => {
    const isShown = shows(f, key);
    return { id, label, score: isShown ? meanOf(f, key) : null, isSuppressed: !isShown };
  };

  const base: Record<string, string> = {};
  if (filter.orgUnitId) base.orgUnitId = filter.orgUnitId;
  if (filter.roleGroup) base.roleGroup = filter.roleGroup;
  const isShown = shows(base, null);
  const inGroup = scored.filter((r) => matches(r, base));
  const unitIds = [...new Set(scored.map((r) => r.orgUnitId))]
    .filter((id) => (!filter.orgUnitId || id === filter.orgUnitId) && (options.visibleUnits === null || options.visibleUnits.has(id)))
    .sort((a, b) => (options.unitNames.get(a) ?? a).localeCompare(options.unitNames.get(b) ?? b));
  const heatMap = unitIds.map((orgUnitId) => {
    const f = { ...base, orgUnitId };
    return {
      orgUnitId,
      orgUnitName: options.unitNames.get(orgUnitId) ?? orgUnitId,
      isSuppressed: !shows(f, null),
      cells: implementationDomains.map((d) => cell(f, `domain:${d.id}`, d.id, d.label.en)),
    };
  });
  if (!isShown)
    return {
      respondents: null,
      isSuppressed: true,
      overall: null,
      stage: null,
      principles: principles.map((p) => ({ id: p.id, label: p.label.en, score: null, isSuppressed: true })),
      domains: implementationDomains.map((d) => ({ id: d.id, label: d.label.en, score: null, isSuppressed: true })),
      subscales: instrument.subscales.map((s) => ({ id: s.id, label: s.title.en, score: null, isSuppressed: true, alpha: null })),
      heatMap,
      gaps: [],
    };
  const principleCells = principles.map((p) => cell(base, `principle:${p.id}`, p.id, p.label.en));
  const domainCells = implementationDomains.map((d) => cell(base, `domain:${d.id}`, d.id, d.label.en));
  const subscaleCells = instrument.subscales.map((s) => {
    const c = cell(base, `subscale:${s.id}`, s.id, s.title.en);
    const items = instrument.items.filter((i) => i.subscale === s.id);
    const alpha = c.isSuppressed
      ? null
      : cronbachAlpha(
          instrument,
          items,
          inGroup.map((r) => r.answers),
        );
    return { ...c, alpha: alpha === null ? null : round2(alpha) };
  });
  const overall = shows(base, 'overall') ? meanOf(base, 'overall') : null;
  const gaps = [...domainCells.map((c) => ({ ...c, kind: 'domain' as const })), ...principleCells.map((c) => ({ ...c, kind: 'principle' as const }))]
    .filter((c) => c.score !== null && c.score < target)
    .map((c) => ({ kind: c.kind, id: c.id, label: frameworkLabel(c.id), score: c.score!, target, gap: round2(target - c.score!) }))
    .sort((a, b) => b.gap - a.gap || a.id.localeCompare(b.id))
    .map((g, i) => ({ ...g, rank: i + 1 }));
  return {
    respondents: inGroup.length,
    isSuppressed: false,
    overall,
    stage: overall === null ? null : stageOf(positionOnScale(instrument, overall), options.policy),
    principles: principleCells,
    domains: domainCells,
    subscales: subscaleCells,
    heatMap,
    gaps,
  };
}
