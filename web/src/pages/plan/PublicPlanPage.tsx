/**
 * The strategic plan as published, for anyone: mission and vision, then each goal's objectives and their
 * tactic cards — description, business problem, current status with its circle, outcomes, critical
 * success factors, the published progress bar and, apart, the live measure; each goal and objective with
 * both figures rolled up. No sign-in; responsive cards.
 */
import { useQuery } from '@tanstack/react-query';
import type { PublicTactic } from '../../../../src/modules/plan/contract';
import { anonymousClient, must } from '../../api';
import { ErrorAlert, Loading, Page } from '../../components/Page';
import { PublishedAndLive, RollUpLine, StatusCircle } from './ProgressGraphics';

function TacticCard({ tactic }: { tactic: PublicTactic }) {
  return (
    <li className="usa-card tablet:grid-col-6" data-testid={`tactic-${tactic.slug}`}>
      <div className="usa-card__container">
        <div className="usa-card__header">
          <h4 className="usa-card__heading">{tactic.title}</h4>
        </div>
        <div className="usa-card__body">
          <p>{tactic.description}</p>
          {tactic.businessProblem ? (
            <p>
              <strong>Business Problem/Opportunity:</strong> {tactic.businessProblem}
            </p>
          ) : null}
          <p>
            <strong>Current Status:</strong> <StatusCircle graphic={tactic.published.graphic} percent={tactic.published.percent} />
            {tactic.published.statusText}
          </p>
          {tactic.outcomes.length > 0 ? (
            <>
              <p className="margin-bottom-0">
                <strong>{tactic.outcomesLabel}:</strong>
              </p>
              <ul className="usa-list margin-top-0">
                {tactic.outcomes.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ul>
            </>
          ) : null}
          {tactic.criticalSuccessFactors.length > 0 ? (
            <>
              <p className="margin-bottom-0">
                <strong>Critical Success Factors:</strong>
              </p>
              <ul className="usa-list margin-top-0">
                {tactic.criticalSuccessFactors.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </>
          ) : null}
          <PublishedAndLive tactic={tactic} />
        </div>
      </div>
    </li>
  );
}

export function PublicPlanPage() {
  const plan = useQuery({ queryKey: ['plan', 'public'], queryFn: () => must(anonymousClient.GET('/api/plan/public')) });
  const p = plan.data;
  return (
    <main id="main-content" className="grid-container padding-y-4">
      <Page
        title="Strategic plan progress"
        intro={p ? `${p.title}${p.startsOn ? `, ${p.startsOn.slice(0, 4)}–${p.endsOn?.slice(0, 4) ?? ''}` : ''}` : undefined}
      >
        <ErrorAlert error={plan.error} />
        {plan.isLoading ? <Loading what="the plan" /> : null}
        {p ? (
          <>
            <p>
              <strong>Mission:</strong> {p.mission}
            </p>
            <p>
              <strong>Vision:</strong> {p.vision}
            </p>
            <p>
              <strong>Values:</strong> {p.values.join(' · ')}
            </p>
            {p.goals.map((goal) => (
              <section key={goal.id} aria-labelledby={`goal-${goal.ordinal}`}>
                <h2 id={`goal-${goal.ordinal}`}>
                  Goal {goal.ordinal}: {goal.title}
                </h2>
                <RollUpLine published={goal.published} live={goal.live} />
                {goal.objectives.map((objective) => (
                  <section key={objective.id} aria-labelledby={`objective-${objective.slug}`}>
                    <h3 id={`objective-${objective.slug}`}>{objective.title}</h3>
                    <RollUpLine published={objective.published} live={objective.live} />
                    {objective.tactics.length === 0 ? (
                      <p>No tactics published yet.</p>
                    ) : (
                      <ul className="usa-card-group">
                        {objective.tactics.map((t) => (
                          <TacticCard key={t.id} tactic={t} />
                        ))}
                      </ul>
                    )}
                  </section>
                ))}
              </section>
            ))}
          </>
        ) : null}
      </Page>
    </main>
  );
}
