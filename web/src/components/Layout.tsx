/** The frame of every signed-in page: skip link, header with the user's role and LCSA, navigation. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { Suspense, useEffect, useState } from 'react';
import { client, must } from '../api';
import { hasPermission, searchPermissions, staffPermissions, useLcsas, useSession } from '../session';
import { HeaderSearch } from './HeaderSearch';
import { moduleList } from '../pages/modules/modules';
import { Loading } from './Page';

/** Each page with the permissions any one of which makes it useful: a role sees only what it can do. */
const navItems: { to: string; label: string; permissions: string[] }[] = [
  { to: '/', label: 'Home', permissions: staffPermissions },
  { to: '/cases', label: 'Cases', permissions: ['registry.read'] },
  ...moduleList.map((m) => ({ to: `/${m.slug}`, label: m.name, permissions: m.permissions })),
  { to: '/payoffs', label: 'Payoffs', permissions: ['liens.payoffs'] },
  { to: '/jobs', label: 'Jobs', permissions: ['jobs.read'] },
  { to: '/audit', label: 'Audit', permissions: ['audit.read'] },
];

export function Layout() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const [isMenuOpen, setMenuOpen] = useState(false);
  const lcsas = useLcsas(Boolean(session.data));
  const signOut = useMutation({
    mutationFn: () => must(client.POST('/api/auth/sign-out')),
    onSuccess: async () => {
      queryClient.clear();
      await navigate({ to: '/sign-in' });
    },
  });

  useEffect(() => {
    if (session.isSuccess && session.data === null) void navigate({ to: '/sign-in' });
    // A parent belongs in the parents' portal, never in staff's frame.
    else if (hasPermission(session.data, 'portal.use')) void navigate({ to: '/portal' });
  }, [session.isSuccess, session.data, navigate]);
  useEffect(() => setMenuOpen(false), [pathname]);

  if (session.isPending) return <Loading what="your session" />;
  const user = session.data?.user;
  if (!user) return null;
  const lcsaName = user.lcsaId ? (lcsas.data?.find((l) => l.id === user.lcsaId)?.name ?? user.lcsaId) : 'Statewide';
  const visible = navItems.filter((item) => item.permissions.some((p) => hasPermission(session.data, p)));
  const canSearch = searchPermissions.some((p) => hasPermission(session.data, p));

  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        Skip to main content
      </a>
      <header className="usa-header usa-header--extended">
        <div className="usa-navbar">
          <div className="usa-logo">
            <em className="usa-logo__text">
              <Link to="/" title="Concord home">
                Concord
              </Link>
            </em>
          </div>
          <button type="button" className="usa-menu-btn" aria-expanded={isMenuOpen} aria-controls="primary-nav" onClick={() => setMenuOpen(!isMenuOpen)}>
            Menu
          </button>
        </div>
        <nav id="primary-nav" aria-label="Primary" className={`usa-nav${isMenuOpen ? ' is-visible' : ''}`}>
          <div className="usa-nav__inner">
            <button type="button" className="usa-nav__close" onClick={() => setMenuOpen(false)}>
              Close<span className="usa-sr-only"> menu</span>
            </button>
            <ul className="usa-nav__primary usa-accordion">
              {visible.map((item) => (
                <li key={item.to} className="usa-nav__primary-item">
                  <Link
                    to={item.to}
                    className="usa-nav-link"
                    activeProps={{ className: 'usa-nav-link usa-current', 'aria-current': 'page' }}
                    activeOptions={{ exact: item.to === '/' }}
                  >
                    <span>{item.label}</span>
                  </Link>
                </li>
              ))}
            </ul>
            <div className="usa-nav__secondary" data-testid="who-am-i">
              <div className="header-tools">
                {canSearch ? <HeaderSearch /> : null}
                <button type="button" className="usa-button usa-button--outline usa-button--small" onClick={() => signOut.mutate()}>
                  Sign out
                </button>
              </div>
              <p className="margin-y-05 font-sans-2xs">
                <strong>{user.displayName}</strong> · {user.roleLabel} · {lcsaName}
              </p>
            </div>
          </div>
        </nav>
      </header>
      <main id="main-content" className="grid-container padding-y-4">
        <Suspense fallback={<Loading what="the page" />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="usa-footer usa-footer--slim">
        <div className="grid-container padding-y-2">
          <p className="font-sans-2xs">
            Concord · California child support programme platform · <a href="/api/docs/">API reference</a>
          </p>
        </div>
      </footer>
    </>
  );
}
