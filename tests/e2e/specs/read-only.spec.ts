import type { Page } from '@playwright/test';
import { test, expect, signIn, ROUTES, USERS } from './fixtures';

// Issue 7, part 5 (SPA side): a read-only user (Diego, Developer) never meets an
// action he cannot use without the reason. On every page: each disabled control
// carries an accessible description that names who can act, no enabled control
// starts a write he may not make, and the page shows the reason as text.

/** Visible text of each write action, with the sentence that must explain it. */
const WRITE_ACTIONS = [/^Activate$/, /^Add, update, or change$/, /^Submit request$/, /^Remove$/, /^Associate another/];
const REASON = /Only .* can|cannot submit|Ask /;

/** Every visible button or link in main that is a write action. */
async function writeActions(page: Page) {
  return page.locator('main').locator('button:visible, a:visible').evaluateAll(
    (elements, patterns) =>
      elements
        .map((el) => ({
          text: (el.textContent ?? '').trim(),
          disabled: (el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true',
          description: (el.getAttribute('aria-describedby') ?? '')
            .split(/\s+/)
            .filter(Boolean)
            .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
            .join(' '),
        }))
        .filter((a) => patterns.some((p) => new RegExp(p).test(a.text))),
    WRITE_ACTIONS.map((p) => p.source),
  );
}

test.describe('read-only user', () => {
  for (const route of ROUTES) {
    test(`Diego on ${route}: every write action is disabled with its reason`, async ({ page }) => {
      await signIn(page, USERS.diego, route);
      await expect(page.locator('main h1')).toBeVisible();
      // Let the page's data arrive (tables, panels) before judging.
      await expect(page.locator('main .status--loading')).toHaveCount(0);
      const actions = await writeActions(page);
      for (const action of actions) {
        expect(action.disabled, `"${action.text}" is enabled for a read-only user`).toBe(true);
        expect(action.description, `"${action.text}" has no reason`).toMatch(REASON);
      }
      // Pages with write actions say why in plain text too (a link can't be disabled,
      // so the tenant pages replace theirs with the sentence).
      const reasonShown = page.locator('main').getByText(REASON).first();
      if (actions.length > 0 || route.startsWith('/settings') || route === '/technical-requests/new') {
        await expect(reasonShown).toBeVisible();
      }
      // The managers are named: Diego can ask someone (pages with nothing to do have no one to ask).
      if (route !== '/' && route !== '/insights') {
        await expect(page.locator('main')).toContainText(/Megan Bowen/);
      }
    });
  }

  test('Diego cannot open the Assign user dialog, and the button says why', async ({ page }) => {
    await signIn(page, USERS.diego, '/benefits/sales-marketing');
    const open = page.locator('section.contact-panel').getByRole('button', { name: 'Add, update, or change' });
    await expect(open).toBeDisabled();
    await expect(open).toHaveAccessibleDescription(/^Only .* can add, update, or change the marketing contact\.$/);
  });
});
