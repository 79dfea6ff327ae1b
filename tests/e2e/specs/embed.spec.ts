import { Frame, FrameLocator, Page } from '@playwright/test';
import { test, expect, USERS } from './fixtures';
import { APP_ORIGIN, FOREIGN_ORIGIN, HOST_ORIGIN } from '../env';

type Logged = { direction: 'in' | 'out'; message: Record<string, unknown> & { type: string } };

const app = (page: Page): FrameLocator => page.frameLocator('#app');
const appFrame = (page: Page): Frame => {
  const frame = page.frames().find((f) => f.url().startsWith(APP_ORIGIN));
  if (!frame) throw new Error('the app frame is not there');
  return frame;
};
const hostLog = (page: Page) => page.evaluate(() => (window as any).rewardsHost.log as Logged[]);
const fromApp = async (page: Page, type: string) =>
  (await hostLog(page)).filter((l) => l.direction === 'in' && l.message.type === type).map((l) => l.message);
const lastRoute = async (page: Page) => (await fromApp(page, 'navigate')).at(-1)?.route;

/** Opens the demo host, signs its user in and frames the app at `route`. */
async function embed(page: Page, user: string = USERS.megan, route = '/') {
  await page.goto(`${HOST_ORIGIN}/`);
  await page.getByLabel('Signed-in portal user').selectOption(user);
  await page.getByLabel('Start route').fill(route);
  await page.getByRole('button', { name: 'Load the app' }).click();
  await expect(app(page).locator('main h1')).toBeVisible();
  // The demo host's frame is ~600 px wide: the account block waits behind the app's Menu button.
  await expect(app(page).locator('header .account__name')).toHaveCount(1);
}

/** The content height as the app measures it (body, or an open modal dialog). */
const contentHeight = (page: Page) =>
  appFrame(page).evaluate(() => {
    const body = document.body.getBoundingClientRect().height;
    const dialogs = [...document.querySelectorAll('dialog[open]')].map((d) => d.scrollHeight + 32);
    return Math.ceil(Math.max(body, ...dialogs));
  });

async function expectFrameFitsContent(page: Page) {
  await expect
    .poll(async () => {
      const frameHeight = await page.locator('#app').evaluate((f) => f.getBoundingClientRect().height);
      return Math.abs(frameHeight - (await contentHeight(page)));
    })
    .toBeLessThanOrEqual(2);
}

test.describe('embedded in a host portal on another origin', () => {
  test('handshake: ready, then init with the token; the token stays out of URLs and storage', async ({ page }) => {
    await embed(page);
    const log = await hostLog(page);
    const types = log.map((l) => `${l.direction}:${l.message.type}`);
    expect(types[0]).toBe('in:ready');
    expect(types[1]).toBe('out:init');
    expect(types).toContain('in:navigate');
    expect(types).toContain('in:resize');
    for (const { message } of log) {
      expect(message.protocol).toBe('rewards-embed');
      expect(message.version).toBe(1);
    }
    // Signed in through the bearer token alone: the session cookie is
    // SameSite=Strict and never sent to a cross-site frame.
    const frame = appFrame(page);
    await expect(app(page).locator('.account__name')).toHaveText('Megan Bowen');
    await expect(app(page).getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    // Storage may be denied to a cross-site frame (third-party blocking): then it holds nothing either.
    const where = await frame.evaluate(() => {
      const dump = (read: () => Storage) => {
        try {
          return JSON.stringify({ ...read() });
        } catch {
          return 'denied';
        }
      };
      return {
        url: location.href,
        history: JSON.stringify(history.state),
        local: dump(() => localStorage),
        session: dump(() => sessionStorage),
        embedded: document.documentElement.hasAttribute('data-embedded'),
      };
    });
    expect(where.embedded).toBe(true);
    const token = await page.evaluate(async () => {
      const r = await fetch('/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'megan@contoso.example' }),
      });
      return (await r.json()).token as string;
    });
    expect(token.length).toBeGreaterThan(16);
    for (const value of [where.url, where.history, where.local, where.session]) {
      expect(value).not.toMatch(/token|bearer/i);
    }
  });

  test('resize follows the content: tabs and the dialog', async ({ page }) => {
    await embed(page, USERS.megan, '/benefits/technical');
    await expectFrameFitsContent(page);
    const technicalHeight = await contentHeight(page);
    const resizesBefore = (await fromApp(page, 'resize')).length;

    await app(page).getByRole('tab', { name: 'Sales and marketing benefits' }).click();
    // The router keeps the Technical page until the new route is ready: wait for the tab's
    // own content (its contact panel), not just any benefit table.
    await expect(app(page).getByRole('tab', { name: 'Sales and marketing benefits' })).toHaveAttribute('aria-selected', 'true');
    await expect(app(page).getByRole('button', { name: 'Add, update, or change' })).toBeVisible();
    await expect(app(page).locator('.benefit-table')).toBeVisible();
    await expectFrameFitsContent(page);
    expect(await contentHeight(page)).not.toBe(technicalHeight);
    expect((await fromApp(page, 'resize')).length).toBeGreaterThan(resizesBefore);

    // The dialog sits in the top layer; the frame must be tall enough for it.
    await app(page).getByRole('button', { name: 'Add, update, or change' }).click();
    const dialog = app(page).getByRole('dialog', { name: 'Assign a marketing contact' });
    await expect(dialog).toBeVisible();
    await expectFrameFitsContent(page);
    const dialogHeight = await dialog.evaluate((d) => d.scrollHeight);
    const frameHeight = await page.locator('#app').evaluate((f) => f.getBoundingClientRect().height);
    expect(frameHeight).toBeGreaterThanOrEqual(dialogHeight);
    // At most one resize per animation frame: heights never repeat back to back.
    const heights = (await fromApp(page, 'resize')).map((m) => m.height);
    heights.slice(1).forEach((h, i) => expect(h).not.toBe(heights[i]));
  });

  test('navigation syncs both ways', async ({ page }) => {
    await embed(page);
    expect(await lastRoute(page)).toBe('/');
    // App → host (in the narrow frame the navigation is behind the Menu button).
    await app(page).getByRole('button', { name: 'Menu' }).click();
    await app(page).getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Technical benefits' }).click();
    await expect(app(page).getByRole('tab', { name: 'Technical benefits' })).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => lastRoute(page)).toBe('/benefits/technical');
    await expect(page.locator('#current-route')).toHaveText('/benefits/technical');
    // Host → app.
    await page.getByLabel('Navigate the app to').selectOption('/settings/tenants');
    await page.getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => appFrame(page).url()).toBe(`${APP_ORIGIN}/settings/tenants`);
    await expect(app(page).locator('main h1')).toBeVisible();
    await expect.poll(() => lastRoute(page)).toBe('/settings/tenants');
  });

  test('locale and theme follow the host', async ({ page }) => {
    await embed(page);
    const root = app(page).locator('html');
    await expect(root).toHaveAttribute('lang', 'en');
    await expect(root).toHaveAttribute('data-theme', 'light');
    await page.getByLabel('Language').selectOption('nl');
    await expect(root).toHaveAttribute('lang', 'nl');
    await app(page).getByRole('button', { name: 'Menu' }).click();
    await expect(app(page).getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
    await page.getByLabel('Theme').selectOption('dark');
    await expect(root).toHaveAttribute('data-theme', 'dark');
    const background = () => appFrame(page).evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await background()).toBe('rgb(17, 20, 24)');
    await page.getByLabel('Theme').selectOption('high-contrast');
    await expect(root).toHaveAttribute('data-theme', 'high-contrast');
    expect(await background()).toBe('rgb(0, 0, 0)');
    // The host's locale is not remembered by the app.
    const remembered = await appFrame(page).evaluate(() => {
      try {
        return localStorage.getItem('rewards.locale');
      } catch {
        return null; // storage denied to a cross-site frame
      }
    });
    expect(remembered).toBeNull();
  });

  test('a 401 asks the host for a token and retries the request exactly once', async ({ page }) => {
    await embed(page);
    await expect(app(page).locator('main h1')).toBeVisible();
    const apiCalls: { method: string; url: string; status: number }[] = [];
    page.on('response', (response) => {
      const request = response.request();
      if (!request.url().startsWith(`${APP_ORIGIN}/api/`)) return;
      apiCalls.push({ method: request.method(), url: request.url(), status: response.status() });
    });
    // The host's session ends (expiry, sign-out elsewhere); the app's next call gets a 401.
    const revoked = page.waitForResponse((r) => r.url().endsWith('/revoke'));
    await page.getByRole('button', { name: 'Revoke the token (simulate expiry)' }).click();
    await revoked;
    await page.getByLabel('Navigate the app to').selectOption('/benefits/technical');
    await page.getByRole('button', { name: 'Go' }).click();
    await expect(app(page).locator('.benefit-table')).toBeVisible();
    await expect.poll(async () => (await fromApp(page, 'token-expired')).length).toBe(1);

    const byCall = new Map<string, number[]>();
    for (const call of apiCalls) {
      const key = `${call.method} ${call.url}`;
      byCall.set(key, [...(byCall.get(key) ?? []), call.status]);
    }
    const retried = [...byCall.entries()].filter(([, statuses]) => statuses.includes(401));
    expect(retried.length, JSON.stringify(apiCalls)).toBeGreaterThan(0);
    for (const [call, statuses] of retried) expect(statuses, call).toEqual([401, 200]);
    const outgoing = (await hostLog(page)).filter((l) => l.direction === 'out' && l.message.type === 'token');
    expect(outgoing).toHaveLength(1);
  });

  test('a stale token at init is replaced through token-expired, not the sign-in page', async ({ page }) => {
    await embed(page);
    const revoked = page.waitForResponse((r) => r.url().endsWith('/revoke'));
    await page.getByRole('button', { name: 'Revoke the token (simulate expiry)' }).click();
    await revoked;
    // The frame reloads; the host still holds the revoked token and sends it with init.
    await appFrame(page).evaluate(() => location.reload());
    await expect.poll(async () => (await fromApp(page, 'ready')).length).toBe(2);
    await expect(app(page).locator('.account__name')).toHaveText('Megan Bowen');
    expect(await fromApp(page, 'token-expired')).toHaveLength(1);
    await expect(app(page).getByLabel('Password')).toHaveCount(0);
  });

  test('messages from a non-parent window or a foreign origin are ignored', async ({ page }) => {
    await embed(page);
    const root = app(page).locator('html');
    await expect(root).toHaveAttribute('data-theme', 'light');
    // Two other widgets on the host page: one on the host's own origin (not the
    // app's parent), one from a foreign origin.
    for (const origin of [HOST_ORIGIN, FOREIGN_ORIGIN]) {
      await page.evaluate((src) => {
        const frame = document.createElement('iframe');
        frame.src = src;
        frame.title = 'another widget';
        document.body.append(frame);
        return new Promise((resolve) => frame.addEventListener('load', resolve));
      }, `${origin}/sibling.html`);
      const sibling = page.frames().find((f) => f.url() === `${origin}/sibling.html`)!;
      await sibling.evaluate((appOrigin) => {
        const target = window.parent.frames[0];
        for (const message of [
          { type: 'navigate', route: '/settings/tenants' },
          { type: 'set-theme', theme: 'dark' },
          { type: 'token', token: 'stolen' },
        ]) {
          target.postMessage({ protocol: 'rewards-embed', version: 1, ...message }, appOrigin);
        }
      }, APP_ORIGIN);
    }
    await page.waitForTimeout(500);
    await expect(root).toHaveAttribute('data-theme', 'light');
    expect(appFrame(page).url()).toBe(`${APP_ORIGIN}/`);
    // The app still works with its own token, and the host itself is heard.
    await page.getByLabel('Theme').selectOption('dark');
    await expect(root).toHaveAttribute('data-theme', 'dark');
    await page.getByLabel('Navigate the app to').selectOption('/benefits/technical');
    await page.getByRole('button', { name: 'Go' }).click();
    await expect(app(page).locator('.benefit-table')).toBeVisible();
  });
});
