import { test, expect, appReady, signIn, USERS } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * A repeat visit does not wait for one early answer before asking the next (index.html's
 * `early-requests` script, src/api/early.rs): the app leaves a hint — the API base and whether
 * the programme was visible — and the next load asks for the session and the overview at once,
 * next to config.json. An answer is used only when config.json and the session confirm it.
 */

const HINT = 'rewards.early';

async function figuresShown(page: Page) {
  await appReady(page);
  await expect(page.getByTestId('overview-sales')).toHaveText('$61,500');
}

/** The API paths the page asks for, in the order the requests leave. */
function recordApiRequests(page: Page) {
  const sent: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/api\//.test(path)) sent.push(path);
  });
  return sent;
}

test('a repeat visit asks for the session and the overview before config.json answers', async ({ page }) => {
  await signIn(page, USERS.megan);
  await figuresShown(page);
  expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), HINT)) ?? 'null')).toEqual({
    apiBase: '/api/v1',
    overview: true,
  });

  const sentBeforeConfig: string[][] = [];
  const sent = recordApiRequests(page);
  // config.json answers late: whatever left before it did was not waiting for it.
  await page.route('**/config.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    sentBeforeConfig.push([...sent]);
    await route.continue();
  });
  await page.reload();
  await figuresShown(page);
  expect(sentBeforeConfig[0]).toEqual(['/api/v1/session', '/api/v1/rewards/overview']);
  // Those were the app's requests: none was sent twice.
  expect(sent).toEqual(['/api/v1/session', '/api/v1/rewards/overview']);
});

test('a guess that config.json does not confirm is not used', async ({ page }) => {
  await signIn(page, USERS.megan);
  await figuresShown(page);
  // As if the API had moved since the last visit.
  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({ apiBase: '/old-api/v1', overview: true })), HINT);
  await page.route('**/old-api/**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"me":null}' }));
  const sent = recordApiRequests(page);
  await page.reload();
  await figuresShown(page);
  expect(sent).toEqual(['/old-api/v1/session', '/old-api/v1/rewards/overview', '/api/v1/session', '/api/v1/rewards/overview']);
  // The app wrote the confirmed base back for the next visit.
  expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), HINT)) ?? 'null')).toEqual({
    apiBase: '/api/v1',
    overview: true,
  });
});

test('signing out takes the overview out of the hint: the next load does not ask for it', async ({ page }) => {
  await signIn(page, USERS.megan);
  await figuresShown(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status')).toContainText('You have signed out.');
  expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), HINT)) ?? 'null')).toEqual({
    apiBase: '/api/v1',
    overview: false,
  });
  const sent = recordApiRequests(page);
  await page.reload();
  await expect(page.locator('main h1')).toHaveText('Sign in');
  expect(sent).toEqual(['/api/v1/session']);
});
