/**
 * The parents' portal on a slow phone: page weight and first load, measured in Chromium with the network
 * and processor of a low-end phone (Lighthouse's mobile figures: 150 ms round trip, 1.6 Mbit/s down,
 * 750 kbit/s up, the processor four times slower), 360 px wide. For the sign-in page on a first visit
 * (nothing cached) and a parent's case page right after signing in, it prints what was transferred, the
 * number of requests, first contentful paint and the time until the page's content is on screen.
 *
 *   npm run bench -- portal-load
 *
 * Targets (Concord's own; no figure was given): at most 350 kB transferred for the first page, and its
 * content on screen within 3 s on this profile.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { waitForReady } from './server-process';

const port = 3400 + crypto.randomInt(0, 500);
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-portal-'));
const targets = { firstPageKb: 350, contentMs: 3_000 };

/** Counts the bytes that crossed the (throttled) network, compressed as sent. */
async function transferMeter(cdp: CDPSession) {
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
    requests += 1;
  });
  return {
    reset: () => ((bytes = 0), (requests = 0)),
    read: () => ({ kb: bytes / 1024, requests }),
  };
}

async function slowPhone(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6e6 / 8) * 0.9,
    uploadThroughput: (750e3 / 8) * 0.9,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

/** Loads a page and waits for its content; the times are from the navigation's start. */
async function load(page: Page, url: string, content: () => Promise<unknown>) {
  await page.goto(url, { waitUntil: 'commit' });
  await content();
  return page.evaluate(() => ({ fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN, contentMs: performance.now() }));
}

const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  env: { ...process.env, PORT: String(port), CONCORD_DATA_DIR: dataDir, CONCORD_DEMO_CASES: '300', CONCORD_LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  await waitForReady(base, child);
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true, locale: 'en-US' });
  const page = await context.newPage();
  const cdp = await slowPhone(page);
  const meter = await transferMeter(cdp);

  const signInTimes = await load(page, `${base}/portal/sign-in`, () => page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor());
  await page.waitForLoadState('networkidle');
  const signInWeight = meter.read();

  await page.getByLabel('Email address').fill('parent.pays@concord.test');
  await page.getByLabel('Password').fill('concord-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor({ timeout: 60_000 });
  const caseLink = page.getByRole('link', { name: /^See case / }).first();
  const href = await caseLink.getAttribute('href');
  meter.reset();
  // A parent opening their case from a link (a text message, a bookmark): a new page load, the app already cached.
  const caseTimes = await load(page, `${base}${href}`, () => page.getByTestId('total-owed').waitFor({ timeout: 60_000 }));
  await page.waitForLoadState('networkidle');
  const caseWeight = meter.read();

  const row = (name: string, weight: { kb: number; requests: number }, times: { fcpMs: number; contentMs: number }) =>
    `| ${name} | ${weight.kb.toFixed(0)} kB | ${weight.requests} | ${times.fcpMs.toFixed(0)} ms | ${times.contentMs.toFixed(0)} ms |`;
  console.log('Slow phone: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU ×4 slower, 360 px\n');
  console.log('| page | transferred | requests | first contentful paint | content on screen |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(row('sign-in, first visit (nothing cached)', signInWeight, signInTimes));
  console.log(row("a parent's case, app cached", caseWeight, caseTimes));
  const isWithinWeight = signInWeight.kb <= targets.firstPageKb;
  const isWithinTime = signInTimes.contentMs <= targets.contentMs;
  console.log(
    `\nFirst page: ${signInWeight.kb.toFixed(0)} kB (target ≤ ${targets.firstPageKb} kB: ${isWithinWeight ? 'met' : 'NOT met'}), ` +
      `content in ${(signInTimes.contentMs / 1000).toFixed(2)} s (target ≤ ${targets.contentMs / 1000} s: ${isWithinTime ? 'met' : 'NOT met'})`,
  );
} finally {
  await browser.close();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
}
