import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect, signIn, signInThroughApi, USERS, ROUTES } from './fixtures';
import type { Page } from '@playwright/test';
import { FRAME_ANCESTORS, SUBPATH, SUBPATH_ORIGIN } from '../env';

const root = path.resolve(__dirname, '../../..');
const base = `${SUBPATH_ORIGIN}${SUBPATH}`;

test.describe('static hosting', () => {
  test('under a sub-path: deep links, reloads and in-app links keep the base', async ({ page }) => {
    await signIn(page, USERS.megan, base);
    for (const route of ROUTES) {
      const url = `${SUBPATH_ORIGIN}${SUBPATH.slice(0, -1)}${route}`;
      await page.goto(url);
      await expect(page.locator('main h1')).toBeVisible();
      await page.reload();
      await expect(page.locator('main h1')).toBeVisible();
      expect(page.url()).toBe(url);
    }
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Technical benefits' })).toHaveAttribute(
      'href',
      `${SUBPATH}benefits/technical`,
    );
    await nav.getByRole('link', { name: 'Technical benefits' }).click();
    await expect(page).toHaveURL(`${base}benefits/technical`);
    await expect(page.locator('.benefit-table')).toBeVisible();
    // An unknown deep path still finds the assets: the not-found page, with a way home.
    await page.goto(`${base}no/such/page`);
    await expect(page.locator('main h1')).toHaveText('Page not found');
    await page.getByRole('link', { name: 'Go to the Rewards overview' }).click();
    await expect(page).toHaveURL(base);
    // The bare base redirects to its slash form, where relative URLs resolve.
    const bare = await page.request.get(`${SUBPATH_ORIGIN}${SUBPATH.slice(0, -1)}`, { maxRedirects: 0 });
    expect(bare.status()).toBe(308);
    expect(bare.headers()['location']).toBe(SUBPATH);
  });

  test('the static host configurations carry the reference server headers', async ({ page }) => {
    const response = await page.request.get('/');
    const served = response.headers();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rewards-hosting-'));
    const dist = path.join(dir, 'dist');
    // The build under test, as served (with this environment's config.json).
    const html = await response.text();
    fs.cpSync(path.resolve(root, process.env.E2E_DIST ?? 'dist'), dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), html);
    execFileSync('node', [
      path.join(root, 'scripts/host-config.mjs'),
      '--dist', dist,
      '--base-path', SUBPATH,
      '--frame-ancestors', FRAME_ANCESTORS,
    ]);
    // Netlify / Cloudflare Pages.
    const headers = fs.readFileSync(path.join(dist, '_headers'), 'utf8');
    const globalBlock = headers.split(`${SUBPATH}*\n`)[1].split('\n\n')[0];
    const netlify = Object.fromEntries(
      globalBlock.split('\n').filter(Boolean).map((line) => {
        const at = line.indexOf(':');
        return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
      }),
    );
    for (const name of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy']) {
      expect(netlify[name], name).toBe(served[name]);
    }
    const csp = served['content-security-policy'];
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain(`frame-ancestors ${FRAME_ANCESTORS}`);
    const redirects = fs.readFileSync(path.join(dist, '_redirects'), 'utf8');
    expect(redirects).toContain(`${SUBPATH}*  ${SUBPATH}index.html  200`);
    const wasm = fs.readdirSync(dist).find((f) => f.endsWith('_bg.wasm'))!;
    expect(headers).toContain(`${SUBPATH}${wasm}\n  Cache-Control: public, max-age=31536000, immutable`);
    expect(headers).toContain(`${SUBPATH}config.json\n  Cache-Control: no-cache`);
    // Azure Static Web Apps.
    const azure = JSON.parse(fs.readFileSync(path.join(dist, 'staticwebapp.config.json'), 'utf8'));
    expect(azure.globalHeaders['content-security-policy']).toBe(csp);
    expect(azure.navigationFallback.rewrite).toBe(`${SUBPATH}index.html`);
    expect(azure.routes).toContainEqual({
      route: `${SUBPATH}${wasm}`,
      headers: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
  });

  test('every script is hashed or carries integrity', async ({ page }) => {
    const html = await (await page.request.get('/')).text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    const importMap = scripts.find((s) => s[1].includes('importmap'));
    expect(importMap, 'an import map with integrity').toBeTruthy();
    const integrity = JSON.parse(importMap![2]).integrity as Record<string, string>;
    // The app's JS module and the loader of the route chunks it imports.
    const jsFiles = Object.keys(integrity).sort();
    expect(jsFiles).toEqual([
      expect.stringMatching(/^\.\/__wasm_split-[0-9a-f]{16}\.js$/),
      expect.stringMatching(/^\.\/rewards-portal-[0-9a-f]{16}\.js$/),
    ]);
    for (const file of jsFiles) expect(integrity[file]).toMatch(/^sha384-/);
    expect(html).toMatch(/fetch\('\.\/[^']+_bg\.wasm', \{ integrity: 'sha384-/);
    // Every route chunk is fetched with its integrity.
    const loader = await (await page.request.get(jsFiles[0])).text();
    const chunkFetches = [...loader.matchAll(/fetchChunk\(new URL\("\.\/[^"]+\.wasm", import\.meta\.url\)([^)]*)\)/g)];
    expect(chunkFetches.length).toBeGreaterThan(1);
    for (const [, options] of chunkFetches) expect(options).toMatch(/integrity: "sha384-/);
    for (const link of html.matchAll(/<link[^>]+rel="(stylesheet|modulepreload|preload)"[^>]*>/g)) {
      if (link[0].includes('config.json')) continue;
      expect(link[0], 'integrity on every stylesheet and preload').toContain('integrity="sha384-');
    }
    // The built page loads without CSP violations (the fixture fails on any).
    await signIn(page, USERS.megan, '/');
  });

  test('the first page loads only the main wasm; the route chunks follow once, so a first visit waits for no download', async ({
    page,
  }) => {
    // Wasm downloads that reached the server, and those the HTTP cache answered (CDP sees both).
    const downloaded: string[] = [];
    const fromCache: string[] = [];
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const fileOf = (url: string) => new URL(url).pathname.split('/').pop()!;
    const cachedIds = new Set<string>();
    cdp.on('Network.requestServedFromCache', (e) => cachedIds.add(e.requestId));
    cdp.on('Network.responseReceived', (e) => {
      const file = fileOf(e.response.url);
      if (!file.endsWith('.wasm')) return;
      const cached = cachedIds.has(e.requestId) || e.response.fromDiskCache || e.response.fromPrefetchCache;
      (cached ? fromCache : downloaded).push(file);
    });
    // The chunks the split loader prefetches: all of them.
    const { loader, all: chunks } = await loaderChunks(page);
    const chunkFetches = [...loader.matchAll(/fetchChunk\(new URL\("\.\/([^"]+\.wasm)"/g)].map(([, file]) => file);
    expect(chunks.length).toBeGreaterThan(1);
    expect([...chunks].sort()).toEqual([...chunkFetches].sort());

    await signInWithoutPointer(page);
    expect(downloaded).toEqual([expect.stringMatching(/^rewards-portal-[0-9a-f]{16}_bg\.wasm$/)]);

    // Once the browser is idle after the navigation appeared, every chunk is downloaded once.
    await expect.poll(() => [...downloaded].sort(), { timeout: 15_000 }).toEqual(
      [downloaded[0], ...chunks].sort(),
    );

    // A first visit to a route then takes its chunks from the cache.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Tenants' }).click();
    await expect(page.locator('main h1')).toHaveText('Tenants');
    await expect(page.locator('.tenants-table')).toContainText('contoso.onmicrosoft.com');
    expect(fromCache.some((f) => /^split_.*tenants_route.*-[0-9a-f]{16}\.wasm$/.test(f))).toBe(true);
    expect(downloaded).toHaveLength(chunks.length + 1);
  });

  test('with Save-Data only the chunks of the link pointed at come, and its page needs no other', async ({ page }) => {
    await emulateSaveData(page);
    const chunkRequests = recordChunkRequests(page);
    await signInWithoutPointer(page);
    // Longer than the idle prefetch would wait without Save-Data.
    await page.waitForTimeout(4_000);
    expect(chunkRequests).toEqual([]);

    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Technical requests' });
    await link.hover();
    // One at a time, the route's own module first: until all of its chunks have been asked for.
    const { byRoute } = await loaderChunks(page);
    const routeChunks = byRoute['/technical-requests/new'];
    await expect.poll(() => routeChunks.every((f) => chunkRequests.includes(f)), { timeout: 15_000 }).toBe(true);
    await page.waitForTimeout(1_000);
    const hovered = [...chunkRequests];
    expect([...hovered].sort()).toEqual([...routeChunks].sort());
    expect(new Set(hovered).size).toBe(hovered.length);
    // Not every chunk: no other route's own module.
    expect(hovered.filter((f) => f.startsWith('split_'))).toEqual([expect.stringMatching(/technical_request_route/)]);
    expect(hovered.length).toBeLessThan((await loaderChunks(page)).all.length);

    // The page then renders without fetching anything it was not given already.
    await link.click();
    await expect(page.locator('main h1')).toHaveText('Request technical assistance');
    await expect(page.getByRole('button', { name: 'Submit request' })).toBeVisible();
    const fetchedAgain = chunkRequests.slice(hovered.length);
    expect(fetchedAgain.filter((f) => !hovered.includes(f))).toEqual([]);
  });

  test('under a sub-path, pointing at a link finds that route\'s chunks', async ({ page }) => {
    await emulateSaveData(page);
    await signIn(page, USERS.megan, base);
    await page.mouse.move(0, 0);
    const chunkRequests = recordChunkRequests(page);
    const ownModules = () => chunkRequests.filter((f) => f.startsWith('split_'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).hover();
    await expect.poll(ownModules).toEqual([expect.stringMatching(/tenants_route/)]);
    await page.waitForTimeout(1_000);
    expect(ownModules()).toHaveLength(1);
  });

  test('pointing at a link fetches that route\'s chunks before the others', async ({ page }) => {
    const chunkRequests = recordChunkRequests(page);
    const { all, byRoute } = await loaderChunks(page);
    await signInWithoutPointer(page);
    // Before the idle prefetch (2 s after the navigation appeared).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).hover();
    const tenants = byRoute['/settings/tenants'];
    expect(tenants.some((f) => /^split_.*tenants_route/.test(f))).toBe(true);
    await expect.poll(() => chunkRequests.length, { timeout: 15_000 }).toBe(all.length);
    expect(chunkRequests.slice(0, tenants.length).sort()).toEqual([...tenants].sort());
    expect([...chunkRequests].sort()).toEqual([...all].sort());
  });

  test('a route chunk whose download fails twice is fetched again and the page renders', async ({ page }) => {
    // Only the route's own fetches: no prefetch (Save-Data, and no pointer or focus on a link).
    await emulateSaveData(page);
    await signInWithoutPointer(page);
    const answers: string[] = [];
    await page.route(/\/split_[^/]*tenants_route[^/]*\.wasm$/, (route) => {
      answers.push(['reset', 'failed', 'ok'][Math.min(answers.length, 2)]);
      if (answers.length === 1) return route.abort('connectionreset');
      if (answers.length === 2) return route.abort('failed');
      return route.continue();
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).dispatchEvent('click');
    await expect(page.locator('main h1')).toHaveText('Tenants');
    await expect(page.locator('.tenants-table')).toContainText('contoso.onmicrosoft.com');
    expect(answers).toEqual(['reset', 'failed', 'ok']);
  });
});

/** Megan, signed in through the API: no pointer rests on the page (pointing at a link prefetches). */
async function signInWithoutPointer(page: Page) {
  await signInThroughApi(page.request);
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText('Rewards overview');
}

/** The split loader's source and the chunk files it can prefetch: all of them, and each lazy route's. */
async function loaderChunks(page: Page) {
  const index = await (await page.request.get('/')).text();
  const loader = await (await page.request.get(`/${/__wasm_split-[0-9a-f]{16}\.js/.exec(index)![0]}`)).text();
  const all: string[] = JSON.parse(/const PREFETCH = (\[.*\]);/.exec(loader)![1]).map(([file]: [string]) => file);
  const indexes: Record<string, number[]> = JSON.parse(/const ROUTE_CHUNKS = (\{.*\});/.exec(loader)![1]);
  const byRoute = Object.fromEntries(Object.entries(indexes).map(([route, list]) => [route, list.map((i) => all[i])]));
  return { loader, all, byRoute };
}

/** The wasm chunk files the page requests from now on, in order. */
function recordChunkRequests(page: Page) {
  const files: string[] = [];
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.split('/').pop()!;
    if (/^(split_|chunk_).*\.wasm$/.test(file)) files.push(file);
  });
  return files;
}

/** The browser reports that the user asked to save data (no idle prefetch). */
async function emulateSaveData(page: Page) {
  await page.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true, effectiveType: '4g' }) }),
  );
}
