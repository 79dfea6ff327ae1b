import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, appReady, expectNoAxeViolations, signIn, signInThroughApi, USERS } from './fixtures';

// Journey 6: the associated tenants and the association wizard.
// The association is global state shared with other specs in the same run, so
// the tests bring it into the state they need through the API first, and the
// last tests leave Fabrikam unassociated again (as seeded).

const HOME = 'contoso.onmicrosoft.com';
const FABRIKAM = 'fabrikam.onmicrosoft.com';
const FABRIKAM_ORG = 'Fabrikam, Inc.';
const TENANT_ADMIN = 'admin@fabrikam.onmicrosoft.com';
const TENANT_PASSWORD = 'Fabrikam-Tenant-2026';

const key = () => `e2e-tenants-${Date.now()}-${Math.random().toString(36).slice(2)}`;

async function tenantList(request: APIRequestContext, auth: Record<string, string>) {
  const response = await request.get('/api/v1/tenants', { headers: auth });
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as {
    version: number;
    tenants: { domain: string; organisation: string; is_home: boolean }[];
  };
}

async function removeFabrikamViaApi(request: APIRequestContext) {
  const auth = await signInThroughApi(request);
  const list = await tenantList(request, auth);
  if (!list.tenants.some((t) => t.domain === FABRIKAM)) return;
  const response = await request.delete(`/api/v1/tenants/${FABRIKAM}`, {
    headers: { ...auth, 'Idempotency-Key': key(), 'If-Match': `"${list.version}"` },
  });
  expect(response.status()).toBe(200);
}

async function associateFabrikamViaApi(request: APIRequestContext) {
  const auth = await signInThroughApi(request);
  const list = await tenantList(request, auth);
  if (list.tenants.some((t) => t.domain === FABRIKAM)) return;
  const started = await request.post('/api/v1/tenants/associations', {
    headers: { ...auth, 'Idempotency-Key': key() },
    data: { domain: FABRIKAM, username: TENANT_ADMIN, password: TENANT_PASSWORD },
  });
  expect(started.status()).toBe(201);
  const { association_id } = await started.json();
  const confirmed = await request.post(`/api/v1/tenants/associations/${association_id}/confirm`, {
    headers: { ...auth, 'Idempotency-Key': key(), 'If-Match': `"${list.version}"` },
  });
  expect(confirmed.status()).toBe(200);
}

const row = (page: Page, domain: string) => page.locator('.tenants-table tbody tr').filter({ hasText: domain });
const stepHeading = (page: Page, name: RegExp) => page.getByRole('heading', { level: 2, name });
const currentStep = (page: Page) => page.locator('.steps [aria-current="step"]');

/** Where a secret could leak in the browser: Web Storage, the URL and history state. */
async function browserTraces(page: Page) {
  return page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    url: location.href,
    history: JSON.stringify(history.state ?? null),
  }));
}

test.describe.configure({ mode: 'serial' });

test.describe('tenant association', () => {
  test.beforeAll(async ({ request }) => {
    await removeFabrikamViaApi(request);
  });

  test('Megan sees the home tenant she is signed in with, and why it cannot be removed', async ({ page }) => {
    await signIn(page, USERS.megan, '/settings/tenants');
    await expect(page.locator('main h1')).toHaveText('Tenants');
    const home = row(page, HOME);
    await expect(home).toContainText('Contoso');
    await expect(home).toContainText('Home tenant');
    await expect(home).toContainText('You are signed in with this tenant');
    await expect(home).toContainText('cannot be removed');
    await expect(home.getByRole('button')).toHaveCount(0);
    await expect(row(page, FABRIKAM)).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Associate another Azure AD tenant' })).toBeVisible();
    await expectNoAxeViolations(page, 'tenant list');
  });

  for (const user of ['diego', 'alex'] as const) {
    test(`${user} sees the tenants read-only with who can manage them`, async ({ page }) => {
      await signIn(page, USERS[user], '/settings/tenants');
      await expect(row(page, HOME)).toBeVisible();
      const notice = page.locator('#tenants-read-only');
      await expect(notice).toContainText('Only a Global admin or Account admin can associate or remove tenants');
      await expect(notice).toContainText('Megan Bowen');
      const associate = page.getByRole('button', { name: 'Associate another Azure AD tenant' });
      await expect(associate).toBeDisabled();
      await expect(associate).toHaveAccessibleDescription(/Megan Bowen/);
      await expect(page.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
      await expectNoAxeViolations(page, `read-only list (${user})`);

      await page.goto('/settings/tenants/associate');
      await appReady(page);
      await expect(page.locator('main')).toContainText('Megan Bowen');
      await expect(page.locator('main form')).toHaveCount(0);
      await expect(page.getByLabel('Tenant domain', { exact: true })).toHaveCount(0);
    });
  }

  test('a Global admin signed in through a tenant that is not associated is sent to the global account first', async ({
    page,
  }) => {
    await signIn(page, USERS.patti);
    const me = await (await page.request.get('/api/v1/me')).json();
    expect(me.can_manage_tenants).toBe(true);
    expect(me.programme_visible).toBe(false);
    // The hidden programme: no wizard link, but the way through the home tenant, and sign out.
    const fix = page.getByRole('region', { name: 'How to make it visible' });
    await expect(fix).toContainText(`sign in with your company’s global account (through ${HOME}) first`);
    await expect(fix.getByRole('link', { name: 'Associate another Azure AD tenant' })).toHaveCount(0);
    await expect(fix.getByRole('button', { name: 'Sign out to sign in with the global account' })).toBeVisible();
    await expectNoAxeViolations(page, 'hidden programme, tenant admin outside the account');

    // The tenants page: the reason instead of the action, and no Remove.
    await page.goto('/settings/tenants');
    await expect(row(page, HOME)).toBeVisible();
    const notice = page.locator('#tenants-read-only');
    await expect(notice).toContainText(`you signed in through ${FABRIKAM}, which is not associated`);
    await expect(notice).toContainText(`through ${HOME}`);
    const associate = page.getByRole('button', { name: 'Associate another Azure AD tenant' });
    await expect(associate).toBeDisabled();
    await expect(associate).toHaveAccessibleDescription(/sign in with your company’s global account/);
    await expect(page.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
    await expectNoAxeViolations(page, 'tenants, tenant admin outside the account');

    // The wizard's address shows the same instead of the wizard.
    await page.goto('/settings/tenants/associate');
    await appReady(page);
    await expect(page.locator('main')).toContainText('sign in with your company’s global account');
    await expect(page.getByLabel('Tenant domain', { exact: true })).toHaveCount(0);

    // The server refuses it too.
    const refused = await page.request.post('/api/v1/tenants/associations', {
      headers: { 'Idempotency-Key': key() },
      data: { domain: FABRIKAM, username: TENANT_ADMIN, password: TENANT_PASSWORD },
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).code).toBe('associated_tenant_sign_in_required');

    // In French as well.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect(page.locator('main')).toContainText('connectez-vous d’abord avec le compte global de votre entreprise');
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');

    // Signing out from the hidden overview leads to the sign-in page.
    await page.goto('/');
    await fix.getByRole('button', { name: 'Sign out to sign in with the global account' }).click();
    await expect(page.getByLabel('Password')).toBeVisible();
  });

  test('the whole wizard by keyboard, with a wrong password, Back and a reload; then Lee sees the programme', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signIn(page, USERS.megan, '/settings/tenants');
    const start = page.getByRole('link', { name: 'Associate another Azure AD tenant' });
    await start.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/settings\/tenants\/associate$/);

    // Step 1: domain.
    await expect(stepHeading(page, /Step 1 of 4: Tenant domain/)).toBeVisible();
    await expect(currentStep(page)).toHaveCount(1);
    await expect(currentStep(page)).toContainText('Tenant domain');
    await expect(currentStep(page)).toContainText('Current step');
    await expect(page.locator('.steps li').nth(3)).toContainText('Not started');
    await expectNoAxeViolations(page, 'wizard step 1');

    const domain = page.getByLabel('Tenant domain', { exact: true });
    await domain.focus();
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Error: /);
    await expect(domain).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, 'wizard step 1 error');

    await domain.focus();
    await page.keyboard.type(FABRIKAM);
    await page.keyboard.press('Enter');

    // Step 2: credentials; Back keeps the domain.
    await expect(stepHeading(page, /Step 2 of 4: Sign-in details/)).toBeFocused();
    await expect(page).not.toHaveTitle(/^Error: /);
    await expect(page.locator('.steps li').first()).toContainText('Completed');
    await expect(currentStep(page)).toContainText('Sign-in details');
    const username = page.getByLabel('User name');
    const password = page.getByLabel('Password', { exact: true });
    await expect(username).toHaveAttribute('autocomplete', 'username');
    await expect(password).toHaveAttribute('type', 'password');
    await expect(password).toHaveAttribute('autocomplete', 'current-password');
    await expectNoAxeViolations(page, 'wizard step 2');

    await page.getByRole('button', { name: 'Back' }).focus();
    await page.keyboard.press('Enter');
    await expect(stepHeading(page, /Step 1 of 4/)).toBeFocused();
    await expect(domain).toHaveValue(FABRIKAM);
    await domain.focus();
    await page.keyboard.press('Enter');
    await expect(stepHeading(page, /Step 2 of 4/)).toBeFocused();

    // A wrong password: message on the fields, password emptied, user name kept.
    await username.focus();
    await page.keyboard.type(TENANT_ADMIN);
    await page.keyboard.press('Tab');
    await expect(password).toBeFocused();
    await page.keyboard.type('Not-The-Password-1');
    await page.keyboard.press('Enter');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('The user name or password is not correct for this tenant');
    await expect(password).toHaveValue('');
    await expect(username).toHaveValue(TENANT_ADMIN);
    await expect(username).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.field__error')).toHaveCount(2);
    await expect(password).toHaveAccessibleDescription(/Enter the password again/);
    await expectNoAxeViolations(page, 'wizard step 2 wrong credentials');

    await summary.getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    await expect(username).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(password).toBeFocused();
    await page.keyboard.type(TENANT_PASSWORD);
    await page.keyboard.press('Enter');

    // Step 3: review.
    await expect(stepHeading(page, /Step 3 of 4: Review/)).toBeFocused();
    const review = page.locator('.tenants-review');
    await expect(review).toContainText(FABRIKAM_ORG);
    await expect(review).toContainText(FABRIKAM);
    await expectNoAxeViolations(page, 'wizard step 3');
    let traces = await browserTraces(page);
    expect(traces.session).not.toContain(TENANT_PASSWORD);
    expect(traces.session).toContain(FABRIKAM_ORG);

    // A reload resumes at the review.
    await page.reload();
    await expect(stepHeading(page, /Step 3 of 4: Review/)).toBeVisible();
    await expect(review).toContainText(FABRIKAM_ORG);
    await expect(currentStep(page)).toContainText('Review');

    await page.getByRole('button', { name: 'Confirm association' }).focus();
    await page.keyboard.press('Enter');

    // Step 4: done.
    await expect(stepHeading(page, /Step 4 of 4: Done/)).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: FABRIKAM_ORG })).toContainText(
      `${FABRIKAM_ORG} (${FABRIKAM}) is now associated`,
    );
    await expect(page.locator('main')).toContainText('sign out and sign in again with a user of this tenant');
    await expectNoAxeViolations(page, 'wizard step 4');

    // The password is nowhere in the browser.
    traces = await browserTraces(page);
    expect(traces.local).not.toContain(TENANT_PASSWORD);
    expect(traces.session).not.toContain(TENANT_PASSWORD);
    expect(traces.url).not.toContain(TENANT_PASSWORD);
    expect(traces.history).not.toContain(TENANT_PASSWORD);
    expect(traces.session).not.toContain(FABRIKAM_ORG); // the draft is gone after the finish
    expect(await page.content()).not.toContain(TENANT_PASSWORD);

    // Sign out from the last step, then Lee's tenant shows the programme.
    await page.locator('main').getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('main h1')).toHaveText('Sign in');
    await signIn(page, USERS.lee);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toContainText('Benefits');
    await expect(nav.getByRole('link', { name: 'Sales and marketing benefits' })).toBeVisible();
    const me = await (await page.request.get('/api/v1/me')).json();
    expect(me.programme_visible).toBe(true);
  });

  test('Cancel ends the wizard and forgets its entries', async ({ page }) => {
    await signIn(page, USERS.megan, '/settings/tenants/associate');
    const domain = page.getByLabel('Tenant domain', { exact: true });
    await domain.fill('northwind.onmicrosoft.com');
    await domain.press('Enter');
    await expect(stepHeading(page, /Step 2 of 4/)).toBeFocused();
    await page.getByLabel('User name').fill('someone@northwind.onmicrosoft.com');
    await page.getByRole('button', { name: 'Cancel' }).press('Enter');
    await expect(page).toHaveURL(/\/settings\/tenants$/);
    expect((await browserTraces(page)).session).not.toContain('northwind');
    await page.goto('/settings/tenants/associate');
    await expect(page.getByLabel('Tenant domain', { exact: true })).toHaveValue('');
  });

  test('remove asks first, returns focus on cancel, detects a concurrent change, then removes', async ({
    page,
    request,
  }) => {
    test.setTimeout(60_000);
    await associateFabrikamViaApi(request);
    await signIn(page, USERS.megan, '/settings/tenants');
    const fabrikam = row(page, FABRIKAM);
    await expect(fabrikam).toContainText(FABRIKAM_ORG);
    const remove = fabrikam.getByRole('button', { name: `Remove ${FABRIKAM}` });

    await remove.focus();
    await page.keyboard.press('Enter');
    const confirmTitle = page.getByRole('heading', { level: 2, name: `Remove ${FABRIKAM}?` });
    await expect(confirmTitle).toBeFocused();
    await expect(page.locator('.tenants-confirm')).toContainText('will no longer see the Rewards programme');
    await expectNoAxeViolations(page, 'remove confirmation');
    await page.getByRole('button', { name: 'Cancel' }).press('Enter');
    await expect(confirmTitle).toHaveCount(0);
    await expect(remove).toBeFocused();
    await expect(fabrikam).toHaveCount(1);

    // Someone else changes the list meanwhile (removes and re-adds Fabrikam).
    await remove.press('Enter');
    await removeFabrikamViaApi(request);
    await associateFabrikamViaApi(request);
    await page.getByRole('button', { name: 'Remove tenant' }).press('Enter');
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed the tenant list' });
    await expect(conflict).toBeVisible();
    await expectNoAxeViolations(page, 'remove conflict');
    await conflict.getByRole('button', { name: 'Reload' }).press('Enter');
    await expect(conflict).toHaveCount(0);

    await remove.press('Enter');
    await page.getByRole('button', { name: 'Remove tenant' }).press('Enter');
    const done = page.getByRole('status').filter({ hasText: `${FABRIKAM} was removed` });
    await expect(done).toBeVisible();
    await expect(row(page, FABRIKAM)).toHaveCount(0);
    await expect(row(page, HOME)).toBeVisible();
    const list = await tenantList(request, await signInThroughApi(request));
    expect(list.tenants.map((t) => t.domain)).toEqual([HOME]);
  });

  test('too many failed attempts are explained', async ({ page, request }) => {
    // Five failures (the server's limit per 15 minutes) through the API, then one in the UI.
    const auth = await signInThroughApi(request);
    for (let i = 0; i < 5; i++) {
      const response = await request.post('/api/v1/tenants/associations', {
        headers: { ...auth, 'Idempotency-Key': key() },
        data: { domain: FABRIKAM, username: TENANT_ADMIN, password: `wrong-${i}` },
      });
      expect([422, 429]).toContain(response.status());
    }
    await signIn(page, USERS.megan, '/settings/tenants/associate');
    await page.getByLabel('Tenant domain', { exact: true }).fill(FABRIKAM);
    await page.getByLabel('Tenant domain', { exact: true }).press('Enter');
    await page.getByLabel('User name').fill(TENANT_ADMIN);
    await page.getByLabel('Password', { exact: true }).fill(TENANT_PASSWORD);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toContainText('too many failed attempts');
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expectNoAxeViolations(page, 'too many attempts');
  });
});
