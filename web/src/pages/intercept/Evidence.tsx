/**
 * A match's evidence in words a caseworker can weigh: each field's agreement as a sentence ("SSN one digit
 * different"), with its weight as a bar — to the right for the same person, to the left against — and the
 * figure beside it for those who want it.
 */
import type { ReviewItem } from '../../../../src/modules/intercept/contract';

const phrases: Record<string, Record<string, string>> = {
  ssn: {
    exact: 'Same SSN',
    exact_invalid: 'Same SSN, though not one SSA issues',
    transposed: 'SSN with two digits swapped',
    one_digit: 'SSN one digit different',
    two_digits: 'SSN two digits different',
    three_digits: 'SSN three digits different',
    different: 'Different SSN',
    missing: 'No SSN to compare',
  },
  lastName: {
    exact: 'Same last name',
    nickname: 'Last name a known variant',
    similar: 'Last name spelt a little differently',
    different: 'Different last name',
    missing: 'No last name to compare',
  },
  firstName: {
    exact: 'Same first name',
    nickname: 'First name a nickname of the other',
    similar: 'First name spelt a little differently',
    different: 'Different first name',
    missing: 'No first name to compare',
  },
  dateOfBirth: {
    exact: 'Same date of birth',
    day_month_swapped: 'Date of birth with day and month swapped',
    one_digit: 'Date of birth one digit different',
    one_part_off: 'Date of birth with the same year and one other part different',
    same_year: 'Only the year of birth the same',
    different: 'Different date of birth',
    missing: 'No date of birth to compare',
  },
  address: {
    same: 'Same address',
    same_line: 'Same street address, another ZIP code',
    same_zip: 'Same ZIP code, another street',
    different: 'Different address',
    missing: 'No address to compare',
  },
};

/** What a weight says: strong or some evidence, for or against. */
function strength(weight: number): string {
  if (weight === 0) return 'no evidence either way';
  const degree = Math.abs(weight) >= 5 ? 'strong' : 'some';
  return `${degree} evidence ${weight > 0 ? 'for' : 'against'} the same person`;
}

export function evidenceWords(field: string, agreement: string, swapped?: boolean): string {
  const words = phrases[field]?.[agreement] ?? `${field}: ${agreement.replace(/_/g, ' ')}`;
  return swapped ? `${words}, with first and last names swapped` : words;
}

export function EvidenceList({ evidence }: { evidence: ReviewItem['evidence'] }) {
  const scale = Math.max(1, ...evidence.map((e) => Math.abs(e.weight)));
  return (
    <ul className="usa-list usa-list--unstyled evidence-list" aria-label="Evidence">
      {evidence.map((e) => {
        const width = `${Math.round((Math.abs(e.weight) / scale) * 50)}%`;
        return (
          <li key={e.field} className="margin-bottom-1">
            <span className="display-block">
              <strong>{evidenceWords(e.field, e.agreement, e.swapped)}</strong>: {strength(e.weight)} ({e.weight > 0 ? '+' : ''}
              {e.weight.toFixed(1)})
            </span>
            <span className="evidence-bar" aria-hidden="true">
              <span className={e.weight >= 0 ? 'evidence-bar__for' : 'evidence-bar__against'} style={{ width }} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
