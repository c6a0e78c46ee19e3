/**
 * Instruments as data: subscales, items mapped to SAMHSA's principles and implementation domains, a
 * response scale with a "does not apply" choice, reversed items and the minimum answered share. What the
 * schema (contract.ts) cannot say is checked here, each problem naming its JSON pointer in the document.
 *
 * @example instrumentProblems(concordInstrument) // []
 */
import type { FieldError } from '../../../platform/errors';
import { domainIds, principleIds } from './framework';

/** A text in English and Spanish. */
export interface LocalizedText {
  en: string;
  es: string;
}

export interface InstrumentItem {
  id: string;
  text: LocalizedText;
  subscale: string;
  /** A SAMHSA key principle id. */
  principle: string;
  /** A SAMHSA implementation domain id. */
  domain: string;
  isReversed: boolean;
  allowsNotApplicable: boolean;
}

/** An assessment instrument; its file format (and the checks a schema can make) is InstrumentSchema in contract.ts. */
export interface Instrument {
  code: string;
  version: number;
  title: LocalizedText;
  source: string;
  /** Who answers it: staff (the default) or the families served. */
  audience?: 'staff' | 'families';
  /** One label per point, lowest first. */
  scale: { min: number; max: number; labels: LocalizedText[]; notApplicableLabel: LocalizedText };
  /** A scale score is computed only when at least this share of its items is answered (not N/A). */
  minAnsweredShare: number;
  /** The target for each domain on the instrument's scale, unless a campaign sets its own. */
  defaultTarget: number;
  subscales: { id: string; title: LocalizedText }[];
  items: InstrumentItem[];
}

export function instrumentProblems(instrument: Instrument): FieldError[] {
  const problems: FieldError[] = [];
  const { scale } = instrument;
  if (scale.max <= scale.min) problems.push({ path: '/scale/max', message: 'must be above the scale minimum' });
  else if (scale.labels.length !== scale.max - scale.min + 1)
    problems.push({ path: '/scale/labels', message: `needs one label per point: ${scale.max - scale.min + 1}` });
  if (instrument.defaultTarget < scale.min || instrument.defaultTarget > scale.max)
    problems.push({ path: '/defaultTarget', message: `must be on the scale (${scale.min}–${scale.max})` });
  const subscales = new Set<string>();
  instrument.subscales.forEach((s, i) => {
    if (subscales.has(s.id)) problems.push({ path: `/subscales/${i}/id`, message: `subscale ${s.id} appears more than once` });
    subscales.add(s.id);
  });
  const itemIds = new Set<string>();
  const used = new Set<string>();
  instrument.items.forEach((item, i) => {
    if (itemIds.has(item.id)) problems.push({ path: `/items/${i}/id`, message: `item ${item.id} appears more than once` });
    itemIds.add(item.id);
    if (!subscales.has(item.subscale)) problems.push({ path: `/items/${i}/subscale`, message: `there is no subscale ${item.subscale}` });
    used.add(item.subscale);
    if (!principleIds.includes(item.principle))
      problems.push({ path: `/items/${i}/principle`, message: `must be one of SAMHSA's principles: ${principleIds.join(', ')}` });
    if (!domainIds.includes(item.domain))
      problems.push({ path: `/items/${i}/domain`, message: `must be one of SAMHSA's implementation domains: ${domainIds.join(', ')}` });
  });
  instrument.subscales.forEach((s, i) => {
    if (!used.has(s.id)) problems.push({ path: `/subscales/${i}`, message: `subscale ${s.id} has no items` });
  });
  return problems;
}

/** Problems with one respondent's answers: unknown items, points off the scale, N/A where not allowed. */
export function answerProblems(instrument: Instrument, answers: Record<string, number | null>): FieldError[] {
  const items = new Map(instrument.items.map((i) => [i.id, i]));
  const problems: FieldError[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const item = items.get(id);
    if (!item) problems.push({ path: `/answers/${id}`, message: 'is not an item of this survey' });
    else if (value === null && !item.allowsNotApplicable) problems.push({ path: `/answers/${id}`, message: 'needs an answer on the scale' });
    else if (value !== null && (value < instrument.scale.min || value > instrument.scale.max))
      problems.push({ path: `/answers/${id}`, message: `must be from ${instrument.scale.min} to ${instrument.scale.max}` });
  }
  return problems;
}
