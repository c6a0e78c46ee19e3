import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app';

const { app, signInAs } = await useTestApp();

describe('HTTP platform', () => {
  it('answers health and readiness', async () => {
    expect((await app.inject('/health')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/ready')).json()).toMatchObject({ status: 'ready' });
  });

  it('serves Prometheus metrics with request durations', async () => {
    await app.inject('/health');
    const metrics = await app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('concord_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('concord_process_cpu_seconds_total');
  });

  it('publishes OpenAPI 3.1 and a reference page', async () => {
    const spec = (await app.inject('/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{id}', '/api/jobs', '/api/audit']));
    const docs = await app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('publishes an OpenAPI document that the OpenAPI 3.1 schema accepts, every route included', async () => {
    const spec = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    const validator = new Validator();
    const result = await validator.validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/xapi/statements', '/xapi/activities/state']));
  });

  it('sets security headers and echoes a request id', async () => {
    const response = await app.inject('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
  });

  it('answers errors as problem+json with a stable code', async () => {
    const unknown = await app.inject('/api/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ code: 'route_not_found', status: 404 });
    const anonymous = await app.inject('/api/cases');
    expect(anonymous.json()).toMatchObject({ status: 401, code: 'sign_in_required' });
    const { headers } = await signInAs('state_staff');
    const badQuery = await app.inject({ url: '/api/cases?pageSize=5000', headers });
    expect(badQuery.json()).toMatchObject({ status: 400, code: 'request_is_invalid', errors: [{ path: 'querystring/pageSize' }] });
  });

  it('records failed attempts in the audit log even though their transaction rolled back', async () => {
    const { headers } = await signInAs('lcsa_budget');
    await app.inject({ url: '/api/audit', headers });
    const { headers: auditor } = await signInAs('auditor');
    const page = (await app.inject({ url: '/api/audit?action=GET&pageSize=10', headers: auditor })).json<{
      items: { action: string; outcome: string; actorRole: string }[];
    }>();
    expect(page.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'GET /api/audit', outcome: 'failed', actorRole: 'lcsa_budget' })]));
    expect((await app.inject({ url: '/api/audit/verify', headers: auditor })).json()).toMatchObject({ isIntact: true });
  });
});
