/** A parent's home: their cases, and what they have asked for with where it stands. */
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { useAction } from '../../components/useAction';
import { client, fileBody, must } from '../../api';
import { Page } from '../../components/Page';
import { usePortalText } from '../../i18n';
import { hasPermission, useSession } from '../../session';
import { PortalError } from './PortalFrame';

/** Portal pages need a parent signed in: anyone else goes to the portal's sign-in. */
export function useParent(): boolean {
  const session = useSession();
  const navigate = useNavigate();
  const isParent = hasPermission(session.data, 'portal.use');
  useEffect(() => {
    if (session.isSuccess && !isParent) void navigate({ to: '/portal/sign-in' });
  }, [session.isSuccess, isParent, navigate]);
  return isParent;
}

export const myRequestsKey = ['portal', 'requests'] as const;

export function PortalHomePage() {
  const { t, date, money } = usePortalText();
  const isParent = useParent();
  const cases = useQuery({ queryKey: ['portal', 'cases'], queryFn: () => must(client.GET('/api/portal/cases')), enabled: isParent });
  const requests = useQuery({ queryKey: myRequestsKey, queryFn: () => must(client.GET('/api/portal/requests')), enabled: isParent });
  if (!isParent) return null;
  return (
    <Page title={t('home.title')} intro={t('home.intro')}>
      <PortalError error={cases.error ?? requests.error} />
      {cases.isPending ? <p role="status">{t('frame.loading')}</p> : null}
      {cases.data?.length === 0 ? <p>{t('home.none')}</p> : null}
      <ul className="usa-card-group portal-cards">
        {cases.data?.map((c) => (
          <li key={c.caseId} className="usa-card portal-card">
            <div className="usa-card__container">
              <div className="usa-card__header">
                <h2 className="usa-card__heading">{t('home.caseNumber', { number: c.caseNumber })}</h2>
              </div>
              <div className="usa-card__body">
                <p>
                  <strong>{c.role === 'obligor' ? t('home.youPay') : t('home.youReceive')}</strong> · {c.status === 'open' ? t('home.open') : t('home.closed')}
                </p>
                <p>{t('home.agency', { agency: c.agency })}</p>
              </div>
              <div className="usa-card__footer">
                <Link to="/portal/cases/$caseId" params={{ caseId: c.caseId }} className="usa-button portal-wide-button">
                  {t('home.see', { number: c.caseNumber })}
                </Link>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <Surveys />
      <Notices />
      <Liens />
      <h2>{t('home.requestsTitle')}</h2>
      <p>{t('home.requestsIntro')}</p>
      {requests.data?.length === 0 ? <p>{t('home.requestsNone')}</p> : null}
      <ul className="usa-list usa-list--unstyled portal-requests">
        {requests.data?.map((r) => (
          <li key={r.id} className="portal-request">
            <h3 className="font-sans-sm margin-bottom-05">{t(`kinds.${r.kind}`)}</h3>
            <p className="margin-y-05">
              <span className="usa-tag portal-status">{t(`statuses.${r.status}`)}</span> · {t('home.caseNumber', { number: r.caseNumber })} ·{' '}
              {t('home.asked', { date: date(r.createdAt.slice(0, 10)) })}
            </p>
            {r.dueOn && r.status !== 'done' ? <p className="margin-y-05">{t('home.dueBy', { date: date(r.dueOn) })}</p> : null}
            {r.answer ? <p className="margin-y-05">{t('home.answer', { answer: r.answer })}</p> : null}
            {r.payoff ? <p className="margin-y-05">{t('home.payoff', { amount: money(r.payoff.amountCents), date: date(r.payoff.goodThrough) })}</p> : null}
            {r.documents.length > 0 ? <p className="margin-y-05">{t('home.attached', { names: r.documents.map((d) => d.fileName).join(', ') })}</p> : null}
            {(r.status === 'received' || r.status === 'in_review') && r.documents.length < 5 ? <AttachDocument requestId={r.id} /> : null}
          </li>
        ))}
      </ul>
      <p className="margin-top-3">
        <Link to="/portal/help">{t('home.moreHelp')}</Link>
      </p>
    </Page>
  );
}

/** The families' survey, offered once staff have closed one of the parent's requests: optional and anonymous. */
function Surveys() {
  const { t, date } = usePortalText();
  const surveys = useQuery({ queryKey: ['portal', 'surveys'], queryFn: () => must(client.GET('/api/portal/surveys')) });
  const open = surveys.data?.filter((s) => !s.hasAnswered) ?? [];
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="surveys" className="portal-section">
      <h2 id="surveys">{t('home.survey')}</h2>
      <p>{t('home.surveyIntro')}</p>
      <ul className="usa-list usa-list--unstyled">
        {open.map((s) => (
          <li key={s.campaignId} className="portal-request">
            <Link to="/portal/survey" hash={s.token} className="usa-button usa-button--outline portal-wide-button">
              {t('home.surveyOpen')}
            </Link>
            <p className="margin-y-05">{t('home.surveyClosesOn', { date: date(s.closesOn) })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Attaching a document to an open request: a PDF or an image, checked by the server. */
function AttachDocument({ requestId }: { requestId: string }) {
  const { t } = usePortalText();
  const [file, setFile] = useState<File | null>(null);
  const attach = useAction(
    () =>
      must(
        client.POST('/api/portal/requests/{id}/documents', {
          params: { path: { id: requestId }, query: { fileName: file?.name ?? 'document' } },
          ...fileBody(file ?? new Blob(), file?.type || 'application/pdf'),
        }),
      ),
    [myRequestsKey],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    attach.mutate();
  };
  const id = `attach-${requestId}`;
  return (
    <form className="usa-form" onSubmit={submit} noValidate>
      <PortalError error={attach.error} />
      <label className="usa-label" htmlFor={id}>
        {t('home.attachLabel')}
      </label>
      <span className="usa-hint" id={`${id}-hint`}>
        {t('home.attachWho')}
      </span>
      <input
        className="usa-file-input__input"
        id={id}
        type="file"
        accept="application/pdf,image/png,image/jpeg"
        aria-describedby={`${id}-hint`}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <button className="usa-button usa-button--outline margin-top-1" type="submit" disabled={!file || attach.isPending}>
        {t('home.attachSubmit')}
      </button>
      <p role="status" className="margin-y-1">
        {attach.isSuccess ? t('home.attachDone') : null}
      </p>
    </form>
  );
}

const lienStatuses = ['recorded', 'partially_released', 'subordinated', 'released'] as const;
const isLienStatus = (status: string): status is (typeof lienStatuses)[number] => (lienStatuses as readonly string[]).includes(status);

/** The paying parent's recorded liens in every county, and asking once for the payoff or the release. */
function Liens() {
  const { t, date } = usePortalText();
  const liens = useQuery({ queryKey: ['portal', 'liens'], queryFn: () => must(client.GET('/api/portal/liens')) });
  if (!liens.data?.length) return null;
  const inForce = liens.data.some((l) => l.status !== 'released');
  return (
    <section aria-labelledby="liens" className="portal-section">
      <h2 id="liens">{t('home.liensTitle')}</h2>
      <p>{t('home.liensIntro')}</p>
      <ul className="usa-list usa-list--unstyled">
        {liens.data.map((l) => (
          <li key={l.id} className="portal-request">
            <p className="margin-y-05">
              <span className="usa-tag portal-status">{isLienStatus(l.status) ? t(`lienStatuses.${l.status}`) : l.status}</span>{' '}
              {l.recordedOn ? t('home.lienLine', { county: l.countyName, date: date(l.recordedOn) }) : l.countyName}
              {l.instrumentNumber ? ` · ${t('home.lienNumber', { number: l.instrumentNumber })}` : ''}
            </p>
          </li>
        ))}
      </ul>
      {inForce ? (
        <>
          <LienAsk kind="lien_payoff" />
          <LienAsk kind="lien_release" />
        </>
      ) : null}
    </section>
  );
}

function LienAsk({ kind }: { kind: 'lien_payoff' | 'lien_release' }) {
  const { t, date } = usePortalText();
  const [message, setMessage] = useState('');
  const ask = useAction(
    () => must(client.POST('/api/portal/requests', { body: { kind, ...(message.trim() ? { message: message.trim() } : {}) } })),
    [myRequestsKey],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate();
  };
  const words =
    kind === 'lien_payoff'
      ? { title: t('home.payoffTitle'), intro: t('home.payoffIntro'), submit: t('home.payoffSubmit') }
      : { title: t('home.releaseTitle'), intro: t('home.releaseIntro'), submit: t('home.releaseSubmit') };
  return (
    <form className="usa-form usa-form--large" onSubmit={submit} noValidate aria-labelledby={`${kind}-title`}>
      <h3 id={`${kind}-title`} className="font-sans-sm">
        {words.title}
      </h3>
      <p className="font-sans-xs">{words.intro}</p>
      <PortalError error={ask.error} />
      <label className="usa-label" htmlFor={`${kind}-message`}>
        {t('home.lienMessage')}
      </label>
      <textarea className="usa-textarea" id={`${kind}-message`} value={message} maxLength={2000} onChange={(e) => setMessage(e.target.value)} />
      <button className="usa-button margin-top-2 portal-wide-button" type="submit" disabled={ask.isPending || ask.isSuccess}>
        {words.submit}
      </button>
      <p role="status" className="margin-y-1">
        {ask.data?.dueOn ? t('home.lienAsked', { date: date(ask.data.dueOn) }) : null}
      </p>
    </form>
  );
}

const noticesKey = ['portal', 'notices'] as const;
const grounds = ['not_my_claim', 'amount_wrong', 'support_paid', 'exempt_payment', 'other'] as const;

/** Insurance intercept notices to the paying parent, each with its contest or a way to contest it. */
function Notices() {
  const { t, money, date } = usePortalText();
  const notices = useQuery({ queryKey: noticesKey, queryFn: () => must(client.GET('/api/portal/notices')) });
  if (!notices.data?.length) return null;
  return (
    <section aria-labelledby="notices" className="portal-section">
      <h2 id="notices">{t('home.noticesTitle')}</h2>
      <p>{t('home.noticesIntro')}</p>
      <ul className="usa-list usa-list--unstyled">
        {notices.data.map((n) => (
          <li key={n.id} className="portal-request">
            <p className="margin-y-05">
              {t('home.noticeLine', { insurer: n.insurerName, date: date(n.noticeDate), amount: money(n.withholdCents), pastDue: money(n.pastDueCents) })}
            </p>
            {n.onHold ? <p className="margin-y-05">{t('home.noticeOnHold')}</p> : null}
            {n.contest ? <p className="margin-y-05">{t(`contestStatuses.${n.contest.status}`)}</p> : null}
            {n.contest?.decisionNote ? <p className="margin-y-05">{t('home.answer', { answer: n.contest.decisionNote })}</p> : null}
            {n.canContest ? <ContestForm noticeId={n.id} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ContestForm({ noticeId }: { noticeId: string }) {
  const { t } = usePortalText();
  const [why, setWhy] = useState<(typeof grounds)[number] | ''>('');
  const [statement, setStatement] = useState('');
  const contest = useAction(
    () =>
      must(
        client.POST('/api/portal/requests', {
          body: { kind: 'notice_contest', noticeId, grounds: why || 'other', ...(statement.trim() ? { statement: statement.trim() } : {}) },
        }),
      ),
    [myRequestsKey, noticesKey],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    contest.mutate();
  };
  const id = `contest-${noticeId}`;
  return (
    <form className="usa-form usa-form--large" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="font-sans-sm">
        {t('home.contestTitle')}
      </h3>
      <p className="font-sans-xs">{t('home.contestWho')}</p>
      <PortalError error={contest.error} />
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t('home.grounds')}</legend>
        {grounds.map((g) => (
          <div key={g} className="usa-radio">
            <input className="usa-radio__input" id={`${id}-${g}`} type="radio" name={`${id}-grounds`} checked={why === g} onChange={() => setWhy(g)} />
            <label className="usa-radio__label" htmlFor={`${id}-${g}`}>
              {t(`contestGrounds.${g}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <label className="usa-label" htmlFor={`${id}-statement`}>
        {t('home.statement')}
      </label>
      <textarea className="usa-textarea" id={`${id}-statement`} value={statement} maxLength={4000} onChange={(e) => setStatement(e.target.value)} />
      <button className="usa-button margin-top-2 portal-wide-button" type="submit" disabled={contest.isPending || !why}>
        {t('home.contestSubmit')}
      </button>
      <p role="status" className="margin-y-1">
        {contest.isSuccess ? t('home.contestDone') : null}
      </p>
    </form>
  );
}
