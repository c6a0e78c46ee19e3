/**
 * LTI platforms, for administrators: the learning management systems (Blackboard, or any LTI 1.3
 * platform) that launch Concord's courses — register one with what its own registration of Concord gave
 * (issuer, client id, deployments, its login, token and key set addresses), see what to enter there for
 * Concord, and disable one at once. A platform's launch signs its learner in, so this is an administrator's task.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { NewLtiPlatform } from '../../../../src/modules/training/contract';
import { client, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { Facts } from '../../components/Facts';
import { ErrorAlert, Loading, Page } from '../../components/Page';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { field } from '../../components/bind';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';

const platformsKey = ['training', 'lti-platforms'] as const;
const blank = { name: '', issuer: '', clientId: '', deploymentIds: '', authLoginUrl: '', accessTokenUrl: '', jwksUrl: '' };

export function LtiPlatformsPage() {
  const session = useSession();
  const [form, setForm] = useState(blank);
  const set = (name: keyof typeof blank) => field(form[name], (value: string) => setForm({ ...form, [name]: value }));
  const platforms = useQuery({ queryKey: platformsKey, queryFn: () => must(client.GET('/api/training/lti-platforms')) });
  const register = useAction(() => {
    const body: NewLtiPlatform = {
      ...form,
      name: form.name.trim(),
      deploymentIds: form.deploymentIds
        .split(/[\s,]+/)
        .map((d) => d.trim())
        .filter(Boolean),
    };
    return must(client.POST('/api/training/lti-platforms', { body }));
  }, [platformsKey]);
  const change = useAction(
    ({ id, isActive }: { id: string; isActive: boolean }) =>
      must(client.POST('/api/training/lti-platforms/{id}', { params: { path: { id } }, body: { isActive } })),
    [platformsKey],
  );
  if (!hasPermission(session.data, 'users.manage') || session.data?.user.lcsaId !== null)
    return <Page title="LTI platforms" intro="Learning platforms are registered by a statewide administrator." />;
  const tool = platforms.data?.tool;
  return (
    <Page
      title="LTI platforms"
      intro="Learning management systems that launch Concord's courses with LTI 1.3. A launch signs the learner in to the Concord account with the same email, opens the course, and sends the score back when it is complete."
    >
      <p>
        <Link to="/training" className="usa-link">
          Back to Training
        </Link>
      </p>
      <ErrorAlert error={platforms.error ?? change.error} />
      {platforms.isPending ? <Loading what="LTI platforms" /> : null}
      {tool ? (
        <section aria-labelledby="tool-heading">
          <h2 id="tool-heading">Enter these in the platform for Concord</h2>
          <Facts
            testId="lti-tool"
            facts={[
              ['Login initiation URL', tool.loginUrl],
              ['Redirect (launch) URL', tool.redirectUrl],
              ['Deep linking URL', tool.deepLinkingUrl],
              ['Public key set (JWKS) URL', tool.jwksUrl],
            ]}
          />
        </section>
      ) : null}
      {platforms.data?.platforms.length === 0 ? <p>No platform is registered yet.</p> : null}
      {platforms.data && platforms.data.platforms.length > 0 ? (
        <TableRegion label="Registered platforms">
          <table className="usa-table usa-table--compact width-full" data-testid="lti-platforms">
            <caption>{platforms.data.platforms.length === 1 ? '1 registered platform' : `${platforms.data.platforms.length} registered platforms`}</caption>
            <TableHead columns={['Platform', 'Client id', 'Deployments', 'Status', 'Actions']} />
            <tbody>
              {platforms.data.platforms.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name}
                    <br />
                    <span className="concord-token">{p.issuer}</span>
                  </th>
                  <td className="concord-token">{p.clientId}</td>
                  <td>{p.deploymentIds.join(', ')}</td>
                  <td>{p.isActive ? 'Active' : 'Disabled'}</td>
                  <td>
                    <button
                      type="button"
                      className="usa-button usa-button--outline"
                      disabled={change.isPending}
                      onClick={() => change.mutate({ id: p.id, isActive: !p.isActive })}
                    >
                      {p.isActive ? `Disable ${p.name}` : `Enable ${p.name}`}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      <ActionForm
        id="lti-register"
        heading="h2"
        title="Register a platform"
        submitLabel="Register the platform"
        isPending={register.isPending}
        error={register.error}
        status={register.data ? `${register.data.name} is registered: its launches are accepted from now on.` : ''}
        onSubmit={() => register.mutate()}
      >
        <TextField id="lti-name" label="Name" required {...set('name')} />
        <TextField id="lti-issuer" label="Issuer" hint="The platform's issuer (iss), e.g. https://blackboard.com" type="url" required {...set('issuer')} />
        <TextField id="lti-client" label="Client id" hint="The id the platform gave Concord when Concord was added as a tool" required {...set('clientId')} />
        <TextField id="lti-deployments" label="Deployment ids" hint="One or more, separated by commas" required {...set('deploymentIds')} />
        <TextField id="lti-auth" label="OIDC authorisation URL" type="url" required {...set('authLoginUrl')} />
        <TextField id="lti-token" label="OAuth 2 token URL" hint="Used to send scores back" type="url" required {...set('accessTokenUrl')} />
        <TextField id="lti-jwks" label="Public key set (JWKS) URL" type="url" required {...set('jwksUrl')} />
      </ActionForm>
    </Page>
  );
}
