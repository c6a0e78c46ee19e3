/** Sign-in and sign-up for parents, in the reader's language. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { client, must, setCsrfToken } from '../../api';
import { field } from '../../components/bind';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { portalI18n, switchLanguage, usePortalText, type PortalLanguage } from '../../i18n';
import { landingOf, sessionKey } from '../../session';
import { PortalError } from './PortalFrame';
import type { Session } from '../../../../src/platform/auth/contract';

/**
 * After sign-in: a parent who chose a language on this device before signing in keeps it, and the
 * account remembers it from then on; then to where the person starts.
 */
function useSignedIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (session: Session) => {
    setCsrfToken(session.csrfToken);
    const chosen = portalI18n.language;
    let signedIn = session;
    if (session.user.permissions.includes('portal.use') && session.user.language !== chosen && (chosen === 'en' || chosen === 'es')) {
      await must(client.PUT('/api/portal/language', { body: { language: chosen } }));
      signedIn = { ...session, user: { ...session.user, language: chosen } };
    }
    queryClient.setQueryData(sessionKey, signedIn);
    await navigate({ to: landingOf(signedIn) });
  };
}

export function PortalSignInPage() {
  const { t } = usePortalText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signedIn = useSignedIn();
  const signIn = useMutation({ mutationFn: () => must(client.POST('/api/auth/sign-in', { body: { email, password } })), onSuccess: signedIn });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <div className="portal-narrow">
      <Page title={t('signIn.title')} intro={t('signIn.intro')}>
        <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
          <PortalError error={signIn.error} />
          <TextField id="email" label={t('signIn.email')} type="email" autoComplete="username" required {...field(email, setEmail)} />
          <TextField id="password" label={t('signIn.password')} type="password" autoComplete="current-password" required {...field(password, setPassword)} />
          <button className="usa-button margin-top-3 portal-wide-button" type="submit" disabled={signIn.isPending}>
            {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
        <h2 className="font-sans-md margin-top-4">{t('signIn.noAccount')}</h2>
        <p>
          <Link to="/portal/sign-up" className="usa-button usa-button--outline portal-wide-button">
            {t('signIn.signUp')}
          </Link>
        </p>
        <p className="font-sans-2xs margin-top-4">
          <Link to="/sign-in">{t('signIn.staff')}</Link>
        </p>
      </Page>
    </div>
  );
}

export function PortalSignUpPage() {
  const { t, language } = usePortalText();
  const [step, setStep] = useState<1 | 2 | 3>(1);
  const [caseNumber, setCaseNumber] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [ssnLast4, setSsnLast4] = useState('');
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [accountLanguage, setAccountLanguage] = useState<PortalLanguage>(language);
  const [signUp, setSignUp] = useState<{ signUpId: string; message: string; finishToken?: string } | null>(null);
  const signedIn = useSignedIn();

  const start = useMutation({
    mutationFn: () =>
      must(
        client.POST('/api/portal/sign-up', {
          body: { caseNumber: caseNumber.trim(), dateOfBirth: dateOfBirth as `${number}-${number}-${number}`, ssnLast4, language },
        }),
      ),
    onSuccess: (started) => {
      setSignUp(started);
      setStep(2);
    },
  });
  const verify = useMutation({
    mutationFn: () => must(client.POST('/api/portal/sign-up/verify', { body: { signUpId: signUp!.signUpId, code: code.trim() } })),
    onSuccess: ({ finishToken }) => {
      setSignUp({ ...signUp!, finishToken });
      setStep(3);
    },
  });
  const finish = useMutation({
    mutationFn: () =>
      must(
        client.POST('/api/portal/sign-up/finish', {
          body: { signUpId: signUp!.signUpId, finishToken: signUp!.finishToken!, email, password, language: accountLanguage },
        }),
      ),
    onSuccess: async (session) => {
      await switchLanguage(accountLanguage);
      await signedIn(session);
    },
  });
  const restart = () => {
    setStep(1);
    setCode('');
    setSignUp(null);
    verify.reset();
  };
  const onSubmit = (action: () => void) => (event: FormEvent) => {
    event.preventDefault();
    action();
  };

  return (
    <div className="portal-narrow">
      <Page title={t('signUp.title')} intro={t('signUp.intro')}>
        {step === 1 ? (
          <form className="usa-form usa-form--large" onSubmit={onSubmit(() => start.mutate())} noValidate aria-labelledby="step-1">
            <h2 id="step-1" className="font-sans-md">
              {t('signUp.step1')}
            </h2>
            <p className="font-sans-xs">{t('signUp.whoSees')}</p>
            <PortalError error={start.error} />
            <TextField
              id="caseNumber"
              label={t('signUp.caseNumber')}
              hint={t('signUp.caseNumberHint')}
              autoComplete="off"
              required
              {...field(caseNumber, setCaseNumber)}
            />
            <TextField id="dateOfBirth" label={t('signUp.dateOfBirth')} type="date" autoComplete="bday" required {...field(dateOfBirth, setDateOfBirth)} />
            <TextField
              id="ssnLast4"
              label={t('signUp.ssnLast4')}
              hint={t('signUp.ssnLast4Hint')}
              inputMode="numeric"
              maxLength={4}
              autoComplete="off"
              required
              {...field(ssnLast4, setSsnLast4)}
            />
            <p className="font-sans-xs">{t('signUp.next1')}</p>
            <button className="usa-button portal-wide-button" type="submit" disabled={start.isPending}>
              {start.isPending ? t('signUp.sending') : t('signUp.sendCode')}
            </button>
          </form>
        ) : null}
        {step === 2 ? (
          <form className="usa-form usa-form--large" onSubmit={onSubmit(() => verify.mutate())} noValidate aria-labelledby="step-2">
            <h2 id="step-2" className="font-sans-md">
              {t('signUp.step2')}
            </h2>
            <p role="status">{t('signUp.next1')}</p>
            <PortalError error={verify.error} />
            <TextField
              id="code"
              label={t('signUp.code')}
              hint={t('signUp.codeHint')}
              inputMode="numeric"
              maxLength={6}
              autoComplete="one-time-code"
              required
              {...field(code, setCode)}
            />
            <button className="usa-button portal-wide-button" type="submit" disabled={verify.isPending}>
              {verify.isPending ? t('signUp.checking') : t('signUp.check')}
            </button>
            <button className="usa-button usa-button--unstyled margin-top-2" type="button" onClick={restart}>
              {t('signUp.startAgain')}
            </button>
          </form>
        ) : null}
        {step === 3 ? (
          <form className="usa-form usa-form--large" onSubmit={onSubmit(() => finish.mutate())} noValidate aria-labelledby="step-3">
            <h2 id="step-3" className="font-sans-md">
              {t('signUp.step3')}
            </h2>
            <PortalError error={finish.error} />
            <TextField id="email" label={t('signUp.email')} type="email" autoComplete="email" required {...field(email, setEmail)} />
            <TextField
              id="password"
              label={t('signUp.password')}
              hint={t('signUp.passwordHint')}
              type="password"
              autoComplete="new-password"
              required
              {...field(password, setPassword)}
            />
            <label className="usa-label" htmlFor="accountLanguage">
              {t('signUp.language')}
            </label>
            <select
              className="usa-select"
              id="accountLanguage"
              value={accountLanguage}
              onChange={(e) => setAccountLanguage(e.target.value === 'es' ? 'es' : 'en')}
            >
              <option value="en">{t('languages.en')}</option>
              <option value="es">{t('languages.es')}</option>
            </select>
            <p className="font-sans-xs">{t('signUp.next3')}</p>
            <button className="usa-button portal-wide-button" type="submit" disabled={finish.isPending}>
              {finish.isPending ? t('signUp.creating') : t('signUp.create')}
            </button>
          </form>
        ) : null}
      </Page>
    </div>
  );
}
