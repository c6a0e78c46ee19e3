/**
 * buildApp: the platform kernel plus one registration per module, A→Z, and the web app's files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { claimRoutes } from './modules/claims/index';
import { financeRoutes } from './modules/finance/index';
import { interceptRoutes } from './modules/intercept/index';
import { lienRoutes } from './modules/liens/index';
import { planRoutes } from './modules/plan/index';
import { registryRoutes } from './modules/registry/index';
import { trainingRoutes } from './modules/training/index';
import { traumaRoutes } from './modules/trauma/index';
import { auditRoutes } from './platform/audit/routes';
import { authRoutes } from './platform/auth/routes';
import { AppError } from './platform/errors';
import { sendProblem, toProblem } from './platform/http/problem';
import { createPlatformServer, type ServerOptions } from './platform/http/server';
import type { ConcordApp, PlatformContext } from './platform/http/types';
import { jobRoutes } from './platform/jobs/routes';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

const apiPrefixes = ['/api/', '/xapi/', '/health', '/ready', '/metrics'];

async function serveWebApp(app: ConcordApp): Promise<void> {
  const hasBuild = fs.existsSync(path.join(webDistDir, 'index.html'));
  if (hasBuild) await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    const isApi = apiPrefixes.some((p) => request.url.startsWith(p));
    if (isApi || !hasBuild || request.method !== 'GET') {
      return sendProblem(reply, toProblem(new AppError('not_found', 'route_not_found', `No ${request.method} ${request.url.split('?')[0]}.`), request));
    }
    // The web app routes on the client: every other GET gets its page.
    return reply.type('text/html').sendFile('index.html');
  });
}

export async function buildApp(context: PlatformContext, options: ServerOptions = {}): Promise<ConcordApp> {
  const app = await createPlatformServer(context, options);
  await app.register(auditRoutes);
  await app.register(authRoutes);
  await app.register(claimRoutes);
  await app.register(financeRoutes);
  await app.register(interceptRoutes);
  await app.register(lienRoutes);
  await app.register(jobRoutes);
  await app.register(planRoutes);
  await app.register(registryRoutes);
  await app.register(trainingRoutes);
  await app.register(traumaRoutes);
  await serveWebApp(app);
  await app.ready();
  return app;
}
