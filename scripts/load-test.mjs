// The server's load test (issue 17): run by scripts/load-test.sh against a
// server on 127.0.0.1:PORT. Node's standard library only.
//   node scripts/load-test.mjs PORT [SECONDS]
// Phase 1 (SECONDS, default 10): 64 keep-alive connections request the API's
// read routes in a loop while 100 half-open connections (a request cut off
// in its headers) are held open (reopened when the server drops them), and
// /api/health is asked on a fresh connection every 200 ms.
// Phase 2: 200 POST /api/runs at once.
// Prints the figures; exits 1 only far beyond the targets (10x: p99 500 ms,
// /api/health 10 s), on any error in phase 1, on any POST status other than
// 200, 202 or 429, or when the server stops answering.
import http from 'node:http';
import net from 'node:net';

const port = Number(process.argv[2]);
const seconds = Number(process.argv[3] ?? 10);
const host = '127.0.0.1';
const kKeepAlive = 64;
const kHalfOpen = 100;
const kPosts = 200;
const kTargetP99Ms = 50;
const kTargetHealthMs = 1000;

function request(agent, method, path, body) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const headers = body ? { 'Content-Type': 'application/json',
                             'Content-Length': Buffer.byteLength(body) } : {};
    const req = http.request({ host, port, method, path, agent, headers, timeout: 30000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode,
                                    body: Buffer.concat(chunks).toString(),
                                    ms: Number(process.hrtime.bigint() - start) / 1e6 }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out after 30 s')));
    req.on('error', (e) => resolve({ status: 0, body: e.message,
                                     ms: Number(process.hrtime.bigint() - start) / 1e6 }));
    if (body) req.write(body);
    req.end();
  });
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
}

// A connection that sent part of a request's headers and waits; reopened
// when the server closes it, until stop() is called.
function holdHalfOpen(state) {
  if (state.stopped) return;
  const s = net.connect(port, host, () => {
    s.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  });
  state.sockets.add(s);
  s.on('data', () => {});
  s.on('error', () => {});
  s.on('close', () => {
    state.sockets.delete(s);
    state.reopened++;
    setTimeout(() => holdHalfOpen(state), 10);
  });
}

async function prepare() {
  const agent = new http.Agent({ keepAlive: false });
  const posted = await request(agent, 'POST', '/api/runs',
                               JSON.stringify({ scenario: 'qinghai_base' }));
  if (posted.status !== 202 && posted.status !== 200) {
    throw new Error(`preparing a run: POST /api/runs answered ${posted.status} ${posted.body}`);
  }
  const id = JSON.parse(posted.body).id;
  const done = await request(agent, 'GET', `/api/runs/${id}?wait_ms=30000`);
  if (JSON.parse(done.body).status !== 'done') throw new Error(`run ${id}: ${done.body}`);
  return id;
}

async function phaseOne(id) {
  const routes = ['/api/health', '/api/scenarios', '/api/scenarios/qinghai_base',
                  '/api/runs?limit=20', `/api/runs/${id}`, `/api/runs/${id}/series?from=0&to=96`,
                  `/api/compare?a=${id}&b=${id}`];
  const half = { sockets: new Set(), reopened: 0, stopped: false };
  for (let i = 0; i < kHalfOpen; ++i) holdHalfOpen(half);
  await new Promise((r) => setTimeout(r, 300));
  const latencies = [];
  const errors = [];
  const until = Date.now() + seconds * 1000;
  const worker = async (k) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = k; Date.now() < until; ++i) {
      const path = routes[i % routes.length];
      const r = await request(agent, 'GET', path);
      latencies.push(r.ms);
      if (r.status !== 200) errors.push(`${path}: ${r.status} ${r.body.slice(0, 120)}`);
    }
    agent.destroy();
  };
  const health = [];
  const probe = (async () => {
    const agent = new http.Agent({ keepAlive: false });
    while (Date.now() < until) {
      const r = await request(agent, 'GET', '/api/health');
      health.push(r.ms);
      if (r.status !== 200) errors.push(`health probe: ${r.status} ${r.body.slice(0, 120)}`);
      await new Promise((res) => setTimeout(res, 200));
    }
  })();
  const halfOpenHeld = half.sockets.size;
  await Promise.all([...Array(kKeepAlive).keys()].map(worker).concat([probe]));
  half.stopped = true;
  for (const s of half.sockets) s.destroy();
  latencies.sort((a, b) => a - b);
  return { latencies, errors, health, halfOpenHeld, reopened: half.reopened };
}

async function phaseTwo() {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const body = JSON.stringify({ scenario: 'qinghai_base', overrides: ['pv.0.tilt_deg=31'] });
  const start = Date.now();
  const answers = await Promise.all(
    [...Array(kPosts).keys()].map(() => request(agent, 'POST', '/api/runs', body)));
  const counts = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  const after = await request(agent, 'GET', '/api/health');
  return { counts, ms: Date.now() - start, healthAfter: after.status };
}

const id = await prepare();
const one = await phaseOne(id);
const two = await phaseTwo();
const p50 = percentile(one.latencies, 0.5);
const p99 = percentile(one.latencies, 0.99);
const healthMax = Math.max(...one.health);
const fmt = (v) => v.toFixed(1);
console.log(`phase 1: ${seconds} s, ${kKeepAlive} keep-alive connections, ` +
            `${one.halfOpenHeld} half-open held (${one.reopened} reopened after the server ` +
            `dropped them)`);
console.log(`  requests ${one.latencies.length} (${fmt(one.latencies.length / seconds)}/s), ` +
            `errors ${one.errors.length}`);
console.log(`  latency ms: p50 ${fmt(p50)}, p99 ${fmt(p99)} (target < ${kTargetP99Ms}), ` +
            `max ${fmt(one.latencies.at(-1))}`);
console.log(`  /api/health ms: max ${fmt(healthMax)} of ${one.health.length} probes ` +
            `(target < ${kTargetHealthMs})`);
console.log(`phase 2: ${kPosts} concurrent POST /api/runs in ${two.ms} ms: ` +
            Object.entries(two.counts).map(([s, n]) => `${n}x ${s}`).join(', ') +
            `; /api/health afterwards: ${two.healthAfter}`);
const failures = [];
if (one.errors.length) failures.push(`phase 1 errors, first: ${one.errors.slice(0, 3).join('; ')}`);
if (!(p99 < 10 * kTargetP99Ms)) failures.push(`p99 ${fmt(p99)} ms is over 10x the target`);
if (!(healthMax < 10 * kTargetHealthMs)) failures.push(`/api/health took ${fmt(healthMax)} ms`);
const bad = Object.keys(two.counts).filter((s) => !['200', '202', '429'].includes(s));
if (bad.length) failures.push(`POST statuses other than 200/202/429: ${bad.join(', ')}`);
if (two.healthAfter !== 200) failures.push('the server did not answer /api/health after the POSTs');
if (one.latencies.length < 64) failures.push('phase 1 made almost no requests');
if (failures.length) {
  console.log(`LOAD TEST FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('load test passed');
process.exit(0);
