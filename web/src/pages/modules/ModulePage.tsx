import { Page } from '../../components/Page';
import type { ModuleInfo } from './modules';

export function ModulePage({ module }: { module: ModuleInfo }) {
  return (
    <Page title={module.name} intro={module.purpose}>
      <div className="usa-alert usa-alert--info">
        <div className="usa-alert__body">
          <h2 className="usa-alert__heading">Coming soon</h2>
          <p className="usa-alert__text">This module is being built. It will offer:</p>
          <ul className="usa-list">
            {module.coming.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      </div>
    </Page>
  );
}
