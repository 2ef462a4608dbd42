// Issue 18 item 3: any two stored runs side by side — KPIs, monthly energy
// and a chosen week, with the differences highlighted (green better, red
// worse). The runs are made through the API, then picked on the page.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNothingOffsite, launchBrowser, shot, startServer, waitReady } from './harness.mjs';

let server;
let browser;
let page;

async function run(overrides) {
  const res = await fetch(server.base + '/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scenario: 'qinghai_base', overrides }) });
  const { id } = await res.json();
  for (;;) {
    const r = await (await fetch(`${server.base}/api/runs/${id}?wait_ms=10000`)).json();
    if (r.status === 'done') return id;
    assert.notEqual(r.status, 'failed', r.error);
  }
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
});

afterEach(() => assertNothingOffsite(browser.offsite));

after(async () => {
  await browser?.close();
  server?.stop();
});

describe('compare any two runs', () => {
  test('KPIs, monthly energy and a chosen week, differences highlighted', async () => {
    const a = await run({ 'pv.0.dc_capacity_kw': 100000 });
    const b = await run({ 'pv.0.dc_capacity_kw': 400000 });
    await page.goto(server.base + '/?lang=en');
    await waitReady(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="cmp-a"] option').length >= 3);
    await page.selectOption('[data-testid="cmp-a"]', String(a));
    await page.selectOption('[data-testid="cmp-b"]', String(b));
    await page.click('[data-testid="cmp-go"]');
    await page.waitForSelector('[data-testid="cmp-kpis"]');
    const head = await page.locator('[data-testid="cmp-kpis"] thead').innerText();
    assert.match(head, new RegExp(`A #${a}[\\s\\S]*B #${b}`));
    // Four times the PV: more PV energy and less emissions (both better),
    // more curtailment (worse).
    const diff = (attr) => page.locator(`[data-kpi-cmp="${attr}"] td.diff`);
    assert.match(await diff('pv').innerText(), /^\+[\d.]+ GWh$/);
    assert.match(await diff('pv').getAttribute('class'), /better/);
    assert.match(await diff('emissions').innerText(), /^-[\d.]+ tCO₂$/);
    assert.match(await diff('emissions').getAttribute('class'), /better/);
    assert.match(await diff('curtailment').getAttribute('class'), /worse/);
    // The differences are computed from the two runs' own figures.
    const cells = await page.locator('[data-kpi-cmp="cfe_score"] td').allInnerTexts();
    const pct = (s) => Number(s.replace(/[^\d.+-]/g, ''));
    assert.ok(Math.abs(pct(cells[1]) - pct(cells[0]) - pct(cells[2])) <= 0.11, cells.join(' | '));
    // Monthly energy: twelve months, each with its differences; the two
    // runs' monthly charts side by side.
    assert.equal(await page.locator('[data-testid="cmp-months"] tbody tr').count(), 12);
    const june = await page.locator('[data-testid="cmp-months"] tr[data-month="2025-06"] td.diff').first();
    assert.match(await june.innerText(), /^\+[\d.]+ [MG]Wh$/);
    assert.match(await june.getAttribute('class'), /better/);
    assert.equal(await page.locator('[data-testid="cmp-out"] svg.monthly').count(), 2);
    // A chosen week: its KPIs follow the choice.
    await page.selectOption('[data-testid="cmp-week"]', '0');
    assert.match(await page.locator('[data-testid="cmp-out"] h3').last().innerText(), /week 1$/);
    const winter = await page.locator('[data-week="cfe_score"]').innerText();
    await page.selectOption('[data-testid="cmp-week"]', '25');
    assert.match(await page.locator('[data-testid="cmp-out"] h3').last().innerText(), /week 26$/);
    assert.notEqual(await page.locator('[data-week="cfe_score"]').innerText(), winter);
    assert.ok((await page.locator('[data-testid="cmp-week-kpis"] td.better, [data-testid="cmp-week-kpis"] td.worse').count()) >= 1);
    // and both runs' week drawn together.
    await page.waitForSelector('[data-testid="cmp-week-chart"] canvas');
    assert.match(await page.locator('[data-testid="cmp-week-chart"]').innerText(), /A Clean to load[\s\S]*B Clean to load/);
    await page.locator('[data-testid="compare-runs"]').scrollIntoViewIfNeeded();
    await shot(page, '21-compare-two-runs');
  });
});
