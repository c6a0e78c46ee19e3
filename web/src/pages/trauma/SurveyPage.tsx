/**
 * The anonymous survey. The link's token is in the address's fragment (after #), which browsers never send
 * to a server, so it is in no log; the page sends it in the request body. No sign-in: the link is the
 * invitation. English or Spanish, one statement per fieldset with its choices as radio buttons, so it works
 * with the keyboard alone and reads well with a screen reader.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { anonymousClient, must } from '../../api';
import { ErrorAlert, Loading, Page } from '../../components/Page';
import { SurveyStatements, type SurveyLanguage } from '../../components/SurveyStatements';

const words = {
  en: {
    title: 'Staff survey',
    intro:
      'Your answers are anonymous. We keep your office and the role you choose below, never your name, and results are shown only for groups of five or more people.',
    language: 'Language',
    role: 'Which best describes your role?',
    roles: { staff: 'Staff', supervisor: 'Supervisor', manager: 'Manager' },
    statement: 'Statement',
    of: 'of',
    send: 'Send my answers',
    thanks: 'Thank you. Your answers were received.',
    answered: 'You have answered this survey already. Thank you.',
    closed: 'This survey is closed.',
    noLink: 'This page needs the link from your list of surveys.',
    closes: 'Open until',
    unanswered: 'You can leave a statement unanswered.',
  },
  es: {
    title: 'Encuesta para el personal',
    intro:
      'Sus respuestas son anónimas. Guardamos su oficina y el puesto que elija abajo, nunca su nombre, y los resultados solo se muestran para grupos de cinco personas o más.',
    language: 'Idioma',
    role: '¿Qué describe mejor su puesto?',
    roles: { staff: 'Personal', supervisor: 'Supervisor(a)', manager: 'Gerente' },
    statement: 'Afirmación',
    of: 'de',
    send: 'Enviar mis respuestas',
    thanks: 'Gracias. Recibimos sus respuestas.',
    answered: 'Ya respondió esta encuesta. Gracias.',
    closed: 'Esta encuesta está cerrada.',
    noLink: 'Esta página necesita el enlace de su lista de encuestas.',
    closes: 'Abierta hasta',
    unanswered: 'Puede dejar una afirmación sin responder.',
  },
} as const;

function tokenFromAddress(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, ''));
}

export function SurveyPage() {
  const [token] = useState(tokenFromAddress);
  const [language, setLanguage] = useState<SurveyLanguage>('en');
  const [roleGroup, setRoleGroup] = useState<'staff' | 'supervisor' | 'manager'>('staff');
  const [answers, setAnswers] = useState<Record<string, number | null>>({});
  const survey = useQuery({
    queryKey: ['survey', token],
    queryFn: () => must(anonymousClient.POST('/api/trauma/survey', { body: { token } })),
    enabled: token.length > 0,
    retry: false,
  });
  const send = useMutation({
    mutationFn: () => must(anonymousClient.POST('/api/trauma/survey/answers', { body: { token, language, roleGroup, answers } })),
  });
  const t = words[language];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  const instrument = survey.data?.instrument;
  return (
    <main id="main-content" className="grid-container padding-y-4" lang={language}>
      <Page title={t.title} intro={t.intro}>
        <fieldset className="usa-fieldset margin-bottom-3">
          <legend className="usa-legend">{t.language}</legend>
          {(['en', 'es'] as const).map((l) => (
            <div className="usa-radio display-inline-block margin-right-3" key={l}>
              <input className="usa-radio__input" type="radio" id={`language-${l}`} name="language" checked={language === l} onChange={() => setLanguage(l)} />
              <label className="usa-radio__label" htmlFor={`language-${l}`} lang={l}>
                {l === 'en' ? 'English' : 'Español'}
              </label>
            </div>
          ))}
        </fieldset>
        {token.length === 0 ? <p>{t.noLink}</p> : null}
        <ErrorAlert error={survey.error} />
        {survey.isLoading ? <Loading what="the survey" /> : null}
        {survey.data && instrument ? (
          <>
            <h2>{survey.data.campaignTitle}</h2>
            <p>
              {t.closes} {survey.data.closesOn}. {t.unanswered}
            </p>
            {survey.data.hasAnswered ? <p>{t.answered}</p> : null}
            {!survey.data.isOpen ? <p>{t.closed}</p> : null}
            {survey.data.isOpen && !survey.data.hasAnswered && !send.isSuccess ? (
              <form className="usa-form maxw-tablet-lg" onSubmit={submit} aria-label={instrument.title[language]}>
                <ErrorAlert error={send.error} />
                <fieldset className="usa-fieldset">
                  <legend className="usa-legend usa-legend--large">{t.role}</legend>
                  {(['staff', 'supervisor', 'manager'] as const).map((r) => (
                    <div className="usa-radio" key={r}>
                      <input
                        className="usa-radio__input"
                        type="radio"
                        id={`role-${r}`}
                        name="role"
                        checked={roleGroup === r}
                        onChange={() => setRoleGroup(r)}
                      />
                      <label className="usa-radio__label" htmlFor={`role-${r}`}>
                        {t.roles[r]}
                      </label>
                    </div>
                  ))}
                </fieldset>
                <SurveyStatements
                  instrument={instrument}
                  language={language}
                  answers={answers}
                  onAnswer={(id, value) => setAnswers({ ...answers, [id]: value })}
                  numbering={(position, count) => `${t.statement} ${position} ${t.of} ${count}: `}
                />
                <button className="usa-button margin-top-4" type="submit" disabled={send.isPending}>
                  {t.send}
                </button>
              </form>
            ) : null}
          </>
        ) : null}
        <p role="status" aria-live="polite">
          {send.isSuccess ? t.thanks : ''}
        </p>
      </Page>
    </main>
  );
}
