/** A record's facts as a description list: the term and its value, in two columns (stacked on a phone). */
import type { ReactNode } from 'react';

export type Fact = readonly [term: string, value: ReactNode];

export function Facts({ facts, testId }: { facts: readonly (Fact | null | false | undefined)[]; testId?: string }) {
  return (
    <dl className="concord-facts" data-testid={testId}>
      {facts
        .filter((f): f is Fact => Boolean(f))
        .map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
