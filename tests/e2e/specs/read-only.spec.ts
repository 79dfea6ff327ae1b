import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, signIn, ROUTES, USERS } from './fixtures';

// Issue 7, part 5 (SPA side): a read-only user (Diego, Developer) never meets an
// action he cannot use without the reason. On every page: each disabled control
// carries an accessible description that names who can act, no enabled control
// starts a write he may not make, and the page shows the reason as text.

/** Visible text of each write action, with the sentence that must explain it. */
const WRITE_ACTIONS = [/^Activate$/, /^Opt out$/, /^Add, update, or change$/, /^Submit request$/, /^Remove$/, /^Associate another/];
const REASON = /[Oo]nly .* can|cannot submit|Ask /;

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
    await expect(open).toHaveAccessibleDescription(/^Only .* can add, update, or change the marketing contact\. People in your company with one of these roles: .+\.$/);
  });
});

/** Answers as if nobody in the company held a role that manages rewards or tenants. */
async function nobodyManages(page: Page) {
  const blank = (me: Record<string, unknown> | null | undefined) => {
    if (me) {
      me.reward_managers = [];
      me.tenant_managers = [];
    }
  };
  await page.route(/\/api\/v1\/(session|me)$/, async (route) => {
    const response = await route.fetch();
    if (!response.ok()) return route.fulfill({ response });
    const body = await response.json();
    if ('me' in body) blank(body.me);
    else blank(body);
    await route.fulfill({ response, json: body });
  });
}

test.describe('read-only explanations name the roles', () => {
  test('each names the roles and the people who hold one', async ({ page }) => {
    await signIn(page, USERS.diego, '/benefits/sales-marketing');
    const open = page.locator('section.contact-panel').getByRole('button', { name: 'Add, update, or change' });
    await expect(open).toHaveAccessibleDescription(
      /^Only a Global admin, MPN partner admin or Admin agent can add, update, or change the marketing contact\. People in your company with one of these roles: .*Megan Bowen.*\.$/,
    );
    await expect(page.locator('#benefit-read-only-note')).toContainText('only a Global admin, MPN partner admin or Admin agent can activate them');
    await page.goto('/settings/tenants');
    await expect(page.locator('#tenants-read-only')).toHaveText(
      'Only a Global admin or Account admin can associate or remove tenants. People in your company with one of these roles: Megan Bowen.',
    );
  });

  test('when nobody holds such a role they say so and what to do instead, never a blank list', async ({ page }) => {
    await nobodyManages(page);
    const nobody = 'Nobody in your company has one of these roles yet.';
    await signIn(page, USERS.diego, '/benefits/sales-marketing');
    const open = page.locator('section.contact-panel').getByRole('button', { name: 'Add, update, or change' });
    await expect(open).toHaveAccessibleDescription(new RegExp(`^Only a Global admin, MPN partner admin or Admin agent can .*\\. ${nobody} .*Account settings → User management\\.$`));
    await expect(page.locator('#benefit-read-only-note')).toContainText(nobody);
    await expectNoAxeViolations(page, 'nobody manages rewards');

    await page.goto('/technical-requests/new');
    await expect(page.locator('#tr-read-only')).toContainText(`A Global admin, MPN partner admin or Admin agent can submit it for you. ${nobody}`);
    await page.goto('/');
    const checklist = page.locator('.overview-read-only');
    if (await checklist.count()) await expect(checklist).toContainText(nobody);
    await page.goto('/settings/tenants');
    await expect(page.locator('#tenants-read-only')).toContainText(`Only a Global admin or Account admin can associate or remove tenants. ${nobody}`);
    await expect(page.getByRole('button', { name: 'Associate another Azure AD tenant' })).toHaveAccessibleDescription(/Nobody in your company/);
    await expectNoAxeViolations(page, 'nobody manages tenants');

    // In Swedish too: the roles and the way forward are translated.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('sv');
    await expect(page.locator('#tenants-read-only')).toContainText('Endast en global administratör eller kontoadministratör');
    await expect(page.locator('#tenants-read-only')).toContainText('Ingen i ditt företag har någon av de här rollerna ännu.');
    await page.getByRole('combobox', { name: 'Språk' }).selectOption('en');
  });

  test('Lee, whose tenant is hidden, is told who can associate it, or what to do when nobody can', async ({ page }) => {
    await signIn(page, USERS.lee);
    const me = await (await page.request.get('/api/v1/me')).json();
    test.skip(me.programme_visible, 'a journey earlier in this run associated Fabrikam');
    const fix = page.getByRole('region', { name: 'How to make it visible' });
    await expect(fix).toContainText('Only a Global admin or Account admin can associate fabrikam.onmicrosoft.com');
    await expect(fix).toContainText('People in your company with one of these roles: Megan Bowen.');
    await nobodyManages(page);
    await page.reload();
    await expect(fix).toContainText('Nobody in your company has one of these roles yet.');
    await expectNoAxeViolations(page, 'hidden programme, nobody manages tenants');
  });
});
