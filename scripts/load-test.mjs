// The reference server under a bounded load on loopback (started by scripts/load-test.sh):
// signs in as a demo user, then runs each scenario with scripts/load.mjs and prints throughput,
// p50/p90/p99 and errors. Exits non-zero on any error, or when the writes did not all land.
//   node scripts/load-test.mjs http://127.0.0.1:8208
// LOAD_REQUESTS (per scenario, 2000), LOAD_CONCURRENCY (16), LOAD_MAX_SECONDS (per scenario, 30),
// LOAD_WRITES (technical requests to file, 300), LOAD_JSON=path (also write the results as JSON).
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { runLoad } from './load.mjs';

const base = (process.argv[2] ?? 'http://127.0.0.1:8208').replace(/\/$/, '');
const requests = Number(process.env.LOAD_REQUESTS ?? 2000);
const concurrency = Number(process.env.LOAD_CONCURRENCY ?? 16);
const maxDurationMs = Number(process.env.LOAD_MAX_SECONDS ?? 30) * 1000;
const writes = Number(process.env.LOAD_WRITES ?? 300);

async function signIn(email) {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ email, password: 'Rewards-Demo-2026' }),
  });
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

const token = await signIn('alex@contoso.example');
const auth = { Authorization: `Bearer ${token}` };
const api = (path) => `${base}/api/v1${path}`;
const reads = ['/me', '/rewards/overview', '/benefits', '/marketing-contacts', '/technical-requests', '/tenants'];

async function requestCount() {
  const res = await fetch(api('/technical-requests'), { headers: auth });
  return (await res.json()).requests.length;
}

const technicalRequest = (i) =>
  JSON.stringify({
    phase: 'design',
    solution_type: 'cloud',
    title: `Load test request ${i}`,
    description: 'Filed by scripts/load-test.mjs.',
    products: ['Azure SQL'],
    phone: '+31 20 123 4567',
    country_region: 'NL',
    time_zone: 'Europe/Amsterdam',
    language: 'en',
  });

const scenarios = [
  { name: 'GET /health (no auth)', url: api('/health') },
  { name: 'GET /rewards/overview', url: api('/rewards/overview'), headers: auth },
  { name: 'GET /benefits', url: api('/benefits'), headers: auth },
  { name: 'mixed reads (6 routes)', url: (i) => api(reads[i % reads.length]), headers: auth },
  {
    name: 'POST /technical-requests',
    url: api('/technical-requests'),
    method: 'POST',
    headers: () => ({ ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }),
    body: technicalRequest,
    requests: writes,
  },
];

// Warm up connections and caches; not counted.
await runLoad({ url: (i) => api(reads[i % reads.length]), headers: auth, concurrency, requests: 200, maxDurationMs });

const before = await requestCount();
const results = [];
for (const s of scenarios) {
  const r = await runLoad({
    url: s.url,
    method: s.method,
    headers: s.headers,
    body: s.body,
    concurrency,
    requests: s.requests ?? requests,
    maxDurationMs,
  });
  results.push({ scenario: s.name, ...r });
}
const written = (await requestCount()) - before;
const filed = results.at(-1).count - results.at(-1).errors;

const pad = (v, n) => String(v).padStart(n);
console.log(`\nload on ${base}: concurrency ${concurrency}, at most ${requests} requests or ${maxDurationMs / 1000} s per scenario\n`);
console.log(`${'scenario'.padEnd(28)}${pad('requests', 9)}${pad('errors', 8)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p90 ms', 9)}${pad('p99 ms', 9)}${pad('max ms', 9)}`);
for (const r of results) {
  console.log(
    `${r.scenario.padEnd(28)}${pad(r.count, 9)}${pad(r.errors, 8)}${pad(r.throughputPerSec.toFixed(0), 9)}` +
      `${pad(r.p50Ms.toFixed(2), 9)}${pad(r.p90Ms.toFixed(2), 9)}${pad(r.p99Ms.toFixed(2), 9)}${pad(r.maxMs.toFixed(2), 9)}`,
  );
  for (const e of r.errorSamples) console.log(`    ${e}`);
}
console.log(`\ntechnical requests filed: ${filed}, found through the API afterwards: ${written}`);
if (process.env.LOAD_JSON) writeFileSync(process.env.LOAD_JSON, JSON.stringify({ base, concurrency, results, written }, null, 2));

const errors = results.reduce((n, r) => n + r.errors, 0);
if (errors > 0 || written !== filed) {
  console.error(`load test failed: ${errors} errors, ${filed} writes answered and ${written} stored`);
  process.exit(1);
}
console.log('load test passed: zero errors');
