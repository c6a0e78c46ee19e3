/**
 * buildApp: the platform kernel and its own routes, every module's routes in module order
 * (`modules/all.ts`), and the web app's files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { modules } from './modules/all';
import { auditRoutes } from './platform/audit/routes';
import { authRoutes } from './platform/auth/routes';
import { AppError } from './platform/errors';
import { apiPrefixes } from './platform/http/access';
import { sendProblem, toProblem } from './platform/http/problem';
import { createPlatformServer, type ServerOptions } from './platform/http/server';
import type { ConcordApp, PlatformContext } from './platform/http/types';
import { jobRoutes } from './platform/jobs/routes';
import { searchRoutes } from './platform/search/routes';
import { workRoutes } from './platform/work/routes';
import { activityRoutes } from './platform/audit/activity';
import type { ConcordModule } from './platform/module';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

async function serveWebApp(app: ConcordApp): Promise<void> {
  const hasBuild = fs.existsSync(path.join(webDistDir, 'index.html'));
  // The build writes .br and .gz beside each text file (web/vite.config.ts): sent to browsers that accept them.
  if (hasBuild) await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false, preCompressed: true });
  app.setNotFoundHandler((request, reply) => {
    const isApi = apiPrefixes.some((p) => request.url.startsWith(p));
    if (isApi || !hasBuild || request.method !== 'GET') {
      return sendProblem(reply, toProblem(new AppError('not_found', 'route_not_found', `No ${request.method} ${request.url.split('?')[0]}.`), request));
    }
    // The web app routes on the client: every other GET gets its page.
    return reply.type('text/html').sendFile('index.html');
  });
}

const platformTags = [
  { name: 'accounts', description: 'Sign-in, sessions, single sign-on, accounts and API tokens' },
  { name: 'audit', description: 'The audit log: search and verification of its hash chain' },
  { name: 'jobs', description: 'Background jobs and their progress' },
  { name: 'search', description: 'One search over every module’s records, within your scope' },
  { name: 'work', description: 'Each person’s home: the queues they work, what is overdue, their recent activity' },
];

export async function buildApp(context: PlatformContext, options: ServerOptions = {}, mounted: readonly ConcordModule[] = modules): Promise<ConcordApp> {
  const app = await createPlatformServer(context, { ...options, tags: [...platformTags, ...mounted.flatMap((m) => m.tags ?? [])] });
  await app.register(auditRoutes);
  await app.register(authRoutes);
  await app.register(jobRoutes);
  const providers = mounted.flatMap((m) => m.search ?? []);
  if (providers.length > 0) await app.register(searchRoutes(providers));
  await app.register(activityRoutes(mounted.flatMap((m) => (m.caseRecords ? [m.caseRecords] : []))));
  await app.register(workRoutes(mounted.flatMap((m) => (m.work ?? []).map((queue) => ({ ...queue, module: m.name })))));
  const host = { context, modules: mounted };
  for (const module of mounted) if (module.routes) await app.register((scoped) => module.routes!(scoped, host));
  await serveWebApp(app);
  await app.ready();
  return app;
}
