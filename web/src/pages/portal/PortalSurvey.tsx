/**
 * The families' survey in the portal, offered once a request has closed. It is anonymous: the link's
 * token is in the address's fragment (never sent in a URL), and the answers go without the session
 * cookie, through trauma's survey, which keeps only the agency, "family" and the language.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { anonymousClient, must } from '../../api';
import { Page } from '../../components/Page';
import { SurveyStatements } from '../../components/SurveyStatements';
import { usePortalText } from '../../i18n';
import { PortalError } from './PortalFrame';

export function PortalSurveyPage() {
  const { t, language, date } = usePortalText();
  const [token] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, '')));
  const [answers, setAnswers] = useState<Record<string, number | null>>({});
  const survey = useQuery({
    queryKey: ['portal', 'survey', token],
    queryFn: () => must(anonymousClient.POST('/api/trauma/survey', { body: { token } })),
    enabled: token.length > 0,
    retry: false,
  });
  const send = useMutation({
    mutationFn: () => must(anonymousClient.POST('/api/trauma/survey/answers', { body: { token, language, roleGroup: 'family', answers } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  const found = survey.data;
  return (
    <Page title={t('survey.title')} intro={t('survey.intro')}>
      <p>{t('survey.choice')}</p>
      <p>{t('survey.next')}</p>
      {token.length === 0 ? <p>{t('survey.noLink')}</p> : null}
      <PortalError error={survey.error} />
      {survey.isLoading ? <p role="status">{t('frame.loading')}</p> : null}
      {found ? (
        <>
          <h2>{found.instrument.title[language]}</h2>
          <p>{t('survey.closes', { date: date(found.closesOn) })}</p>
          {found.hasAnswered ? <p>{t('survey.answered')}</p> : null}
          {!found.isOpen ? <p>{t('survey.closed')}</p> : null}
          {found.isOpen && !found.hasAnswered && !send.isSuccess ? (
            <form className="usa-form usa-form--large" onSubmit={submit} aria-label={found.instrument.title[language]}>
              <PortalError error={send.error} />
              <SurveyStatements
                instrument={found.instrument}
                language={language}
                answers={answers}
                onAnswer={(id, value) => setAnswers({ ...answers, [id]: value })}
                numbering={(position, count) => t('survey.numbering', { position, count })}
              />
              <button className="usa-button margin-top-4 portal-wide-button" type="submit" disabled={send.isPending}>
                {t('survey.send')}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
      <p role="status" aria-live="polite">
        {send.isSuccess ? t('survey.thanks') : ''}
      </p>
      <p className="margin-top-3">
        <Link to="/portal">{t('survey.back')}</Link>
      </p>
    </Page>
  );
}
