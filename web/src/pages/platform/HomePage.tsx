import { Link } from '@tanstack/react-router';
import { Page } from '../../components/Page';
import { useSession } from '../../session';
import { moduleList } from '../modules/modules';

export function HomePage() {
  const { data } = useSession();
  return (
    <Page title={`Welcome, ${data?.user.displayName ?? ''}`} intro="One statewide platform for California's child support programme.">
      <h2>Programme initiatives</h2>
      <ul className="usa-card-group">
        {moduleList.map((m) => (
          <li key={m.slug} className="usa-card tablet:grid-col-6 desktop:grid-col-4">
            <div className="usa-card__container">
              <div className="usa-card__header">
                <h3 className="usa-card__heading">{m.name}</h3>
              </div>
              <div className="usa-card__body">
                <p>{m.purpose}</p>
              </div>
              <div className="usa-card__footer">
                <Link to={`/${m.slug}`} className="usa-button usa-button--outline" aria-label={`Open ${m.name}`}>
                  Open
                </Link>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Page>
  );
}
