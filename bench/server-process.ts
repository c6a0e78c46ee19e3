/** A Concord server started by a benchmark in its own process: waiting until it answers, and signing in as a demo account. */
import type { ChildProcess } from 'node:child_process';

/** Waits until /ready answers (at most `timeoutMs`, default 15 minutes: a first start may seed the demo). */
export async function waitForReady(base: string, child: ChildProcess, timeoutMs = 15 * 60_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (
      await fetch(`${base}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
  }
  throw new Error('server did not become ready in time');
}

/** Signs in as a demo account (the demo's shared password); the headers a state-changing request needs. */
export async function signIn(base: string, email = 'admin@concord.test'): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'concord-demo-2026' }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}
