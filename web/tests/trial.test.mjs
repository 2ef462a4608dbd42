// Issue 18 item 4: what the trial found on the page, one test each (the
// report's monthly and storage charts are checked in
// src/metrics/report_html_test.cc). Two servers: one started in an empty
// folder on the shipped examples, one on a scratch scenario with two PV
// fields and no grid (islanded, so that some load goes unserved).
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNothingOffsite, launchBrowser, root, shot, startServer, waitReady } from './harness.mjs';

let shipped;
let scratchServer;
let browser;
let page;

// Golmud with a second PV field and without [grid].
function scratchScenarios() {
  const dir = mkdtempSync(join(tmpdir(), 'shapan-trial-'));
  mkdirSync(join(dir, 'examples'));
  mkdirSync(join(dir, 'data/weather'), { recursive: true });
  const epw = 'CHN_Qinghai.Golmud.528180_CSWD.epw';
  copyFileSync(join(root, 'data/weather', epw), join(dir, 'data/weather', epw));
  let text = readFileSync(join(root, 'examples/golmud_solar_wind_storage.toml'), 'utf8');
  const grid = text.indexOf('\n[grid]');
  const next = text.indexOf('\n[', grid + 1);
  assert.ok(grid > 0 && next > grid, 'the Golmud example has a [grid] section followed by another');
  text = text.slice(0, grid) + text.slice(next);
  text = text.replace('name = "Golmud solar + wind + storage base (Qinghai)"', 'name = "Two PV fields, islanded"');
  text += '\n[[pv]]\nname = "second field"\ndc_capacity_kw = 50000.0\n';
  writeFileSync(join(dir, 'examples/two_fields_islanded.toml'), text);
  return join(dir, 'examples');
}

before(async () => {
  shipped = await startServer();
  scratchServer = await startServer(['--scenarios', scratchScenarios()]);
  browser = await launchBrowser();
  page = browser.page;
});

afterEach(() => assertNothingOffsite(browser.offsite));

after(async () => {
  await browser?.close();
  shipped?.stop();
  scratchServer?.stop();
});

const visible = (testid) => page.locator(`[data-testid="${testid}"]`).isVisible();
const component = (kind) => page.locator(`[data-component="${kind}"]`);

describe('what the trial found', () => {
  test('a scenario without hydro draws no hydro plant; the list titles it by its name', async () => {
    await page.goto(shipped.base + '/?lang=en&scenario=golmud_solar_wind_storage');
    await waitReady(page);
    assert.equal(await component('hydro').isVisible(), false);
    assert.equal(await page.locator('[data-flow="hydro"]').isVisible(), false);
    assert.equal(await visible('gauge-level'), false);
    for (const kind of ['pv', 'wind', 'battery', 'grid']) assert.equal(await component(kind).isVisible(), true, kind);
    const option = page.locator('[data-testid="scenario"] option[value="golmud_solar_wind_storage"]');
    assert.equal(await option.textContent(), 'Golmud solar + wind + storage base (Qinghai)');
    await shot(page, '11-golmud-no-hydro');
  });

  test('a scenario without a battery draws no battery, no SOC gauge and no SOC line', async () => {
    await page.goto(shipped.base + '/?lang=en&scenario=longyangxia_hydro_pv');
    await waitReady(page);
    assert.equal(await component('battery').isVisible(), false);
    assert.equal(await visible('gauge-soc'), false);
    assert.equal(await component('wind').isVisible(), false);
    const storage = await page.locator('[data-testid="chart-storage"]').innerText();
    assert.doesNotMatch(storage, /SOC/);
    assert.match(storage, /Reservoir level/);
    await shot(page, '12-longyangxia-no-battery');
  });

  test('in English the grid label ("Import … kW") stays inside the sand table', async () => {
    await page.goto(shipped.base + '/?lang=en');
    await waitReady(page);
    await page.click('[data-testid="jump-green"]'); // the day of lowest green share: imports
    const text = await page.locator('[data-testid="value-grid"]').textContent();
    assert.match(text, /^(Import|Export) /);
    const inside = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid="sandtable"]').getBoundingClientRect();
      return [...document.querySelectorAll('.sandtable text')].filter((e) => e.textContent && getComputedStyle(e).display !== 'none' && e.closest('[style*="display: none"]') === null).map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent, ok: r.left >= svg.left - 0.5 && r.right <= svg.right + 0.5 };
      });
    });
    const clipped = inside.filter((x) => !x.ok).map((x) => x.text);
    assert.deepEqual(clipped, [], `clipped at the table's edge: ${clipped.join(' | ')}`);
    await shot(page, '13-english-labels');
  });

  test('the kiosk view at 1920×1080 shows the gauges whole, captions included', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(shipped.base + '/?kiosk=1&lang=en');
    await waitReady(page);
    const boxes = await page.evaluate(() => [...document.querySelectorAll('.gauge')].filter((g) => g.style.display !== 'none').map((g) => {
      const svg = g.getBoundingClientRect();
      const cap = g.querySelector('.gauge-label').getBoundingClientRect();
      return { svgBottom: svg.bottom, capBottom: cap.bottom, height: innerHeight };
    }));
    assert.ok(boxes.length >= 2);
    for (const b of boxes) {
      assert.ok(b.svgBottom <= b.height, `gauge bottom ${b.svgBottom} > ${b.height}`);
      assert.ok(b.capBottom <= b.svgBottom, `caption bottom ${b.capBottom} cut by its gauge (${b.svgBottom})`);
    }
    await page.screenshot({ path: join(process.env.SHAPAN_TEST_RESULTS ?? join(root, 'web/test-results'), '14-kiosk-1920x1080.png') });
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  test('the monthly chart stacks energy delivered to the load and shows unserved energy', async () => {
    await page.goto(scratchServer.base + '/?lang=en');
    await waitReady(page);
    // Two PV fields are shown as such; an islanded base has no grid.
    assert.match(await page.locator('[data-testid="label-pv"]').textContent(), /PV field ×2/);
    assert.equal(await component('grid').isVisible(), false);
    const months = await page.evaluate(() => {
      const out = {};
      for (const r of document.querySelectorAll('[data-testid="monthly"] rect[data-part]')) {
        const m = (out[r.dataset.month] ??= {});
        m[r.dataset.part] = (m[r.dataset.part] ?? 0) + Number(r.dataset.mwh);
      }
      return out;
    });
    assert.equal(Object.keys(months).length, 12);
    const unserved = Object.values(months).reduce((s, m) => s + m.unserved, 0);
    assert.ok(unserved > 0, 'an islanded base leaves some load unserved, and the chart shows it');
    // The delivered stack is what reached the load: with the unserved bar it
    // makes up the month's demand (the black line), and stored energy is apart.
    const demand = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid="monthly"] line.m-load')].map((l) => [l.dataset.month, Number(l.dataset.mwh)])));
    for (const [month, m] of Object.entries(months)) {
      const delivered = m.pv + m.wind + m.hydro + m.import;
      assert.ok(Math.abs(delivered + m.unserved - demand[month]) <= 0.5 + 1e-3 * demand[month], `${month}: ${delivered} + ${m.unserved} vs ${demand[month]} MWh`);
      assert.ok(m.stored > 0, `${month}: the battery stores some energy`);
    }
    await shot(page, '15-monthly-unserved');
  });

  test('the README says how to switch language', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.match(readme, /\?lang=en/);
    assert.match(readme, /header's \*\*English\*\* button/);
  });
});
