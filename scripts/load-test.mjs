// The reference server under a bounded, open-loop load on loopback (started by scripts/load-test.sh).
// For each configuration — one instance on SQLite, two instances on one SQLite file, and, when
// REWARDS_LOAD_POSTGRES=postgres://… is set, one and two instances on that PostgreSQL database —
// it starts the release server(s), signs in as a demo user, and runs each scenario at a fixed
// arrival rate with scripts/load.mjs (requests start on schedule however many are outstanding;
// latency is measured from the scheduled start, so waiting in a queue counts). With two instances
// the requests alternate between them. Prints the achieved rate, p50/p90/p99/max, errors and
// dropped requests; exits non-zero on any error, dropped request, lost write or server error log.
//   node scripts/load-test.mjs --server target/release/rewards-server
//   node scripts/load-test.mjs http://127.0.0.1:8208 [http://127.0.0.1:8209]   (servers already running)
// LOAD_RATE (requests per second, 300), LOAD_SECONDS (per scenario, 4), LOAD_MAX_IN_FLIGHT (256),
// LOAD_PORT (first port, 8208), REWARDS_LOAD_POSTGRES (a scratch database: the test adds
// technical requests to it), LOAD_JSON=path (also write the results as JSON).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { runLoad } from './load.mjs';

const rate = Number(process.env.LOAD_RATE ?? 300);
const seconds = Number(process.env.LOAD_SECONDS ?? 4);
const maxInFlight = Number(process.env.LOAD_MAX_IN_FLIGHT ?? 256);
const firstPort = Number(process.env.LOAD_PORT ?? 8208);
const postgres = process.env.REWARDS_LOAD_POSTGRES ?? '';
if (!(rate > 0) || !(seconds > 0) || seconds > 60) throw new Error('LOAD_RATE > 0 and 0 < LOAD_SECONDS ≤ 60');

const reads = ['/me', '/rewards/overview', '/benefits', '/marketing-contacts', '/technical-requests', '/tenants'];
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

async function signIn(base, email) {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ email, password: 'Rewards-Demo-2026' }),
  });
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

async function requestCount(base, auth) {
  const res = await fetch(`${base}/api/v1/technical-requests`, { headers: auth });
  if (!res.ok) throw new Error(`GET /technical-requests → ${res.status}`);
  return (await res.json()).requests.length;
}

/** The scenarios against `bases` (one or more instances of one database); the results. */
async function runScenarios(bases) {
  const token = await signIn(bases[0], 'alex@contoso.example');
  const auth = { Authorization: `Bearer ${token}` };
  const isWrite = (i) => i % 10 === 9;
  const scenarios = [
    { name: 'GET /health (no auth)', url: '/api/v1/health' },
    { name: 'mixed reads (6 routes)', url: (i) => `/api/v1${reads[i % reads.length]}`, headers: auth },
    {
      // Every tenth request files a technical request with a fresh Idempotency-Key.
      name: 'reads + 10 % keyed writes',
      url: (i) => `/api/v1${isWrite(i) ? '/technical-requests' : reads[i % reads.length]}`,
      method: (i) => (isWrite(i) ? 'POST' : 'GET'),
      headers: (i) =>
        isWrite(i) ? { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() } : auth,
      body: (i) => (isWrite(i) ? technicalRequest(i) : undefined),
      writes: true,
    },
  ];
  // Warm up connections (to every instance) and caches; not counted.
  await runLoad({ targets: bases, url: (i) => `/api/v1${reads[i % reads.length]}`, headers: auth, ratePerSecond: rate, durationMs: 1000, maxInFlight });

  const before = await requestCount(bases[0], auth);
  const results = [];
  let filed = 0;
  for (const s of scenarios) {
    const r = await runLoad({
      targets: bases,
      url: s.url,
      method: s.method,
      headers: s.headers,
      body: s.body,
      ratePerSecond: rate,
      durationMs: seconds * 1000,
      maxInFlight,
    });
    if (s.writes) filed += r.statuses[201] ?? 0;
    results.push({ scenario: s.name, ...r });
  }
  // Every instance sees every write (one database).
  const written = [];
  for (const base of bases) written.push((await requestCount(base, auth)) - before);
  return { results, filed, written };
}

// ---- servers -------------------------------------------------------------------------------

const children = new Set();
const stopAll = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('exit', stopAll);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stopAll(); process.exit(130); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startServer(server, work, port, db, name) {
  const log = join(work, `${name}.log`);
  const fd = openSync(log, 'w');
  const child = spawn(server, ['--bind', '127.0.0.1', '--port', String(port), '--db', db, '--dist', join(work, 'dist')], {
    // A relative path the server might create stays in the scratch directory.
    cwd: work,
    env: { ...process.env, RUST_LOG: 'warn' },
    stdio: ['ignore', fd, fd],
  });
  children.add(child);
  let exited = null;
  child.on('exit', (code) => { exited = code ?? 'signal'; children.delete(child); });
  child.on('error', (err) => { exited = err.message; children.delete(child); });
  const base = `http://127.0.0.1:${port}`;
  for (let n = 0; n < 120; n += 1) {
    if (exited !== null) throw new Error(`${name} exited (${exited}):\n${readFileSync(log, 'utf8')}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return { child, base, log, name };
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`${name} did not answer /api/v1/health within 60 s:\n${readFileSync(log, 'utf8')}`);
}

async function stopServer({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([done, sleep(10_000)]);
}

/** One configuration: `instances` servers on database `db`, started one after another. */
async function runConfiguration(server, work, label, db, instances) {
  const started = [];
  try {
    for (let n = 0; n < instances; n += 1) {
      const name = `${label.replace(/\W+/g, '-')}-${n + 1}`;
      started.push(await startServer(server, work, firstPort + n, db, name));
    }
    const run = await runScenarios(started.map((s) => s.base));
    return { label, instances, ...run };
  } finally {
    for (const s of started) await stopServer(s);
    for (const s of started) {
      const bad = readFileSync(s.log, 'utf8').split('\n').filter((l) => /panicked|ERROR/.test(l));
      if (bad.length > 0) {
        console.error(`${s.name} logged errors:\n${bad.slice(0, 10).join('\n')}`);
        process.exitCode = 1;
      }
    }
  }
}

/** Why the server cannot run on PostgreSQL, or null when its --help says it can. */
function postgresUnsupported(server) {
  const help = execFileSync(server, ['--help'], { encoding: 'utf8' });
  return /postgres/i.test(help) ? null : 'this rewards-server does not accept --db postgres://… yet (its --help does not mention PostgreSQL)';
}

// ---- main ----------------------------------------------------------------------------------

const args = process.argv.slice(2);
const configurations = [];
const skipped = [];
if (args[0] === '--server') {
  if (!args[1]) throw new Error('--server needs the path of the rewards-server binary');
  const server = resolve(args[1]);
  const work = mkdtempSync(join(tmpdir(), 'rewards-load-'));
  mkdirSync(join(work, 'dist'));
  try {
    configurations.push(await runConfiguration(server, work, 'SQLite, 1 instance', join(work, 'one.sqlite3'), 1));
    configurations.push(await runConfiguration(server, work, 'SQLite, 2 instances', join(work, 'two.sqlite3'), 2));
    if (!postgres) {
      skipped.push('PostgreSQL: REWARDS_LOAD_POSTGRES=postgres://… is not set');
    } else if (!/^postgres(ql)?:\/\//.test(postgres)) {
      throw new Error('REWARDS_LOAD_POSTGRES must be a postgres:// or postgresql:// URL');
    } else {
      const why = postgresUnsupported(server);
      if (why) {
        skipped.push(`PostgreSQL: ${why}`);
      } else {
        configurations.push(await runConfiguration(server, work, 'PostgreSQL, 1 instance', postgres, 1));
        configurations.push(await runConfiguration(server, work, 'PostgreSQL, 2 instances', postgres, 2));
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
} else {
  const bases = (args.length ? args : ['http://127.0.0.1:8208']).map((b) => b.replace(/\/$/, ''));
  configurations.push({ label: bases.join(' + '), instances: bases.length, ...(await runScenarios(bases)) });
}

// ---- report --------------------------------------------------------------------------------

const pad = (v, n) => String(v).padStart(n);
console.log(`\nopen loop: ${rate} requests/s for ${seconds} s per scenario (latency from the scheduled start), at most ${maxInFlight} in flight\n`);
console.log(
  `${'configuration'.padEnd(24)}${'scenario'.padEnd(28)}${pad('sent', 6)}${pad('req/s', 7)}${pad('errors', 7)}${pad('dropped', 8)}` +
    `${pad('p50 ms', 8)}${pad('p90 ms', 8)}${pad('p99 ms', 8)}${pad('max ms', 8)}${pad('lag ms', 8)}`,
);
let failed = false;
for (const c of configurations) {
  for (const r of c.results) {
    console.log(
      `${c.label.padEnd(24)}${r.scenario.padEnd(28)}${pad(r.count, 6)}${pad(r.achievedRatePerSec.toFixed(0), 7)}${pad(r.errors, 7)}${pad(r.dropped, 8)}` +
        `${pad(r.p50Ms.toFixed(1), 8)}${pad(r.p90Ms.toFixed(1), 8)}${pad(r.p99Ms.toFixed(1), 8)}${pad(r.maxMs.toFixed(1), 8)}${pad(r.maxStartLagMs.toFixed(1), 8)}`,
    );
    for (const e of r.errorSamples) console.log(`    ${e}`);
    if (r.byTarget && Object.keys(r.byTarget).length > 1) {
      console.log(`    per instance: ${Object.entries(r.byTarget).map(([t, v]) => `${t} ${v.count} (${v.errors} errors)`).join(', ')}`);
    }
    if (r.errors > 0 || r.dropped > 0) failed = true;
  }
  console.log(`    ${c.label}: technical requests filed ${c.filed}, found afterwards through ${c.written.map((w, n) => `instance ${n + 1}: ${w}`).join(', ')}`);
  if (c.written.some((w) => w !== c.filed)) failed = true;
}
for (const s of skipped) console.log(`skipped: ${s}`);
if (process.env.LOAD_JSON) {
  writeFileSync(process.env.LOAD_JSON, JSON.stringify({ rate, seconds, maxInFlight, configurations, skipped }, null, 2));
}
if (failed || process.exitCode) {
  console.error('load test failed: errors, dropped requests, lost writes or server errors (above)');
  process.exit(1);
}
console.log('load test passed: zero errors, nothing dropped, every write found through every instance');
