import { test as base, expect, APIRequestContext, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const LOCALES = ['en', 'nl', 'fr', 'sv', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROUTES = [
  '/',
  '/benefits/sales-marketing',
  '/benefits/technical',
  '/technical-requests/new',
  '/insights',
  '/settings/tenants',
  '/settings/tenants/associate',
] as const;

/** The WCAG tags every page must pass with zero violations. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Fails the test on any console error or page error. Chromium's own network log lines
 * ("Failed to load resource: … 401") are not app errors: an expected 4xx answer (a wrong
 * password, a version conflict) is part of the journeys under test.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      // Every frame reports Content-Security-Policy violations as console errors.
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
        ),
      );
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
          errors.push(msg.text());
        }
      });
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Demo accounts seeded by the reference server (see README). */
export const PASSWORD = 'Rewards-Demo-2026';
export const USERS = {
  megan: 'megan@contoso.example', // Global admin
  alex: 'alex@contoso.example', // MPN partner admin
  adele: 'adele@contoso.example', // Admin agent
  diego: 'diego@contoso.example', // Developer, read-only
  lee: 'lee@fabrikam.example', // tenant not associated: programme hidden
  patti: 'patti@fabrikam.example', // Global admin signed in through Fabrikam (not associated)
} as const;

/**
 * Signs `email` in through the API: the request context (a page's `page.request` shares the
 * page's cookies) keeps the session; the bearer header is for direct API calls.
 */
export async function signInThroughApi(request: APIRequestContext, email: string = USERS.megan) {
  const response = await request.post('/api/v1/session', {
    headers: { 'Idempotency-Key': crypto.randomUUID() },
    data: { email, password: PASSWORD },
  });
  expect(response.status()).toBe(201);
  return { Authorization: `Bearer ${(await response.json()).token}` };
}

/** Signs in through the sign-in form and waits for the signed-in shell. */
export async function signIn(page: Page, email: string, path = '/', password = PASSWORD) {
  await page.goto(path);
  await expect(page.locator('main h1')).toBeVisible();
  await page.getByLabel(/^(Email address|E-mailadres|Adresse e-mail|E-postadress|電子郵件地址)$/).fill(email);
  await page.getByLabel(/^(Password|Wachtwoord|Mot de passe|Lösenord|密碼)$/).fill(password);
  await page.locator('main form button[type=submit]').click();
  // On narrow screens the header's account block waits behind the Menu button (hidden).
  await expect(page.locator('header .account__name')).toHaveCount(1);
}

/** Waits until the WASM app has rendered a page heading. */
export async function appReady(page: Page) {
  await expect(page.locator('main h1')).toBeVisible();
}

export async function expectNoAxeViolations(page: Page, context = '') {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations ${context}`).toEqual([]);
}

/** Starts summing layout shifts without recent input (CLS as the issue measured it) from the
 * page's first moment; read the sum with `layoutShift`. Call before `goto`. */
export async function recordLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    (window as any).__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) {
        if (!entry.hadRecentInput) (window as any).__shift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

export function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__shift as number);
}
