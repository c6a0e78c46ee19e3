/** One of a parent's cases: what is owed and why, the next payment, the order, payments and where they went, and asking about it. */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { client, must } from '../../api';
import { Page } from '../../components/Page';
import { useAction } from '../../components/useAction';
import { usePortalText } from '../../i18n';
import { myRequestsKey, useParent } from './PortalHome';
import { PortalError } from './PortalFrame';

/** How many payments show before "show all": a year of monthly payments. */
const newestShown = 12;

export function PortalCasePage({ caseId }: { caseId: string }) {
  const { t, money, date } = usePortalText();
  const isParent = useParent();
  const [isAllShown, setAllShown] = useState(false);
  const detail = useQuery({
    queryKey: ['portal', 'case', caseId],
    queryFn: () => must(client.GET('/api/portal/cases/{id}', { params: { path: { id: caseId } } })),
    enabled: isParent,
  });
  if (!isParent) return null;
  const d = detail.data;
  if (!d)
    return (
      <>
        <PortalError error={detail.error} />
        {detail.isPending ? <p role="status">{t('frame.loading')}</p> : null}
      </>
    );
  const owed: { label: string; help?: string; cents: number; isPart?: boolean }[] = [
    { label: t('case.currentDue'), help: t('case.currentDueHelp'), cents: d.owed.currentDueCents },
    { label: t('case.arrears'), help: t('case.arrearsHelp'), cents: d.owed.arrearsCents },
    { label: t('case.familyArrears'), cents: d.owed.familyArrearsCents, isPart: true },
    { label: t('case.assignedArrears'), cents: d.owed.assignedArrearsCents, isPart: true },
    { label: t('case.interest'), help: t('case.interestHelp'), cents: d.owed.interestCents },
  ];
  return (
    <>
      <p className="margin-top-0">
        <Link to="/portal">{t('case.back')}</Link>
      </p>
      <Page title={t('case.title', { number: d.case.caseNumber })} intro={t('case.intro', { date: date(d.asOf) })}>
        <section aria-labelledby="owed">
          <h2 id="owed">{t('case.owedTitle')}</h2>
          <dl className="portal-figures">
            {owed.map((o) => (
              <div key={o.label} className={o.isPart ? 'portal-figure portal-figure--part' : 'portal-figure'}>
                <dt>
                  {o.label}
                  {o.help ? <span className="portal-figure__help">{o.help}</span> : null}
                </dt>
                <dd>{money(o.cents)}</dd>
              </div>
            ))}
            <div className="portal-figure portal-figure--total">
              <dt>{t('case.total')}</dt>
              <dd data-testid="total-owed">{money(d.owed.totalCents)}</dd>
            </div>
          </dl>
        </section>
        <section aria-labelledby="next-due">
          <h2 id="next-due">{t('case.nextDueTitle')}</h2>
          <p>{d.nextDue ? t('case.nextDue', { amount: money(d.nextDue.amountCents), date: date(d.nextDue.dueOn) }) : t('case.noNextDue')}</p>
        </section>
        <section aria-labelledby="order">
          <h2 id="order">{t('case.orderTitle')}</h2>
          <ul className="usa-list">
            {d.orders.map((o) => (
              <li key={`${o.kind}-${o.issuedOn}`}>
                <strong>{t(`orderKinds.${o.kind}`)}</strong>:{' '}
                {t('case.orderLine', { amount: money(o.amountCents), frequency: t(`frequencies.${o.frequency}`), date: date(o.effectiveFrom) })}
              </li>
            ))}
          </ul>
          <p>{t('case.children', { count: d.childrenCount })}</p>
        </section>
        <section aria-labelledby="payments">
          <h2 id="payments">{t('case.paymentsTitle')}</h2>
          {d.payments.length === 0 ? (
            <p>{t('case.paymentsNone')}</p>
          ) : (
            <ul className="usa-list usa-list--unstyled portal-payments" aria-label={t('case.paymentsCaption')}>
              {(isAllShown ? d.payments : d.payments.slice(0, newestShown)).map((p, i) => (
                <li key={`${p.receivedOn}-${i}`} className="portal-payment">
                  <p className="margin-y-05">
                    <strong>{money(p.amountCents)}</strong> · {date(p.receivedOn)} · {t(`sources.${p.source}`)}
                  </p>
                  {p.isReversed ? (
                    <p className="margin-y-05">{t('case.reversed')}</p>
                  ) : (
                    <p className="margin-y-05 font-sans-xs">
                      {[
                        p.currentCents ? t('case.wentCurrent', { amount: money(p.currentCents) }) : null,
                        p.arrearsCents ? t('case.wentArrears', { amount: money(p.arrearsCents) }) : null,
                        p.interestCents ? t('case.wentInterest', { amount: money(p.interestCents) }) : null,
                        p.heldAsFuturesCents ? t('case.wentFutures', { amount: money(p.heldAsFuturesCents) }) : null,
                        p.toFamilyCents ? t('case.wentFamily', { amount: money(p.toFamilyCents) }) : null,
                        p.toRepayAssistanceCents ? t('case.wentState', { amount: money(p.toRepayAssistanceCents) }) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
          {d.payments.length > newestShown && !isAllShown ? (
            <p>
              {t('case.showingNewest', { shown: newestShown, count: d.payments.length })}{' '}
              <button type="button" className="usa-button usa-button--unstyled" onClick={() => setAllShown(true)}>
                {t('case.showAll', { count: d.payments.length })}
              </button>
            </p>
          ) : null}
          <p>
            <a className="usa-button usa-button--outline portal-wide-button" href={`/api/portal/cases/${caseId}/statement.pdf`}>
              {t('case.statement')}
            </a>
          </p>
        </section>
        <section aria-labelledby="ask">
          <h2 id="ask">{t('case.askTitle')}</h2>
          <p>{t('case.askIntro')}</p>
          <AskForm caseId={caseId} kind="account_audit" />
          <AskForm caseId={caseId} kind="order_review" />
        </section>
      </Page>
    </>
  );
}

function AskForm({ caseId, kind }: { caseId: string; kind: 'account_audit' | 'order_review' }) {
  const { t, date } = usePortalText();
  const [message, setMessage] = useState('');
  const keys =
    kind === 'account_audit'
      ? { title: 'auditTitle', help: 'auditHelp', field: 'auditMessage', submit: 'auditSubmit' }
      : { title: 'reviewTitle', help: 'reviewHelp', field: 'reviewMessage', submit: 'reviewSubmit' };
  const ask = useAction(() => must(client.POST('/api/portal/requests', { body: { kind, caseId, message } })), [myRequestsKey]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate();
  };
  const id = `ask-${kind}`;
  return (
    <form className="usa-form usa-form--large portal-ask" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(`case.${keys.title}`)}</h3>
      <p className="font-sans-xs">{t(`case.${keys.help}`)}</p>
      <PortalError error={ask.error} />
      <label className="usa-label" htmlFor={id}>
        {t(`case.${keys.field}`)}
      </label>
      <textarea className="usa-textarea" id={id} value={message} maxLength={2000} onChange={(e) => setMessage(e.target.value)} />
      <button className="usa-button margin-top-2 portal-wide-button" type="submit" disabled={ask.isPending || message.trim().length < 5}>
        {ask.isPending ? t('case.sending') : t(`case.${keys.submit}`)}
      </button>
      <p role="status" className="margin-y-1">
        {ask.data ? (kind === 'account_audit' && ask.data.dueOn ? t('case.auditDone', { date: date(ask.data.dueOn) }) : t('case.reviewDone')) : null}
      </p>
    </form>
  );
}
