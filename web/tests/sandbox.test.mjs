// Browser tests of the digital sandbox (issues 5 and 18): a real `shapan
// serve` started in an empty folder (the page comes from the binary) and
// Debian's Chromium driven by playwright-core (web/tests/harness.mjs: any
// request off loopback fails the test). Screenshots go to web/test-results/
// (or $SHAPAN_TEST_RESULTS); the slider-to-redrawn times go to
// redraw-times.json there.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNothingOffsite, launchBrowser, results, root, shot as shotOf, startServer, waitReady } from './harness.mjs';

let server;
let base;
let browser;
let page;
const shot = (name) => shotOf(page, name);
const figure = (expr) => page.evaluate(`window.__shapan.${expr}`);

async function setRange(testid, value, event) {
  await page.locator(`[data-testid="${testid}"]`).evaluate((el, [v, ev]) => {
    el.value = String(v);
    el.dispatchEvent(new Event(ev, { bubbles: true }));
  }, [value, event]);
}

async function waitIdle(previousRunId) {
  await page.waitForFunction((prev) => window.__shapan.runId !== prev && !window.__shapan.busy, previousRunId, { timeout: 30000 });
}

const kpi = (name, col) => page.locator(`[data-kpi="${name}"] .kpi-${col}`).innerText();

before(async () => {
  // No --web, no --scenarios: an empty folder, as a user would start it.
  server = await startServer();
  base = server.base;
  browser = await launchBrowser();
  page = browser.page;
});

afterEach(() => assertNothingOffsite(browser.offsite));

after(async () => {
  await browser?.close();
  server?.stop();
});

describe('sandbox page', () => {
  test('is served by the binary alone, from an empty folder, with no web/dist', async () => {
    assert.equal(existsSync(join(root, 'web/dist')), false, 'web/dist must not exist (scripts/test-web.sh removes it)');
    const res = await fetch(base + '/');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /text\/html/);
    assert.match(await res.text(), /<script src="app.js">/);
    const js = await fetch(base + '/app.js');
    assert.match(js.headers.get('content-type'), /javascript/);
    // The folder holds nothing but the run store the server made there.
    assert.deepEqual(readdirSync(server.cwd).filter((f) => !f.startsWith('shapan.db')), []);
  });

  test('loads: sand table, gauges, KPIs and charts from a real run', async () => {
    await page.goto(base + '/?lang=zh');
    await waitReady(page);
    assert.ok(await figure('runId'));
    assert.equal(await page.locator('[data-testid="sandtable"]').count(), 1);
    assert.match(await page.locator('h1').innerText(), /数字沙盘/);
    assert.match(await kpi('green_share', 'run'), /%/);
    // The hourly CFE score leads the KPIs; 绿电直连 compliance is shown.
    assert.equal(await page.locator('[data-kpi]').first().getAttribute('data-kpi'), 'cfe_score');
    assert.match(await kpi('direct_supply', 'run'), /合规/);
    assert.match(await kpi('ds_self_use', 'run'), /%/);
    assert.equal(await page.locator('[data-testid="chart-gen"] canvas').count(), 1);
    assert.equal(await page.locator('[data-testid="chart-storage"] canvas').count(), 1);
    assert.equal(await page.locator('[data-testid="chart-price"] canvas').count(), 1);
    assert.match(await page.locator('[data-testid="gauge-soc"]').textContent(), /%/);
    // Issue 18 item 5: running jobs as a count beside their IT power, and one
    // line on what 算电协同 is doing (the default base has a GPU workload).
    assert.match(await page.locator('[data-testid="value-jobs"]').textContent(), /^运行中作业 \d+ · [\d.]+ [kM]W$/);
    assert.match(await page.locator('[data-testid="cosim"]').innerText(), /^算电协同 \(追踪绿电\): /);
    assert.match(await page.locator('[data-testid="cosim"]').innerText(), /个作业运行中，IT [\d.]+ [kM]W|无作业运行/);
    assert.match(await page.locator('[data-testid="cosim"]').innerText(), /绿电供给 [\d.]+ %|本时段全部由绿电供电/);
    // The monthly chart: a bar of unserved energy for each month of the year.
    assert.equal(await page.locator('[data-testid="monthly"] rect[data-part="unserved"]').count(), 12);
    await shot('01-loaded-zh');
  });

  test('plays and pauses', async () => {
    const c0 = await figure('cursor');
    await page.click('[data-testid="play"]');
    await page.waitForTimeout(1500);
    await page.click('[data-testid="play"]');
    const c1 = await figure('cursor');
    assert.ok(c1 > c0 + 10, `cursor moved from ${c0} to ${c1} at a day per second`);
    assert.equal(await figure('playing'), false);
    await page.waitForTimeout(300);
    assert.equal(await figure('cursor'), c1);
    await shot('02-played');
  });

  test('scrubs across the run and jumps to notable days', async () => {
    await setRange('scrubber', 4300, 'input');
    assert.equal(Math.floor(await figure('cursor')), 4300);
    assert.match(await page.locator('[data-testid="clock"]').innerText(), /^2025-06-29 04:00/);
    await shot('03-scrubbed-june');
    await page.click('[data-testid="jump-curtail"]');
    const curtDay = await page.locator('[data-testid="clock"]').innerText();
    await page.click('[data-testid="jump-windless"]');
    const windless = await page.locator('[data-testid="clock"]').innerText();
    assert.notEqual(curtDay, windless);
    await shot('04-windless-week');
  });

  test('a slider reruns the scenario, KPIs change, and the redraw is timed', async () => {
    const before = await kpi('emissions', 'run');
    const times = [];
    for (const [i, v] of [2, 2.5, 1.5, 3, 2].entries()) {
      const prev = await figure('runId');
      await setRange('slider-pv', v, 'change');
      await waitIdle(prev);
      times.push(await figure('lastRedrawMs'));
      if (i === 0) assert.notEqual(await kpi('emissions', 'run'), before, 'emissions follow doubled PV');
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    writeFileSync(join(results, 'redraw-times.json'), JSON.stringify({ scenario: 'qinghai_base', steps: 8760, times_ms: times, median_ms: median }, null, 2) + '\n');
    console.log(`slider-to-redrawn (ms): ${times.map((x) => x.toFixed(0)).join(', ')}; median ${median.toFixed(0)}`);
    // The goal is a second; the bound leaves room for a loaded CI machine.
    assert.ok(median < 2500, `median slider-to-redrawn ${median} ms`);
    await setRange('slider-battery', 2, 'change');
    await waitIdle(await figure('runId'));
    // The other what-if controls rerun too, without an error.
    for (const id of ['slider-wind', 'slider-hydro', 'slider-it']) {
      const prev = await figure('runId');
      await setRange(id, 1.5, 'change');
      await waitIdle(prev);
      assert.equal(await page.locator('[data-testid="status"]').innerText(), '', id);
    }
    const prev = await figure('runId');
    await page.selectOption('[data-testid="scheduler"]', 'green_following');
    await waitIdle(prev);
    assert.equal(await page.locator('[data-testid="status"]').innerText(), '');
    await shot('05-after-slider');
  });

  test('compares with the previous run side by side', async () => {
    const rows = page.locator('[data-testid="compare"] tr[data-compare]');
    assert.ok((await rows.count()) >= 5);
    const head = await page.locator('[data-testid="compare"] thead').innerText();
    assert.match(head, new RegExp(`#${await figure('previousId')}`));
    assert.match(head, new RegExp(`#${await figure('runId')}`));
    const change = await page.locator('[data-compare="pv"] td').nth(2).innerText();
    assert.match(change, /Wh/);
    assert.equal(await page.locator('[data-testid="compare-bars"] .cmp-bar').count(), 6);
  });

  test('switches between Chinese and English', async () => {
    await page.click('[data-testid="lang"]');
    assert.match(await page.locator('h1').innerText(), /digital sandbox/);
    assert.match(await page.locator('[data-kpi="green_share"] th').innerText(), /Green share/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await shot('06-english');
    await page.click('[data-testid="lang"]');
    assert.match(await page.locator('[data-kpi="green_share"] th').innerText(), /绿电占比/);
    assert.match(await page.locator('[data-kpi="emissions"] .kpi-run').innerText(), /吨CO₂/);
  });

  test('kiosk mode plays a representative week in a loop', async () => {
    await page.goto(base + '/?kiosk=1');
    await waitReady(page);
    assert.ok(await page.evaluate(() => document.body.classList.contains('kiosk')));
    assert.equal(await page.locator('header').isVisible(), false);
    assert.equal(await figure('playing'), true);
    const seen = [];
    for (let i = 0; i < 18; i++) {
      seen.push(await figure('cursor'));
      await page.waitForTimeout(500);
    }
    const span = Math.max(...seen) - Math.min(...seen);
    assert.ok(span <= 7 * 24, `stays within one week (span ${span} steps)`);
    const wrapped = seen.some((c, i) => i > 0 && c < seen[i - 1]);
    assert.ok(wrapped, 'loops back to the start of the week');
    await shot('07-kiosk');
  });
});

describe('API on the same server', () => {
  const post = (body, type = 'application/json') => fetch(base + '/api/runs', { method: 'POST', headers: { 'Content-Type': type }, body });
  test('bad requests get a 4xx with a clear message and the server keeps serving', async () => {
    const cases = [
      [post('{oops'), 400, /not valid JSON/],
      [post(JSON.stringify({ scenario: 'no_such' })), 404, /unknown scenario "no_such"/],
      [fetch(base + '/api/runs/424242'), 404, /unknown run 424242/],
      [post(JSON.stringify({ scenario: 'qinghai_base', overrides: { 'pv.0.dc_capacity_kw': -1 } })), 400, /pv\.0\.dc_capacity_kw/],
      [post(JSON.stringify({ scenario: 'qinghai_base', overrides: { 'weather.file': '/etc/passwd' } })), 400, /outside the allowed folders/],
      [post(JSON.stringify({ scenario: 'qinghai_base', pad: 'x'.repeat(200000) })), 413, /larger than/],
    ];
    for (const [req, status, message] of cases) {
      const res = await req;
      const body = await res.json();
      assert.equal(res.status, status, JSON.stringify(body));
      assert.match(body.error, message);
    }
    const health = await fetch(base + '/api/health');
    assert.equal(health.status, 200);
  });
});
