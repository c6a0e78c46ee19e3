import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { client, must, setCsrfToken } from '../../api';
import { ErrorAlert, Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { sessionKey } from '../../session';
import { field } from '../../components/bind';

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const navigate = useNavigate();
  const sso = useQuery({ queryKey: ['sso'], queryFn: () => must(client.GET('/api/auth/sso')), staleTime: Infinity });
  const queryClient = useQueryClient();
  const signIn = useMutation({
    mutationFn: () => must(client.POST('/api/auth/sign-in', { body: { email, password } })),
    onSuccess: async (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
      await navigate({ to: '/' });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <main id="main-content" className="grid-container padding-y-6">
      <div className="grid-row">
        <div className="grid-col-12 tablet:grid-col-8 desktop:grid-col-6">
          <Page title="Sign in to Concord" intro="California child support services: caseworkers, finance, budget, training and partners.">
            <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
              <ErrorAlert error={signIn.error} />
              <TextField id="email" label="Email address" type="email" autoComplete="username" required {...field(email, setEmail)} />
              <TextField id="password" label="Password" type="password" autoComplete="current-password" required {...field(password, setPassword)} />
              <button className="usa-button margin-top-3" type="submit" disabled={signIn.isPending}>
                {signIn.isPending ? 'Signing in…' : 'Sign in'}
              </button>
            </form>
            {sso.data?.isEnabled ? (
              <p className="margin-top-3">
                <a className="usa-button usa-button--outline" href={sso.data.startUrl}>
                  Sign in with state single sign-on
                </a>
              </p>
            ) : null}
            <p className="font-sans-2xs margin-top-4">The demo accounts are printed in the terminal where Concord was started.</p>
          </Page>
        </div>
      </div>
    </main>
  );
}
