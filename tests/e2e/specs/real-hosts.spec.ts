import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { APIResponse, Page } from '@playwright/test';
import { test, expect, signIn, USERS } from './fixtures';
import { APP_PORT, SUBPATH } from '../env';

// The release build on real static hosts: nginx and Caddy with the configuration that
// scripts/host-config.mjs writes (nginx-site.conf, Caddyfile), each at `/` and under a
// sub-path, and the API on its own origin (the reference server with --cors-origins), reached
// through an absolute apiBase in config.json: cross-origin calls with the session cookie.
// Everything runs on loopback from a temporary directory and is stopped afterwards.

const root = path.resolve(__dirname, '../../..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const serverBin = process.env.REWARDS_SERVER_BIN ?? path.join(targetDir, 'debug/rewards-server');
const builtDist = process.env.E2E_DIST ?? path.join(root, 'dist');
const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
const CADDY = process.env.CADDY_BIN ?? '/usr/bin/caddy';
const BROTLI_MODULE = process.env.NGINX_BROTLI_MODULE ?? '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const MIME_TYPES = '/etc/nginx/mime.types';

const API_PORT = APP_PORT + 20;
const API_ORIGIN = `http://127.0.0.1:${API_PORT}`;
const BASES = ['/', SUBPATH] as const;
const HOSTS = { nginx: APP_PORT + 21, caddy: APP_PORT + 23 } as const;
type Host = keyof typeof HOSTS;
const originOf = (host: Host, base: string) => `http://127.0.0.1:${HOSTS[host] + (base === '/' ? 0 : 1)}`;
const ORIGINS = (Object.keys(HOSTS) as Host[]).flatMap((host) => BASES.map((base) => originOf(host, base)));
/** What scripts/host-config.mjs leaves for the operator to set. */
const PLACEHOLDER = { dir: '/srv/rewards', nginxListen: 'listen 80;', caddySite: 'rewards.example.com {' };
const IMMUTABLE = 'public, max-age=31536000, immutable';
const NOT_UPLOADED = 'not-uploaded-0123456789abcdef.js';
const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy'];

const needed = [
  [serverBin, 'the reference server (cargo build -p rewards-server)'],
  [path.join(builtDist, 'index.html'), 'the release build (trunk build --release, or E2E_DIST)'],
  [NGINX, 'nginx'],
  [BROTLI_MODULE, "nginx's brotli_static module (libnginx-mod-http-brotli-static)"],
  [CADDY, 'caddy'],
] as const;
const missing = needed.filter(([file]) => !fs.existsSync(file)).map(([file, what]) => `${what}: ${file}`);

let tmp = '';
const dists: Record<string, string> = {};
const processes: { name: string; child: ChildProcess; stderr: string[] }[] = [];

test.describe('the build on real static hosts, with the API on another origin', () => {
  // In CI a missing host is a failure (beforeAll throws); on a developer's machine a skip.
  test.skip(missing.length > 0 && !process.env.CI, `not installed: ${missing.join('; ')}`);
  test.describe.configure({ timeout: 60_000 });

  test.beforeAll(async () => {
    if (missing.length) throw new Error(`not installed: ${missing.join('; ')}`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rewards-real-hosts-'));
    // nginx's workers run as another user when the master is root: they must read the build.
    fs.chmodSync(tmp, 0o755);
    deployBuilds();
    startApi();
    startNginx();
    startCaddy();
    await Promise.all([`${API_ORIGIN}/api/v1/health`, ...ORIGINS.map((o) => `${o}/`)].map(untilAnswered));
  });

  test.afterAll(async () => {
    await Promise.all(processes.map(stop));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const host of Object.keys(HOSTS) as Host[]) {
    for (const base of BASES) {
      test(`${host} at ${base}: headers, caching, brotli wasm, deep links and a signed-in cold load`, async ({
        page,
      }) => {
        const origin = originOf(host, base);
        const app = `${origin}${base}`;
        const dist = dists[base];
        const expected = generatedHeaders(dist, base);
        const request = page.request;
        const sameHeaders = (response: APIResponse, what: string) => {
          for (const name of SECURITY_HEADERS) expect(response.headers()[name], `${name} of ${what}`).toBe(expected[name]);
        };

        // The page and a deep link: index.html, never cached without revalidation.
        const index = await request.get(app);
        expect(index.status()).toBe(200);
        sameHeaders(index, 'index.html');
        expect(index.headers()['cache-control']).toBe('no-cache');
        const deep = await request.get(`${app}benefits/technical`);
        expect(deep.status()).toBe(200);
        sameHeaders(deep, 'a deep link');
        expect(deep.headers()['cache-control']).toBe('no-cache');
        expect(await deep.text()).toBe(await index.text());

        // The main wasm: hashed, so immutable; brotli from the precompressed sibling, typed for
        // streaming compilation.
        const wasm = fs.readdirSync(dist).find((f) => /^rewards-portal-[0-9a-f]{16}_bg\.wasm$/.test(f))!;
        const wasmResponse = await request.get(`${app}${wasm}`, { headers: { 'Accept-Encoding': 'br' } });
        expect(wasmResponse.status()).toBe(200);
        sameHeaders(wasmResponse, wasm);
        expect(wasmResponse.headers()['cache-control']).toBe(IMMUTABLE);
        expect(wasmResponse.headers()['content-encoding']).toBe('br');
        expect(wasmResponse.headers()['content-type']).toBe('application/wasm');
        expect((await wasmResponse.body()).equals(fs.readFileSync(path.join(dist, wasm)))).toBe(true);
        const js = fs.readdirSync(dist).find((f) => /^rewards-portal-[0-9a-f]{16}\.js$/.test(f))!;
        expect((await request.get(`${app}${js}`)).headers()['cache-control']).toBe(IMMUTABLE);
        // A listed hashed file that is missing: a 404 (no SPA fallback), not cached for a year.
        const notUploaded = await request.get(`${app}${NOT_UPLOADED}`);
        expect(notUploaded.status()).toBe(404);
        sameHeaders(notUploaded, 'a 404');
        expect(notUploaded.headers()['cache-control'] ?? '').not.toContain('max-age');

        // config.json: no-cache and always the file itself, even next to stale compressed copies.
        const config = await request.get(`${app}config.json`, { headers: { 'Accept-Encoding': 'br, gzip' } });
        sameHeaders(config, 'config.json');
        expect(config.headers()['cache-control']).toBe('no-cache');
        expect(config.headers()['content-encoding']).toBeUndefined();
        expect((await config.json()).apiBase).toBe(`${API_ORIGIN}/api/v1`);

        if (base !== '/') {
          const bare = await request.get(`${origin}${base.slice(0, -1)}`, { maxRedirects: 0 });
          expect(bare.status()).toBe(301);
          expect(bare.headers()['location']).toBe(base);
          sameHeaders(bare, 'the redirect');
        }

        // In the browser: sign in, then a cold load of the overview, all API calls to the API's
        // origin with the session cookie (the fixture fails on any console error or CSP violation).
        const apiCalls = recordApiCalls(page);
        const wasmEncodings: (string | undefined)[] = [];
        page.on('response', (r) => {
          if (r.url().endsWith(wasm)) wasmEncodings.push(r.headers()['content-encoding']);
        });
        await signIn(page, USERS.megan, app);
        expect(wasmEncodings[0], 'the browser gets the brotli wasm').toBe('br');
        expect(apiCalls.toApi).toContain('POST /api/v1/session');
        apiCalls.toApi.length = 0;
        await page.reload();
        await expect(page.getByTestId('overview-sales')).toHaveText('$61,500');
        expect(apiCalls.elsewhere).toEqual([]);
        // index.html's early requests (with the cookie) were the app's: each was sent once.
        const count = (call: string) => apiCalls.toApi.filter((c) => c === call).length;
        expect([count('GET /api/v1/session'), count('GET /api/v1/rewards/overview')]).toEqual([1, 1]);

        // A deep link, loaded and reloaded.
        const deepLink = `${app}benefits/technical`;
        await page.goto(deepLink);
        await expectTechnicalBenefits(page);
        await page.reload();
        await expectTechnicalBenefits(page);
        expect(page.url()).toBe(deepLink);
      });
    }
  }
});

async function expectTechnicalBenefits(page: Page) {
  await expect(page.getByRole('tab', { name: 'Technical benefits' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.benefit-table')).toBeVisible();
}

/** The API requests the page sends: `METHOD /path` of those to the API's origin, URLs of the rest. */
function recordApiCalls(page: Page) {
  const calls = { toApi: [] as string[], elsewhere: [] as string[] };
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.includes('/api/')) return;
    if (url.origin === API_ORIGIN) calls.toApi.push(`${r.method()} ${url.pathname}`);
    else calls.elsewhere.push(r.url());
  });
  return calls;
}

/** The security headers in the `_headers` file scripts/host-config.mjs wrote for this copy. */
function generatedHeaders(dist: string, base: string): Record<string, string> {
  const file = fs.readFileSync(path.join(dist, '_headers'), 'utf8');
  const block = file.split(`\n${base}*\n`)[1].split('\n\n')[0];
  const headers = Object.fromEntries(
    block
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const at = line.indexOf(':');
        return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
      }),
  );
  expect(Object.keys(headers).sort()).toEqual([...SECURITY_HEADERS].sort());
  expect(headers['content-security-policy']).toContain(`connect-src 'self' ${API_ORIGIN};`);
  return headers;
}

/**
 * One copy of the build per base, deployed as an operator would: config.json naming the API's
 * absolute URL, files precompressed (scripts/asset-sizes.mjs), then the host configuration
 * regenerated for that base. config.json gets stale compressed siblings the hosts must ignore.
 */
function deployBuilds() {
  const staging = path.join(tmp, 'staging');
  fs.cpSync(builtDist, staging, { recursive: true });
  const config = { apiBase: `${API_ORIGIN}/api/v1`, allowedHostOrigins: [], defaultLocale: 'en' };
  fs.writeFileSync(path.join(staging, 'config.json'), JSON.stringify(config, null, 2));
  execFileSync('node', [path.join(root, 'scripts/asset-sizes.mjs'), staging, '--precompress']);
  const stale = JSON.stringify({ apiBase: '/stale/api/v1' });
  fs.writeFileSync(path.join(staging, 'config.json.br'), zlib.brotliCompressSync(stale));
  fs.writeFileSync(path.join(staging, 'config.json.gz'), zlib.gzipSync(stale));
  for (const base of BASES) {
    const dist = path.join(tmp, base === '/' ? 'at-root' : 'under-sub-path');
    fs.cpSync(staging, dist, { recursive: true });
    const named = base === '/' ? [] : ['--base-path', base];
    // A hashed file the configuration lists that is then missing (an incomplete upload).
    fs.writeFileSync(path.join(dist, NOT_UPLOADED), '');
    execFileSync('node', [path.join(root, 'scripts/host-config.mjs'), '--dist', dist, ...named]);
    fs.rmSync(path.join(dist, NOT_UPLOADED));
    dists[base] = dist;
  }
}

function startApi() {
  const dir = path.join(tmp, 'api');
  fs.mkdirSync(dir);
  start('rewards-server', serverBin, [
    '--bind', '127.0.0.1',
    '--port', String(API_PORT),
    '--db', path.join(dir, 'rewards.sqlite3'),
    '--dist', dists['/'],
    '--cors-origins', ORIGINS.join(' '),
  ]);
}

/** A minimal nginx.conf around the generated server blocks, everything under the temp dir. */
function startNginx() {
  const dir = path.join(tmp, 'nginx');
  fs.mkdirSync(dir);
  const sites = BASES.map((base) => {
    const port = HOSTS.nginx + (base === '/' ? 0 : 1);
    const site = replaceOnce(
      replaceOnce(
        fs.readFileSync(path.join(dists[base], 'nginx-site.conf'), 'utf8'),
        PLACEHOLDER.nginxListen,
        `listen 127.0.0.1:${port};`,
      ),
      `${PLACEHOLDER.dir}/`,
      `${dists[base]}/`,
    );
    const file = path.join(dir, `site-${port}.conf`);
    fs.writeFileSync(file, site);
    return `    include ${file};`;
  });
  const temp = (name: string) => `    ${name}_temp_path ${path.join(dir, name)};`;
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      `load_module ${BROTLI_MODULE};`,
      'worker_processes 1;',
      'events { worker_connections 128; }',
      'http {',
      `    include ${MIME_TYPES};`,
      '    default_type application/octet-stream;',
      '    access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp),
      ...sites,
      '}',
      '',
    ].join('\n'),
  );
  const log = path.join(dir, 'error.log');
  start('nginx', NGINX, [
    '-p', dir,
    '-e', log,
    '-c', path.join(dir, 'nginx.conf'),
    '-g', `daemon off; pid ${path.join(dir, 'nginx.pid')}; error_log ${log};`,
  ]);
}

/** The generated sites behind a global block that keeps Caddy to plain HTTP and the temp dir. */
function startCaddy() {
  const dir = path.join(tmp, 'caddy');
  fs.mkdirSync(dir);
  const sites = BASES.map((base) =>
    replaceOnce(
      replaceOnce(
        fs.readFileSync(path.join(dists[base], 'Caddyfile'), 'utf8'),
        PLACEHOLDER.caddySite,
        `http://127.0.0.1:${HOSTS.caddy + (base === '/' ? 0 : 1)} {`,
      ),
      PLACEHOLDER.dir,
      dists[base],
    ),
  );
  const global = `{\n\tadmin off\n\tauto_https off\n\tstorage file_system ${path.join(dir, 'storage')}\n}\n`;
  fs.writeFileSync(path.join(dir, 'Caddyfile'), [global, ...sites].join('\n'));
  const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
  start('caddy', CADDY, ['run', '--config', path.join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], env);
}

function replaceOnce(text: string, placeholder: string, value: string) {
  expect(text.split(placeholder), `one ${placeholder} to set`).toHaveLength(2);
  return text.replace(placeholder, () => value);
}

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const entry = { name, child, stderr: [] as string[] };
  child.stderr!.on('data', (chunk) => entry.stderr.push(String(chunk)));
  processes.push(entry);
}

async function untilAnswered(url: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const exited = processes.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    if (exited) throw new Error(`${exited.name} exited: ${exited.stderr.join('').slice(-2000)}`);
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`no answer from ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function stop({ child }: { child: ChildProcess }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
