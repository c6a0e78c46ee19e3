/**
 * The Trauma-informed page: my surveys (everyone), and for administrators and analysts the campaigns with
 * their response progress, results under the group threshold (scores by domain and principle, heat map,
 * gaps, trend, PDF), opening a campaign, and the multi-year action plan where a gap becomes an action.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import type { Campaign, Gap } from '../../../../src/modules/trauma/contract';
import { client, must, type Query } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { BarChart } from '../../components/BarChart';
import { ErrorAlert, Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { bind } from '../../components/bind';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';
import { enteredDate } from '../../components/dates';
import { stageLabels, ActionPlanSection } from './ActionPlan';

function MySurveys() {
  const mine = useQuery({ queryKey: ['trauma', 'mine'], queryFn: () => must(client.GET('/api/trauma/my-surveys')) });
  return (
    <section aria-labelledby="my-surveys-heading" data-testid="my-surveys">
      <h2 id="my-surveys-heading">My surveys</h2>
      <ErrorAlert error={mine.error} />
      {mine.data?.length === 0 ? <p>No survey is waiting for you.</p> : null}
      <ul className="usa-list">
        {mine.data?.map((s) => (
          <li key={s.campaignId}>
            <strong>{s.title}</strong> — open until {s.closesOn}.{' '}
            {s.hasAnswered ? (
              'You have answered. Thank you.'
            ) : (
              <>
                {s.remindedOn ? 'Reminder: your answers are still welcome. ' : ''}
                <a className="usa-link" href={`/survey#${encodeURIComponent(s.token)}`}>
                  Answer “{s.title}” anonymously
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OpenCampaign() {
  const instruments = useQuery({ queryKey: ['trauma', 'instruments'], queryFn: () => must(client.GET('/api/trauma/instruments')) });
  const units = useQuery({ queryKey: ['training', 'org-units'], queryFn: () => must(client.GET('/api/training/org-units')) });
  const [draft, setDraft] = useState({
    title: '',
    instrumentId: '',
    opensOn: '',
    closesOn: '',
    orgUnitIds: [] as string[],
    audience: 'staff' as 'staff' | 'families',
  });
  const open = useAction(
    () =>
      must(
        client.POST('/api/trauma/campaigns', {
          body: {
            ...draft,
            instrumentId: draft.instrumentId || forAudience[0]?.id || '',
            opensOn: enteredDate('Opens on', draft.opensOn),
            closesOn: enteredDate('Closes on', draft.closesOn),
          },
        }),
      ),
    [['trauma']],
  );
  // The instruments written for who is asked (staff's self-assessment, or the families' survey).
  const forAudience = (instruments.data ?? []).filter((i) => i.audience === draft.audience);
  const toggle = (id: string, isChecked: boolean) =>
    setDraft({ ...draft, orgUnitIds: isChecked ? [...draft.orgUnitIds, id] : draft.orgUnitIds.filter((u) => u !== id) });
  return (
    <ActionForm
      id="open-campaign"
      title="Open a campaign"
      submitLabel="Open the campaign"
      isPending={open.isPending}
      error={open.error}
      status={
        open.data
          ? open.data.audience === 'families'
            ? `Campaign “${open.data.title}” is ${open.data.status}: families are invited in the portal once staff close a request of theirs.`
            : `Campaign “${open.data.title}” is ${open.data.status}: ${open.data.invited} staff invited.`
          : ''
      }
      onSubmit={() => open.mutate()}
    >
      <TextField id="campaign-title" label="Title" required {...bind(draft, setDraft, 'title')} />
      <SelectField
        id="campaign-audience"
        label="Who is asked"
        {...bind(draft, (next) => setDraft(next.audience === draft.audience ? next : { ...next, instrumentId: '' }), 'audience')}
        options={[
          { value: 'staff', label: 'Staff of the org units, invited when it opens' },
          { value: 'families', label: 'Families served by the LCSAs, invited in the portal after a request closes' },
        ]}
      />
      <SelectField
        id="campaign-instrument"
        label="Instrument"
        {...bind(draft, setDraft, 'instrumentId')}
        options={forAudience.map((i) => ({ value: i.id, label: `${i.title} (${i.code} v${i.version})` }))}
      />
      <TextField id="campaign-opens" label="Opens on" type="date" required {...bind(draft, setDraft, 'opensOn')} />
      <TextField id="campaign-closes" label="Closes on" type="date" required {...bind(draft, setDraft, 'closesOn')} />
      <fieldset className="usa-fieldset margin-top-2">
        <legend className="usa-legend">Org units surveyed</legend>
        <div style={{ maxHeight: '16rem', overflowY: 'auto' }} tabIndex={0} role="group" aria-label="Org units">
          {units.data?.map((u) => (
            <div className="usa-checkbox" key={u.id}>
              <input
                className="usa-checkbox__input"
                type="checkbox"
                id={`unit-${u.id}`}
                checked={draft.orgUnitIds.includes(u.id)}
                onChange={(e) => toggle(u.id, e.target.checked)}
              />
              <label className="usa-checkbox__label" htmlFor={`unit-${u.id}`}>
                {u.name}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </ActionForm>
  );
}

/** Heat-map cell colours: light, so the dark text on them keeps its contrast; the value is always written. */
function cellColour(score: number | null, target: number): string | undefined {
  if (score === null) return undefined;
  if (score >= target) return '#ecf3ec';
  if (score >= target - 0.75) return '#faf3d1';
  return '#f8e1de';
}

function ResultsPanel({ campaign, canManage, onGap }: { campaign: Campaign; canManage: boolean; onGap(gap: Gap): void }) {
  const [filter, setFilter] = useState<{ orgUnitId: string; roleGroup: NonNullable<Query<'/api/trauma/campaigns/{id}/results'>['roleGroup']> | '' }>({
    orgUnitId: '',
    roleGroup: '',
  });
  const query: Query<'/api/trauma/campaigns/{id}/results'> = { orgUnitId: filter.orgUnitId || undefined, roleGroup: filter.roleGroup || undefined };
  const isClosed = campaign.status === 'closed';
  const results = useQuery({
    queryKey: ['trauma', 'results', campaign.id, query],
    queryFn: () => must(client.GET('/api/trauma/campaigns/{id}/results', { params: { path: { id: campaign.id }, query } })),
    enabled: isClosed,
  });
  const r = results.data;
  const k = campaign.minGroupSize;
  return (
    <section aria-labelledby="results-heading" data-testid="results">
      <h2 id="results-heading">Results: {campaign.title}</h2>
      <p>Results are shown only for groups of {k} or more respondents, and never where a smaller group could be worked out from the others.</p>
      {!isClosed ? (
        <p data-testid="results-summary">
          Results are shown when this campaign closes ({campaign.closesOn}): results that changed with each answer would reveal that answer.{' '}
          {campaign.responded} of {campaign.invited} have answered so far.
        </p>
      ) : null}
      <div className="grid-row grid-gap">
        <div className="grid-col-12 tablet:grid-col-6">
          <SelectField
            id="results-unit"
            label="Org unit"
            {...bind(filter, setFilter, 'orgUnitId')}
            options={[{ value: '', label: 'Everyone surveyed' }, ...campaign.progress.map((p) => ({ value: p.orgUnitId, label: p.orgUnitName }))]}
          />
        </div>
        <div className="grid-col-12 tablet:grid-col-6">
          <SelectField
            id="results-role"
            label="Role group"
            {...bind(filter, setFilter, 'roleGroup')}
            options={[
              { value: '', label: 'All roles' },
              { value: 'staff', label: 'Staff' },
              { value: 'supervisor', label: 'Supervisors' },
              { value: 'manager', label: 'Managers' },
              { value: 'family', label: 'Families' },
            ]}
          />
        </div>
      </div>
      <ErrorAlert error={results.error} />
      {r ? (
        <>
          <p role="status" aria-live="polite" data-testid="results-summary">
            {r.isSuppressed
              ? `Not shown: fewer than ${k} people in this group answered, or the group could be worked out from others.`
              : `${r.respondents} respondents. Overall ${r.overall?.toFixed(2) ?? '—'} of ${r.scale.max} (target ${r.target.toFixed(2)}): ${stageLabels[r.stage ?? ''] ?? '—'}.`}{' '}
            <a className="usa-link" href={`/api/trauma/campaigns/${campaign.id}/report.pdf${query ? `?${query}` : ''}`}>
              Download the report (PDF)
            </a>
          </p>
          {!r.isSuppressed ? (
            <>
              <BarChart
                title="Scores by implementation domain"
                bars={r.domains.filter((d) => d.score !== null).map((d) => ({ label: d.label, value: d.score! }))}
                format={(v) => v.toFixed(2)}
              />
              <TableRegion label="Implementation domains against the baseline">
                <table className="usa-table usa-table--borderless" data-testid="baseline">
                  <caption>Implementation domains: baseline ({r.trend[0]?.title ?? '—'}), this campaign and the target</caption>
                  <TableHead columns={['Domain', 'Baseline', 'This campaign', 'Target']} />
                  <tbody>
                    {r.domains.map((d) => {
                      const baseline = r.trend[0]?.domains.find((b) => b.id === d.id)?.score ?? null;
                      return (
                        <tr key={d.id}>
                          <th scope="row">{d.label}</th>
                          <td>{baseline === null ? `fewer than ${k}` : baseline.toFixed(2)}</td>
                          <td>{d.score === null ? `fewer than ${k}` : d.score.toFixed(2)}</td>
                          <td>{r.target.toFixed(2)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableRegion>
              <TableRegion label="Scores by key principle">
                <table className="usa-table usa-table--borderless">
                  <caption>Scores by SAMHSA key principle (target {r.target.toFixed(2)})</caption>
                  <TableHead columns={['Principle', 'Score', 'Subscale alpha']} />
                  <tbody>
                    {r.principles.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">{p.label}</th>
                        <td>{p.score === null ? `fewer than ${k}` : p.score.toFixed(2)}</td>
                        <td>{r.subscales.find((s) => s.id === p.id)?.alpha?.toFixed(2) ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
              <TableRegion label="Gaps to the target, largest first">
                <table className="usa-table usa-table--borderless" data-testid="gaps">
                  <caption>Gaps to the target, largest first</caption>
                  <TableHead columns={['Rank', 'Gap', 'Score', 'Below target', 'Actions', ...(canManage ? ['Plan'] : [])]} />
                  <tbody>
                    {r.gaps.map((g) => (
                      <tr key={`${g.kind}-${g.id}`}>
                        <td>{g.rank}</td>
                        <th scope="row">
                          {g.label} ({g.kind})
                        </th>
                        <td>{g.score.toFixed(2)}</td>
                        <td>{g.gap.toFixed(2)}</td>
                        <td>{g.actions}</td>
                        {canManage ? (
                          <td>
                            <button type="button" className="usa-button usa-button--outline usa-button--unstyled" onClick={() => onGap(g)}>
                              Make “{g.label}” an action
                            </button>
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            </>
          ) : null}
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Heat map by org unit">
            <TableRegion label="Heat map: org unit × implementation domain">
              <table className="usa-table usa-table--borderless font-sans-3xs" data-testid="heat-map">
                <caption>Heat map: org unit × implementation domain</caption>
                <TableHead columns={['Org unit', ...(r.heatMap[0]?.cells.map((c) => c.label) ?? [])]} />
                <tbody>
                  {r.heatMap.map((row) => (
                    <tr key={row.orgUnitId}>
                      <th scope="row">{row.orgUnitName}</th>
                      {row.isSuppressed ? (
                        <td colSpan={row.cells.length}>Not shown (fewer than {k}, or could be worked out from the others)</td>
                      ) : (
                        row.cells.map((c) => (
                          <td key={c.id} style={{ background: cellColour(c.score, r.target) }}>
                            {c.score === null ? '—' : c.score.toFixed(1)}
                          </td>
                        ))
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </div>
          <TableRegion label="Trend across campaigns">
            <table className="usa-table usa-table--borderless">
              <caption>Trend across campaigns</caption>
              <TableHead columns={['Campaign', 'Closed', 'Overall']} />
              <tbody>
                {r.trend.map((t) => (
                  <tr key={t.campaignId}>
                    <th scope="row">{t.title}</th>
                    <td>{t.closesOn}</td>
                    <td>{t.overall === null ? `fewer than ${k}` : t.overall.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      ) : null}
    </section>
  );
}

function Campaigns({ canManage, onGap }: { canManage: boolean; onGap(gap: Gap, campaignId: string): void }) {
  const campaigns = useQuery({ queryKey: ['trauma', 'campaigns'], queryFn: () => must(client.GET('/api/trauma/campaigns')) });
  // The campaign shown is in the address (`/trauma?campaign=<id>`): a link to its results can be shared.
  const search = useSearch({ strict: false }) as { campaign?: unknown };
  const selected = typeof search.campaign === 'string' ? search.campaign : null;
  const act = useAction(
    ({ id, action }: { id: string; action: 'remind' | 'close' }): Promise<Campaign | { reminded: number }> =>
      action === 'remind'
        ? must(client.POST('/api/trauma/campaigns/{id}/remind', { params: { path: { id } } }))
        : must(client.POST('/api/trauma/campaigns/{id}/close', { params: { path: { id } } })),
    [['trauma']],
  );
  // The latest closed campaign first: an open one has no results yet.
  const shown = campaigns.data?.find((c) => c.id === (selected ?? campaigns.data.find((x) => x.status === 'closed')?.id ?? campaigns.data[0]?.id));
  return (
    <>
      <section aria-labelledby="campaigns-heading">
        <h2 id="campaigns-heading">Campaigns</h2>
        <ErrorAlert error={campaigns.error ?? act.error} />
        <TableRegion label="Campaigns">
          <table className="usa-table usa-table--borderless" data-testid="campaigns">
            <TableHead columns={['Campaign', 'Who is asked', 'Open', 'Status', 'Answered', '']} />
            <tbody>
              {campaigns.data?.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.title}</th>
                  <td>{c.audience === 'families' ? 'Families' : 'Staff'}</td>
                  <td>
                    {c.opensOn} to {c.closesOn}
                  </td>
                  <td>{c.status}</td>
                  <td>
                    {c.responded} of {c.invited}
                  </td>
                  <td>
                    <Link to="/trauma" search={{ campaign: c.id } as never} className="usa-link" aria-current={shown?.id === c.id ? 'true' : undefined}>
                      Results of “{c.title}”
                    </Link>
                    {canManage && c.status === 'open' ? (
                      <>
                        {c.audience === 'staff' ? (
                          <>
                            {' · '}
                            <button type="button" className="usa-button usa-button--unstyled" onClick={() => act.mutate({ id: c.id, action: 'remind' })}>
                              Remind who has not answered
                            </button>
                          </>
                        ) : null}
                        {' · '}
                        <button type="button" className="usa-button usa-button--unstyled" onClick={() => act.mutate({ id: c.id, action: 'close' })}>
                          Close “{c.title}”
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <p role="status" aria-live="polite">
          {act.data && 'reminded' in act.data ? `${act.data.reminded} reminded.` : act.data ? `Campaign “${act.data.title}” is ${act.data.status}.` : ''}
        </p>
      </section>
      {shown ? <ResultsPanel campaign={shown} canManage={canManage} onGap={(gap) => onGap(gap, shown.id)} /> : null}
    </>
  );
}

export function TraumaPage() {
  const session = useSession();
  const canRead = hasPermission(session.data, 'trauma.read');
  const canManage = hasPermission(session.data, 'trauma.manage');
  const [from, setFrom] = useState<{ gap: Gap; campaignId: string } | null>(null);
  const chooseGap = (gap: Gap, campaignId: string) => {
    setFrom({ gap, campaignId });
    requestAnimationFrame(() => document.getElementById('action-title')?.focus());
  };
  return (
    <Page
      title="Trauma-informed organisation"
      intro="Anonymous staff self-assessment and families’ experience survey, the gaps they show, and the multi-year plan that closes them."
    >
      <MySurveys />
      {canRead ? <Campaigns canManage={canManage} onGap={chooseGap} /> : null}
      {canManage ? <OpenCampaign /> : null}
      {canRead ? <ActionPlanSection canManage={canManage} from={from} /> : null}
    </Page>
  );
}
