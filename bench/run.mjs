// The measurements behind scripts/bench.sh: asset sizes, cold loads in headless Chromium
// (unthrottled and mobile-throttled), route switches, memory, API latency, the two floors
// and the budgets. Prints a table, writes JSON, exits 1 when a budget fails.
// Usage: node bench/run.mjs --app DIST --floor-leptos DIST --server BIN --out FILE [--baseline DIST] [--port N] [--runs N]
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetSizes, initialFiles, precompress, sum, wasmSizes } from '../scripts/asset-sizes.mjs';
import { runLoad } from '../scripts/load.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(join(root, 'tests/e2e/package.json'))('playwright-core');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const appDist = resolve(arg('app'));
const floorLeptosDist = resolve(arg('floor-leptos'));
// The previous build (a dist built from an earlier commit): measured in the same rounds.
const baselineDist = arg('baseline') ? resolve(arg('baseline')) : null;
const serverBin = resolve(arg('server'));
const outFile = resolve(arg('out', join(root, 'target/bench/report.json')));
const basePort = Number(arg('port', process.env.BENCH_PORT ?? 8191));
const runs = Number(arg('runs', process.env.BENCH_RUNS ?? 3));
const budgets = JSON.parse(readFileSync(join(root, 'perf-budget.json'), 'utf8'));

const DEMO = { email: 'megan@contoso.example', password: 'Rewards-Demo-2026' };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
// 4× CPU slowdown, 150 ms round trip, 1.6 Mbps down, 750 kbps up (Lighthouse's "slow 4G" mobile).
// Cold loads with it use a phone's viewport (where the layout shift was measured: 412 px).
const MOBILE = { cpu: 4, latency: 150, down: 1.6e6 / 8, up: 750e3 / 8, viewport: { width: 412, height: 915 } };
// Server time per API answer in one extra mobile scenario: loopback answers in about 1 ms, a
// real backend does not, and what the page waits for then shows.
const SLOW_API_MS = 250;
// Side navigation, in the order a user would visit the main pages.
const ROUTE_TOUR = ['/benefits/sales-marketing', '/benefits/technical', '/technical-requests/new', '/settings/tenants', '/'];

// ---------------------------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------------------------

const children = [];
process.on('exit', () => children.forEach((c) => c.kill()));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

async function startServer(dist, port) {
  const dbDir = mkdtempSync(join(tmpdir(), 'rewards-bench-'));
  const child = spawn(serverBin, ['--bind', '127.0.0.1', '--port', String(port), '--db', join(dbDir, 'bench.sqlite3'), '--dist', dist], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  // Request logs stay quiet; the tail is shown if the server dies.
  let log = '';
  child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server on port ${port} exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return { base, stop: () => (child.kill(), rmSync(dbDir, { recursive: true, force: true })) };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on port ${port} did not start`);
}

async function signInToken(base) {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(DEMO),
  });
  if (response.status !== 201) throw new Error(`demo sign-in answered ${response.status}`);
  return (await response.json()).token;
}

// ---------------------------------------------------------------------------------------------
// Cold loads
// ---------------------------------------------------------------------------------------------

// Registered before any page script: paint, LCP and long-task observers, the moment the
// awaited text is in the DOM (checked once per frame after a mutation), and the wasm memory.
function instrument(waitText) {
  const bench = (window.__bench = { fcp: null, lcp: null, cls: 0, longTasks: [], shownAt: null, memory: null });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) bench.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') bench.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  let scheduled = false;
  const check = () => {
    scheduled = false;
    if (bench.shownAt === null && document.body && document.body.textContent.includes(waitText)) bench.shownAt = performance.now();
  };
  new MutationObserver(() => {
    if (!scheduled && bench.shownAt === null) {
      scheduled = true;
      requestAnimationFrame(check);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
  addEventListener('TrunkApplicationStarted', (e) => (bench.memory = e.detail.wasm.memory));
}

async function throttle(cdp, profile) {
  if (!profile) return;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latency,
    downloadThroughput: profile.down,
    uploadThroughput: profile.up,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
}

/** Bytes on the wire (headers included) per kind of request, from the DevTools protocol. */
function recordTransfers(cdp) {
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, type: e.type, bytes: 0, status: 0, cached: false }));
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) {
      r.status = e.response.status;
      r.cached ||= Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache);
    }
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  return () => {
    const list = [...requests.values()];
    const api = list.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
    const assets = list.filter((r) => !api.includes(r));
    return {
      assetBytes: assets.reduce((t, r) => t + r.bytes, 0),
      assetRequests: assets.length,
      // A repeat visit should take hashed assets from the cache without asking the server.
      assetsFromCache: assets.filter((r) => r.cached && r.status !== 304).length,
      revalidations: assets.filter((r) => r.status === 304).length,
      apiRequests: api.map((r) => `${new URL(r.url).pathname} ${r.status}`),
    };
  };
}

/** Signs the demo user in within `context` (the session cookie is then the browser's). */
async function signInWithin(context, base) {
  const answer = await context.request.post(`${base}/api/v1/session`, {
    data: DEMO,
    headers: { 'idempotency-key': crypto.randomUUID() },
  });
  if (answer.status() !== 201) throw new Error(`demo sign-in answered ${answer.status()}`);
}

/**
 * Loads `url` in a new tab of `context` until `waitText` shows and the page settles; returns the
 * figures and, with `keepOpen`, the page. `apiDelayMs` holds every API answer back that long (a
 * backend farther away than loopback).
 */
async function loadInTab(context, url, { waitText, profile, apiDelayMs = 0, keepOpen = false }) {
  const page = await context.newPage();
  if (apiDelayMs) {
    await page.route('**/api/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, apiDelayMs));
      await route.continue();
    });
  }
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await throttle(cdp, profile);
  const transfers = recordTransfers(cdp);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench.shownAt !== null, null, { timeout: 60_000, polling: 50 });
  // Let late paints and long tasks land before reading the observers.
  await page.waitForTimeout(profile ? 2000 : 1000);
  const bench = await page.evaluate(() => ({ ...window.__bench, memory: undefined }));
  const fcp = bench.fcp ?? NaN;
  const tbt = bench.longTasks.filter(([start]) => start >= fcp).reduce((t, [, d]) => t + Math.max(0, d - 50), 0);
  const result = { fcp, lcp: bench.lcp ?? NaN, cls: bench.cls, shown: bench.shownAt, tbt, longTasks: bench.longTasks.length, ...transfers(), errors };
  if (keepOpen) return { result, page, cdp };
  await page.close();
  return { result };
}

/** One cold load (fresh profile and cache) of `url`; `signInBase` signs the demo user in first. */
async function coldLoad(browser, url, { waitText, profile, signInBase, apiDelayMs = 0, keepOpen = false }) {
  const context = await browser.newContext(profile?.viewport ? { viewport: profile.viewport } : {});
  if (signInBase) await signInWithin(context, signInBase);
  await context.addInitScript(instrument, waitText);
  const { result, page, cdp } = await loadInTab(context, url, { waitText, profile, apiDelayMs, keepOpen });
  if (keepOpen) return { result, page, cdp, context };
  await context.close();
  return { result };
}

/**
 * A repeat visit: a real browser profile on disk visits `url` once (cold), closes the tab, and
 * opens it again in a new tab (HTTP cache and V8's code cache warm). Returns the second visit.
 */
async function repeatVisit(url, { waitText, profile, signInBase }) {
  const dir = mkdtempSync(join(tmpdir(), 'rewards-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    ...(profile?.viewport ? { viewport: profile.viewport } : {}),
  });
  try {
    if (signInBase) await signInWithin(context, signInBase);
    await context.addInitScript(instrument, waitText);
    await loadInTab(context, url, { waitText, profile });
    return (await loadInTab(context, url, { waitText, profile })).result;
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * `runs` loads of each page, taken in rounds (each page once per round, the order rotating), so
 * that a slow spell of this shared machine falls on all of them alike; medians per page. A
 * target whose options say `repeat` is measured as a repeat visit, else as a cold load.
 */
async function loadRounds(browser, targets) {
  const names = Object.keys(targets);
  const results = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < runs; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length];
      const [url, options] = targets[name];
      results[name].push(options.repeat ? await repeatVisit(url, options) : (await coldLoad(browser, url, options)).result);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summary(results[name])]));
}

/** The median, over rounds, of one page's metric divided by another's in the same round. */
const pairedRatio = (a, b, key) => median(a.runs.map((run, i) => run[key] / b.runs[i][key]));

function summary(results) {
  const pick = (key) => median(results.map((r) => r[key]));
  return {
    fcp: pick('fcp'),
    lcp: pick('lcp'),
    shown: pick('shown'),
    tbt: pick('tbt'),
    cls: pick('cls'),
    assetBytes: pick('assetBytes'),
    assetRequests: results[0].assetRequests,
    assetsFromCache: pick('assetsFromCache'),
    revalidations: pick('revalidations'),
    apiRequests: results[0].apiRequests,
    errors: results.flatMap((r) => r.errors),
    runs: results.map(({ fcp, lcp, shown, tbt, cls }) => ({ fcp, lcp, shown, tbt, cls })),
  };
}

// ---------------------------------------------------------------------------------------------
// Route switches and memory
// ---------------------------------------------------------------------------------------------

/**
 * Clicks the side-navigation link to `href` and returns the milliseconds until the new page
 * is complete: the URL changed, no loading status is left in <main>, and <main> has not
 * changed for `quietMs` (the time of its last change counts, the quiet wait does not).
 */
function switchRoute([href, quietMs]) {
  return new Promise((done, fail) => {
    const main = document.querySelector('main');
    const link = document.querySelector(`nav a[href="${href}"]`);
    if (!main || !link) return fail(new Error(`no navigation link to ${href}`));
    let last = null;
    const observer = new MutationObserver(() => (last = performance.now()));
    observer.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
    const start = performance.now();
    link.click();
    const poll = () => {
      const now = performance.now();
      const complete = location.pathname === href && !main.querySelector('.status--loading') && last !== null && now - last >= quietMs;
      if (complete) {
        observer.disconnect();
        done(last - start);
      } else if (now - start > 30_000) fail(new Error(`${href} did not settle`));
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
}

// Every page once (the side navigation, then the association page through its link), then
// garbage collection and the JS heap plus the wasm linear memory.
async function memoryAfterEveryPage(browser, base, waitText) {
  const { page, cdp, context } = await coldLoad(browser, `${base}/`, { waitText, signInBase: base, keepOpen: true });
  for (const href of ROUTE_TOUR) await page.evaluate(switchRoute, [href, 150]);
  await page.evaluate(switchRoute, ['/settings/tenants', 150]);
  const associate = page.locator('main a[href="/settings/tenants/associate"]');
  await associate.first().click();
  await page.waitForURL('**/settings/tenants/associate');
  await page.locator('main h1').waitFor();
  await page.waitForTimeout(300);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasmMemoryBytes = await page.evaluate(() => window.__bench.memory?.buffer.byteLength ?? NaN);
  await context.close();
  return { jsHeapBytes: heap.usedSize, wasmMemoryBytes, totalBytes: heap.usedSize + wasmMemoryBytes };
}

/** Each side-navigation switch: its time and the API requests it made (refetches show here). */
async function routeSwitches(browser, base, waitText, profile) {
  const { page, cdp, context } = await coldLoad(browser, `${base}/`, { waitText, profile, signInBase: base, keepOpen: true });
  const api = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    const url = new URL(e.request.url);
    if (url.pathname.startsWith('/api/')) api.push(`${e.request.method} ${url.pathname}${url.search}`);
  });
  const switches = {};
  for (const href of ROUTE_TOUR) {
    const before = api.length;
    const ms = await page.evaluate(switchRoute, [href, profile ? 400 : 150]);
    switches[href] = { ms, api: api.slice(before) };
  }
  await context.close();
  return switches;
}

// ---------------------------------------------------------------------------------------------
// The static floor: the overview exactly as the app rendered it, without the app.
// ---------------------------------------------------------------------------------------------

async function writeStaticFloor(browser, base, waitText, dir) {
  const { page, context } = await coldLoad(browser, `${base}/`, { waitText, signInBase: base, keepOpen: true });
  const html = await page.evaluate(() => {
    const doc = document.documentElement.cloneNode(true);
    doc.querySelectorAll('script, link[rel=modulepreload], link[rel=preload]').forEach((el) => el.remove());
    return '<!doctype html>\n' + doc.outerHTML;
  });
  await context.close();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(appDist)) if (/\.(css|svg)$/.test(name)) cpSync(join(appDist, name), join(dir, name));
  writeFileSync(join(dir, 'index.html'), html);
  precompress(dir);
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const ms = (n) => (Number.isFinite(n) ? `${Math.round(n)} ms` : 'n/a');
const kb = (n) => (Number.isFinite(n) ? `${(n / 1000).toFixed(1)} KB` : 'n/a');
const mb = (n) => (Number.isFinite(n) ? `${(n / 1e6).toFixed(2)} MB` : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const shift = (n) => (Number.isFinite(n) ? n.toFixed(3) : 'n/a');
const table = (header, rows) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

async function main() {
  mkdirSync(dirname(outFile), { recursive: true });
  const staticDir = join(dirname(outFile), 'floor-static');
  // Sizes: what index.html pulls in, compressed the way the server sends it.
  const appRows = assetSizes(appDist);
  const appInitial = sum(initialFiles(appDist, appRows));
  const floorRows = assetSizes(floorLeptosDist);
  const floorInitial = sum(initialFiles(floorLeptosDist, floorRows));
  const wasm = wasmSizes(appRows);
  const wasmRow = wasm.main;
  const baselineRows = baselineDist ? assetSizes(baselineDist) : null;
  const baselineInitial = baselineDist ? sum(initialFiles(baselineDist, baselineRows)) : null;
  const baselineWasm = baselineDist ? wasmSizes(baselineRows).main : null;
  precompress(appDist);
  precompress(floorLeptosDist);
  if (baselineDist) precompress(baselineDist);

  const app = await startServer(appDist, basePort);
  const floorLeptos = await startServer(floorLeptosDist, basePort + 1);
  const baseline = baselineDist ? await startServer(baselineDist, basePort + 3) : null;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    // The demo figure the overview must show: trailing-twelve-month billed sales, formatted
    // the way the app formats money in English.
    const token = await signInToken(app.base);
    const overview = await (await fetch(`${app.base}/api/v1/rewards/overview`, { headers: { authorization: `Bearer ${token}` } })).json();
    const cents = overview.billed_sales_ttm_cents;
    const waitText = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol', maximumFractionDigits: cents % 100 ? 2 : 0 }).format(cents / 100);

    await writeStaticFloor(browser, app.base, waitText, staticDir);
    const floorStatic = await startServer(staticDir, basePort + 2);
    const staticInitial = sum(assetSizes(staticDir).filter((r) => !r.file.endsWith('.svg')));
    const floorText = 'Marketplace Rewards';

    const loads = {};
    for (const [name, profile] of [['unthrottled', null], ['mobile', MOBILE]]) {
      process.stderr.write(`[bench] cold loads, ${name}\n`);
      loads[name] = await loadRounds(browser, {
        app: [`${app.base}/`, { waitText, profile, signInBase: app.base }],
        ...(baseline ? { baseline: [`${baseline.base}/`, { waitText, profile, signInBase: baseline.base }] } : {}),
        floorLeptos: [`${floorLeptos.base}/`, { waitText: floorText, profile }],
        floorStatic: [`${floorStatic.base}/`, { waitText, profile }],
      });
    }
    process.stderr.write('[bench] repeat visits, mobile (same profile, a new tab)\n');
    const repeat = await loadRounds(browser, {
      app: [`${app.base}/`, { waitText, profile: MOBILE, signInBase: app.base, repeat: true }],
      ...(baseline ? { baseline: [`${baseline.base}/`, { waitText, profile: MOBILE, signInBase: baseline.base, repeat: true }] } : {}),
    });
    process.stderr.write(`[bench] cold loads, mobile, API answers ${SLOW_API_MS} ms later\n`);
    const { app: slowApi } = await loadRounds(browser, {
      app: [`${app.base}/`, { waitText, profile: MOBILE, signInBase: app.base, apiDelayMs: SLOW_API_MS }],
    });
    process.stderr.write('[bench] route switches and memory\n');
    const switches = { unthrottled: await routeSwitches(browser, app.base, waitText, null), mobile: await routeSwitches(browser, app.base, waitText, MOBILE) };
    const memory = await memoryAfterEveryPage(browser, app.base, waitText);
    process.stderr.write('[bench] API latency\n');
    // A warm-up, then the bounded load (counts and time limit from perf-budget.json).
    const overviewUrl = `${app.base}/api/v1/rewards/overview`;
    const authorization = { authorization: `Bearer ${token}` };
    await runLoad({ url: overviewUrl, headers: authorization, concurrency: 2, requests: budgets.apiLoad.warmup });
    const api = await runLoad({ url: overviewUrl, headers: authorization, ...budgets.apiLoad, warmup: undefined });
    floorStatic.stop();

    const m = loads.mobile;
    const times = (n) => `${n.toFixed(2)}×`;
    const fcpVsStatic = pairedRatio(m.app, m.floorStatic, 'fcp');
    const shownVsStatic = pairedRatio(m.app, m.floorStatic, 'shown');
    const lcpVsStatic = pairedRatio(m.app, m.floorStatic, 'lcp');
    // Repeat visits are measured in their own rounds: the ratio is of the medians.
    const repeatVsStaticCold = repeat.app.shown / m.floorStatic.shown;
    const guard = (bytes) => bytes * (1 + budgets.wasmTolerance);
    // [name, value, limit as text, pass, format]
    const atMost = (name, value, limit, fmt, limitText = fmt(limit)) => [name, value, `≤ ${limitText}`, value <= limit, fmt];
    const checks = [
      atMost('FCP, mobile ÷ static floor (same rounds)', fcpVsStatic, budgets.fcpVsStaticFloor, times),
      atMost('overview figures shown, mobile ÷ static floor (same rounds)', shownVsStatic, budgets.shownVsStaticFloor, times),
      atMost('LCP, mobile', m.app.lcp, budgets.lcpMobileMs, ms),
      atMost('LCP, mobile ÷ static floor (same rounds)', lcpVsStatic, budgets.lcpVsStaticFloor, times),
      atMost('repeat visit, figures shown, mobile ÷ static floor cold', repeatVsStaticCold, budgets.repeatShownVsStaticCold, times),
      atMost('initial transfer (brotli)', appInitial.brotli, budgets.initialTransferBrotliBytes, kb),
      atMost('main wasm, brotli', wasmRow.brotli, budgets.mainWasmBrotliTargetBytes, kb),
      atMost('CLS, cold, mobile (412 px)', m.app.cls, budgets.clsMax, shift, String(budgets.clsMax)),
      atMost('CLS, cold, unthrottled (1280 px)', loads.unthrottled.app.cls, budgets.clsMax, shift, String(budgets.clsMax)),
      atMost('CLS, repeat visit, mobile (412 px)', repeat.app.cls, budgets.clsMax, shift, String(budgets.clsMax)),
      atMost('total blocking time, mobile', m.app.tbt, budgets.tbtMobileMs, ms),
      atMost('JS heap + wasm memory, every page visited', memory.totalBytes, budgets.memoryBytes, mb),
      atMost('main wasm brotli, test-command guard (+5 %)', wasmRow.brotli, guard(budgets.wasmBrotliBytes), kb),
      atMost('all wasm brotli, test-command guard (+5 %)', wasm.all.brotli, guard(budgets.wasmAllBrotliBytes), kb),
    ];
    const errors = [...Object.values(loads), repeat].flatMap((l) => Object.values(l).flatMap((r) => r.errors));
    const report = {
      date: new Date().toISOString(),
      runsPerMedian: runs,
      mobileProfile: MOBILE,
      sizes: {
        app: { files: appRows, initial: appInitial },
        floorLeptos: { files: floorRows, initial: floorInitial },
        floorStatic: { initial: staticInitial },
        ...(baseline ? { baseline: { dist: baselineDist, files: baselineRows, initial: baselineInitial } } : {}),
      },
      coldLoads: loads,
      repeatVisitsMobile: repeat,
      coldLoadMobileSlowApi: { apiDelayMs: SLOW_API_MS, app: slowApi },
      routeSwitches: switches,
      memory,
      api: { route: 'GET /api/v1/rewards/overview', ...api },
      budgets: checks.map(([name, value, limit, pass]) => ({ name, value, limit, pass })),
      pageErrors: errors,
    };
    writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');

    const out = [];
    out.push('\nAssets (app)');
    out.push(table(['file', 'raw', 'gzip', 'brotli'], [...appRows.map((r) => [r.file, kb(r.raw), kb(r.gzip), kb(r.brotli)]), ['initial transfer', kb(appInitial.raw), kb(appInitial.gzip), kb(appInitial.brotli)]]));
    out.push(`\nInitial transfer (brotli): app ${kb(appInitial.brotli)}, Leptos floor ${kb(floorInitial.brotli)} (${ratio(appInitial.brotli, floorInitial.brotli)}), static floor ${kb(staticInitial.brotli)} (${ratio(appInitial.brotli, staticInitial.brotli)})`);
    if (baseline) {
      out.push(`Previous build (${baselineDist}): initial transfer ${kb(baselineInitial.brotli)}, main wasm ${kb(baselineWasm.brotli)} brotli (now ${kb(wasmRow.brotli)})`);
    }
    // Columns: the app, the previous build when given, then the floors with the app's ratios.
    const columns = (l, key, fmt) => {
      const cells = [fmt(l.app[key])];
      if (baseline) cells.push(fmt(l.baseline[key]));
      cells.push(fmt(l.floorLeptos[key]), ratio(l.app[key], l.floorLeptos[key]), fmt(l.floorStatic[key]), ratio(l.app[key], l.floorStatic[key]));
      return cells;
    };
    const header = ['metric', 'app', ...(baseline ? ['previous build'] : []), 'Leptos floor', 'app ÷ Leptos', 'static floor', 'app ÷ static'];
    for (const [name, l] of Object.entries(loads)) {
      out.push(`\nCold load, ${name} (median of ${runs})`);
      const rows = [
        ['first contentful paint', 'fcp', ms],
        ['largest contentful paint', 'lcp', ms],
        ['overview shows demo data', 'shown', ms],
        ['total blocking time', 'tbt', ms],
        ['cumulative layout shift', 'cls', shift],
        ['bytes on the wire (assets)', 'assetBytes', kb],
      ].map(([label, key, fmt]) => [label, ...columns(l, key, fmt)]);
      out.push(table(header, rows));
      out.push(`app requests: ${l.app.assetRequests} assets; API: ${l.app.apiRequests.join(', ')}`);
    }
    out.push(`\nRepeat visit, mobile (same profile, a new tab; median of ${runs}); the static floor's cold load for scale`);
    out.push(
      table(
        ['metric', 'app', ...(baseline ? ['previous build'] : []), 'static floor, cold', 'app ÷ static cold'],
        [
          ['first contentful paint', 'fcp', ms],
          ['largest contentful paint', 'lcp', ms],
          ['overview shows demo data', 'shown', ms],
          ['cumulative layout shift', 'cls', shift],
          ['bytes on the wire (assets)', 'assetBytes', kb],
          ['assets from the cache, not revalidated', 'assetsFromCache', String],
          ['assets revalidated (304)', 'revalidations', String],
        ].map(([label, key, fmt]) => [
          label,
          fmt(repeat.app[key]),
          ...(baseline ? [fmt(repeat.baseline[key])] : []),
          key in m.floorStatic && key !== 'assetsFromCache' && key !== 'revalidations' ? fmt(m.floorStatic[key]) : '',
          ['fcp', 'lcp', 'shown'].includes(key) ? ratio(repeat.app[key], m.floorStatic[key]) : '',
        ]),
      ),
    );
    out.push(`\nCold load, mobile, every API answer ${SLOW_API_MS} ms later (median of ${runs}, app only): FCP ${ms(slowApi.fcp)}, LCP ${ms(slowApi.lcp)}, demo data shown ${ms(slowApi.shown)}, CLS ${shift(slowApi.cls)}; API: ${slowApi.apiRequests.join(', ')}`);
    out.push('\nRoute switches (side navigation, until the page is complete)');
    out.push(table(['to', 'unthrottled', 'mobile', 'API requests'], ROUTE_TOUR.map((href) => [href, ms(switches.unthrottled[href].ms), ms(switches.mobile[href].ms), switches.unthrottled[href].api.join(', ') || 'none'])));
    out.push(`\nMemory after visiting every page: JS heap ${mb(memory.jsHeapBytes)} + wasm ${mb(memory.wasmMemoryBytes)} = ${mb(memory.totalBytes)}`);
    out.push(`\nAPI ${report.api.route}: ${api.count} requests (${api.errors} errors), ${budgets.apiLoad.concurrency} concurrent, ${Math.round(api.durationMs)} ms, ${Math.round(api.throughputPerSec)}/s; p50 ${api.p50Ms} ms, p99 ${api.p99Ms} ms, max ${api.maxMs} ms`);
    out.push('\nBudgets');
    out.push(table(['budget', 'value', 'limit', 'result'], checks.map(([name, value, limit, pass, fmt]) => [name, fmt(value), limit, pass ? 'pass' : 'FAIL'])));
    if (errors.length) out.push(`\nPage errors during the runs:\n  ${errors.join('\n  ')}`);
    out.push(`\nJSON: ${outFile}`);
    console.log(out.join('\n'));
    process.exitCode = checks.every(([, , , pass]) => pass) && errors.length === 0 ? 0 : 1;
  } finally {
    await browser.close();
    app.stop();
    floorLeptos.stop();
    baseline?.stop();
  }
}

await main();
