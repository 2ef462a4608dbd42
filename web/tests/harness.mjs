// What every browser test of the sandbox shares: a real `shapan serve`
// started in an empty temporary folder (the page must come from the binary:
// no --web, no web/dist), Debian's Chromium driven by playwright-core, and a
// route on the browser context that lets only loopback through: any other
// request is aborted and recorded, and `assertNothingOffsite` (each test file
// calls it after every test) fails the test.
//
//   SHAPAN_BIN        the shapan binary (default: ../build/release/apps/cli/shapan)
//   CHROMIUM          the browser (default: /usr/bin/chromium)
//   SHAPAN_TEST_RESULTS  where screenshots go (default: web/test-results)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '../..');
export const bin = process.env.SHAPAN_BIN ?? join(root, 'build/release/apps/cli/shapan');
export const results = process.env.SHAPAN_TEST_RESULTS ?? join(root, 'web/test-results');
mkdirSync(results, { recursive: true });

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Starts `shapan serve --port 0 ARGS` with `cwd` (a new empty folder unless
// given); resolves to { base, cwd, stop }.
export function startServer(args = [], cwd = mkdtempSync(join(tmpdir(), 'shapan-serve-'))) {
  return new Promise((ok, fail) => {
    const server = spawn(bin, ['serve', '--port', '0', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`shapan serve did not start: ${out}`)), 20000);
    const stop = () => {
      server.kill('SIGTERM');
      rmSync(cwd, { recursive: true, force: true });
    };
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        ok({ base: `http://127.0.0.1:${m[1]}`, cwd, stop });
      }
    });
    server.stderr.on('data', (d) => (out += d));
    server.on('exit', (code) => fail(new Error(`shapan serve exited with ${code}: ${out}`)));
    // Never leave the server behind, even when a test aborts the run.
    process.on('exit', () => server.kill('SIGTERM'));
  });
}

// A headless Chromium whose every request off loopback is aborted and listed.
export async function launchBrowser(viewport = { width: 1600, height: 1000 }) {
  const profile = mkdtempSync(join(tmpdir(), 'shapan-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    viewport,
  });
  const offsite = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:' || LOOPBACK.has(u.hostname)) return route.continue();
    offsite.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && !LOOPBACK.has(u.hostname)) offsite.push(r.url());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, offsite, close };
}

export function assertNothingOffsite(offsite) {
  assert.deepEqual(offsite, [], `requests to addresses other than loopback: ${offsite.join(', ')}`);
}

export const shot = (page, name) => page.screenshot({ path: join(results, `${name}.png`), fullPage: true });

export async function waitReady(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
}
