/**
 * The frame of every portal page: skip link, a plain header with the language switch and sign-out, the
 * page, and a footer that says who reads what a parent shares. Mobile first: one column, large targets.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { client, must } from '../../api';
import { portalI18n, switchLanguage, usePortalText, type PortalLanguage } from '../../i18n';
import { hasPermission, useSession } from '../../session';

export function PortalFrame() {
  const { t, language } = usePortalText();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const isParent = hasPermission(session.data, 'portal.use');
  const remembered = session.data?.user.language;

  // A parent's account remembers their language across devices.
  useEffect(() => {
    if (isParent && (remembered === 'en' || remembered === 'es') && remembered !== portalI18n.language) void switchLanguage(remembered);
  }, [isParent, remembered]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const choose = useMutation({
    mutationFn: async (next: PortalLanguage) => {
      await switchLanguage(next);
      if (isParent) {
        await must(client.PUT('/api/portal/language', { body: { language: next } }));
        await queryClient.invalidateQueries({ queryKey: ['session'] });
      }
    },
  });
  const signOut = useMutation({
    mutationFn: () => must(client.POST('/api/auth/sign-out')),
    onSuccess: async () => {
      queryClient.clear();
      await navigate({ to: '/portal/sign-in' });
    },
  });
  const other: PortalLanguage = language === 'es' ? 'en' : 'es';

  return (
    <div className="portal">
      <a className="usa-skipnav" href="#main-content">
        {t('frame.skip')}
      </a>
      <header className="portal-header">
        <div className="grid-container portal-header__inner">
          <p className="portal-brand">
            <Link to={isParent ? '/portal' : '/portal/sign-in'}>{t('frame.brand')}</Link>
          </p>
          <div className="portal-tools">
            <button type="button" className="usa-button usa-button--outline usa-button--small" lang={other} onClick={() => choose.mutate(other)}>
              {t('frame.switchTo')}
            </button>
            {isParent ? (
              <button type="button" className="usa-button usa-button--unstyled" onClick={() => signOut.mutate()}>
                {t('frame.signOut')}
              </button>
            ) : null}
          </div>
        </div>
        {isParent ? (
          <nav className="grid-container" aria-label={t('frame.menuLabel')}>
            <ul className="portal-nav">
              <li>
                <Link to="/portal" activeOptions={{ exact: true }} activeProps={{ 'aria-current': 'page' }}>
                  {t('frame.home')}
                </Link>
              </li>
              <li>
                <Link to="/portal/help" activeProps={{ 'aria-current': 'page' }}>
                  {t('frame.help')}
                </Link>
              </li>
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main-content" className="grid-container padding-y-3 portal-main">
        <Outlet />
      </main>
      <footer className="portal-footer">
        <div className="grid-container padding-y-2">
          <p className="font-sans-2xs">{t('frame.footer')}</p>
        </div>
      </footer>
    </div>
  );
}

/** The portal's own error line: the API's code in the reader's language, never staff's English text. */
export function PortalError({ error }: { error: unknown }) {
  const { t } = usePortalText();
  if (!error) return null;
  const problem = (error as { problem?: { code?: string; status?: number } }).problem;
  const code = problem?.code ?? '';
  const key = portalI18n.exists(`errors.${code}`) ? `errors.${code}` : problem?.status && problem.status < 500 ? 'errors.validation' : 'errors.generic';
  return (
    <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{t(key)}</p>
      </div>
    </div>
  );
}
