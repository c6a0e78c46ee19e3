/** The frame of every signed-in page: skip link, header with the user's role and LCSA, navigation. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { client, must } from '../api';
import { hasPermission, useLcsas, useSession } from '../session';
import { moduleList } from '../pages/modules/modules';
import { Loading } from './Page';

const navItems = [
  { to: '/', label: 'Home' },
  { to: '/cases', label: 'Cases', permission: 'registry.read' },
  ...moduleList.map((m) => ({ to: `/${m.slug}`, label: m.name })),
  { to: '/payoffs', label: 'Payoffs', permission: 'liens.payoffs' },
  { to: '/jobs', label: 'Jobs', permission: 'jobs.read' },
  { to: '/audit', label: 'Audit', permission: 'audit.read' },
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
  }, [session.isSuccess, session.data, navigate]);
  useEffect(() => setMenuOpen(false), [pathname]);

  if (session.isPending) return <Loading what="your session" />;
  const user = session.data?.user;
  if (!user) return null;
  const lcsaName = user.lcsaId ? (lcsas.data?.find((l) => l.id === user.lcsaId)?.name ?? user.lcsaId) : 'Statewide';
  const visible = navItems.filter((item) => !item.permission || hasPermission(session.data, item.permission));

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
              <p className="margin-y-05 font-sans-2xs">
                <strong>{user.displayName}</strong> · {user.roleLabel} · {lcsaName}
              </p>
              <button type="button" className="usa-button usa-button--outline usa-button--small" onClick={() => signOut.mutate()}>
                Sign out
              </button>
            </div>
          </div>
        </nav>
      </header>
      <main id="main-content" className="grid-container padding-y-4">
        <Outlet />
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
