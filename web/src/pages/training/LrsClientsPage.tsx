/**
 * LRS clients, managed like any credential: the outside learning systems (Blackboard, a course package's
 * player) that report to Concord's LRS at /xapi/ — what each may do (xAPI scopes), when it was last used,
 * a new secret (shown once) and disabling one at once. Every use is in the audit log.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { lrsScopeNames, lrsScopes, type LrsScope } from '../../../../src/modules/training/contract';
import { client, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { ErrorAlert, Loading, Page } from '../../components/Page';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { field } from '../../components/bind';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';

const clientsKey = ['training', 'lrs-clients'] as const;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-US') : 'Never');

/** The key and secret just made: shown once, with what to do with them. */
function SecretShown({ shown }: { shown: { key: string; secret: string; what: string } | null }) {
  return (
    <div role="status" aria-live="polite">
      {shown ? (
        <div className="usa-alert usa-alert--success margin-y-2" data-testid="secret-shown">
          <div className="usa-alert__body">
            <h3 className="usa-alert__heading">{shown.what}</h3>
            <p className="usa-alert__text">
              Key <code className="concord-token">{shown.key}</code>, secret <code className="concord-token">{shown.secret}</code>. Copy the secret into the
              learning system now: Concord keeps only a hash of it and will not show it again.
            </p>
          </div>
        </div>
      ) : null}
    </div>
  );
}

export function LrsClientsPage() {
  const session = useSession();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<LrsScope[]>(['statements/write', 'statements/read/mine']);
  const [shown, setShown] = useState<{ key: string; secret: string; what: string } | null>(null);
  const [rotating, setRotating] = useState<string | null>(null);
  const clients = useQuery({ queryKey: clientsKey, queryFn: () => must(client.GET('/api/training/xapi-clients')) });
  const create = useAction(() => must(client.POST('/api/training/xapi-clients', { body: { name: name.trim(), scopes } })), [clientsKey]);
  const rotate = useAction((key: string) => must(client.POST('/api/training/xapi-clients/{key}/rotate', { params: { path: { key } } })), [clientsKey]);
  const change = useAction(
    ({ key, isActive }: { key: string; isActive: boolean }) =>
      must(client.PATCH('/api/training/xapi-clients/{key}', { params: { path: { key } }, body: { isActive } })),
    [clientsKey],
  );
  if (!hasPermission(session.data, 'training.author')) return <Page title="LRS clients" intro="Your role does not manage learning record clients." />;
  return (
    <Page
      title="LRS clients"
      intro="Outside learning systems that report to Concord's learning record store (xAPI, at /xapi/). Each has its own key and secret, does only what its scopes allow, and every use is audited."
    >
      <p>
        <Link to="/training" className="usa-link">
          Back to Training
        </Link>
      </p>
      <SecretShown shown={shown} />
      <ErrorAlert error={clients.error ?? rotate.error ?? change.error} />
      {clients.isPending ? <Loading what="LRS clients" /> : null}
      {clients.data ? (
        <TableRegion label="LRS clients">
          <table className="usa-table usa-table--compact width-full" data-testid="lrs-clients">
            <caption className="usa-sr-only">LRS clients, by name</caption>
            <TableHead columns={['Client', 'May', 'Status', 'Actions']} />
            <tbody>
              {clients.data.map((c) => (
                <tr key={c.key}>
                  <th scope="row">
                    {c.name}
                    <br />
                    <code className="concord-token">{c.key}</code>
                  </th>
                  <td>{c.scopes.map((s) => lrsScopeNames[s as LrsScope] ?? s).join('; ')}</td>
                  <td>
                    {c.isActive ? 'Active' : <strong>Disabled</strong>}
                    <br />
                    Last used: {when(c.lastUsedAt)}
                    <br />
                    Secret changed: {c.secretRotatedAt ? when(c.secretRotatedAt) : 'not since it was made'}
                  </td>
                  <td>
                    <button type="button" className="usa-button usa-button--unstyled" onClick={() => setRotating(c.key)}>
                      New secret<span className="usa-sr-only"> for {c.name}</span>
                    </button>
                    <br />
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      disabled={change.isPending}
                      onClick={() => change.mutate({ key: c.key, isActive: !c.isActive })}
                    >
                      {c.isActive ? 'Disable' : 'Enable'}
                      <span className="usa-sr-only"> {c.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {rotating ? (
        <ConfirmPanel
          testId="confirm-rotate"
          title={`A new secret for ${clients.data?.find((c) => c.key === rotating)?.name ?? rotating}?`}
          text="The current secret stops working at once: the learning system is refused until it is given the new one."
          confirmLabel="Make a new secret"
          onConfirm={() => {
            const key = rotating;
            setRotating(null);
            rotate.mutate(key, { onSuccess: (made) => setShown({ ...made, what: 'New secret made' }) });
          }}
          onCancel={() => setRotating(null)}
        />
      ) : null}
      <ActionForm
        id="lrs-client-new"
        title="Register a client"
        heading="h2"
        submitLabel="Register client"
        isPending={create.isPending}
        error={create.error}
        status={create.isSuccess ? 'Client registered.' : ''}
        onSubmit={() =>
          create.mutate(undefined, {
            onSuccess: (made) => {
              setShown({ ...made, what: `${name.trim()} registered` });
              setName('');
            },
          })
        }
      >
        <TextField id="lrs-client-name" label="Name" hint="The learning system, e.g. Blackboard" required minLength={2} {...field(name, setName)} />
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">What it may do</legend>
          {lrsScopes.map((scope) => (
            <div className="usa-checkbox" key={scope}>
              <input
                className="usa-checkbox__input"
                id={`scope-${scope}`}
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(event) => setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
              />
              <label className="usa-checkbox__label" htmlFor={`scope-${scope}`}>
                {lrsScopeNames[scope]} <span className="text-base-dark">({scope})</span>
              </label>
            </div>
          ))}
        </fieldset>
      </ActionForm>
    </Page>
  );
}
