import { Page, Locator } from '@playwright/test';
import { test, expect, expectNoAxeViolations, signIn, USERS } from './fixtures';

const SM = '/benefits/sales-marketing';
const TECH = '/benefits/technical';

const tab = (page: Page, name: string) => page.getByRole('tab', { name });
const rows = (page: Page) => page.locator('tbody.benefit-row-group');
/** The row group of one benefit, by its name and (to tell repeated names apart) its offer. */
const row = (page: Page, name: string, offer?: string) => {
  let group = rows(page).filter({ has: page.locator('.benefit-row__name', { hasText: name }) });
  if (offer) group = group.filter({ hasText: offer });
  return group.first();
};
const count = (page: Page) => page.locator('.benefit-count');
const statusOf = (group: Locator) => group.locator('.benefit-row .status-badge');

/** The methods of the requests the page sends to `pathname`, filled in as they are sent. */
function requestsTo(page: Page, pathname: string): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === pathname) sent.push(request.method());
  });
  return sent;
}

/** From Sales and marketing to the Technical tab and back, each time until its table shows. */
async function visitTechnicalAndBack(page: Page) {
  await tab(page, 'Technical benefits').click();
  await openTable(page);
  await tab(page, 'Sales and marketing benefits').click();
  await openTable(page);
}

/** Signs out, then Megan signs in again on Sales and marketing. */
async function signOutAndInAgain(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, USERS.megan, SM);
  await openTable(page);
}

async function openTable(page: Page) {
  await expect(page.locator('.benefit-table')).toBeVisible();
}

test.describe('benefits tabs', () => {
  test('tabs switch by mouse and keyboard, each with its own URL', async ({ page }) => {
    await signIn(page, USERS.megan, SM);
    await openTable(page);
    const sm = tab(page, 'Sales and marketing benefits');
    const tech = tab(page, 'Technical benefits');
    await expect(page.getByRole('tablist', { name: 'Benefit categories' })).toBeVisible();
    await expect(sm).toHaveAttribute('aria-selected', 'true');
    await expect(tech).toHaveAttribute('aria-selected', 'false');
    await expect(sm).toHaveAttribute('tabindex', '0');
    await expect(tech).toHaveAttribute('tabindex', '-1');
    await expect(page.getByRole('tabpanel', { name: 'Sales and marketing benefits' })).toBeVisible();

    // Mouse
    await tech.click();
    await expect(page).toHaveURL(new RegExp(`${TECH}$`));
    await expect(tech).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: 'Technical benefits' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Request technical assistance' })).toHaveAttribute(
      'href',
      '/technical-requests/new',
    );

    // Keyboard: arrows wrap, Home and End; focus stays on the selected tab.
    await tech.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page).toHaveURL(new RegExp(`${SM}$`));
    await expect(sm).toHaveAttribute('aria-selected', 'true');
    await expect(sm).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(new RegExp(`${TECH}$`));
    await expect(tech).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(new RegExp(`${SM}$`));
    await expect(sm).toBeFocused();
    await page.keyboard.press('End');
    await expect(page).toHaveURL(new RegExp(`${TECH}$`));
    await page.keyboard.press('Home');
    await expect(page).toHaveURL(new RegExp(`${SM}$`));
    await expect(sm).toHaveAttribute('aria-selected', 'true');

    // Deep links survive a reload.
    await page.goto(TECH);
    await openTable(page);
    await page.reload();
    await openTable(page);
    await expect(tech).toHaveAttribute('aria-selected', 'true');
    await expectNoAxeViolations(page, 'technical tab');
    await page.goto(SM);
    await openTable(page);
    await expect(sm).toHaveAttribute('aria-selected', 'true');
    await expectNoAxeViolations(page, 'sales and marketing tab');
  });

  test('status filter and search narrow the table; locked benefits say what unlocks them', async ({ page }) => {
    await signIn(page, USERS.megan, SM);
    await openTable(page);
    const all = await rows(page).count();
    expect(all).toBeGreaterThan(10);
    await expect(count(page)).toHaveText(`${all} benefits shown`);

    await page.getByLabel('Status').selectOption({ label: 'Locked' });
    await expect(count(page)).not.toHaveText(`${all} benefits shown`);
    const locked = await rows(page).count();
    expect(locked).toBeGreaterThan(0);
    expect(locked).toBeLessThan(all);
    await expect(rows(page).locator('.benefit-row .status-badge', { hasNotText: 'Locked' })).toHaveCount(0);
    await expect(row(page, 'Partner or customer success story')).toContainText(
      'Unlocks at the $100K tier: $100,000 in billed sales over the last 12 months.',
    );
    await expect(row(page, 'Executive endorsement')).toContainText('Unlocks at the $1M tier');
    await expect(row(page, 'Solution spotlight to the sales team')).toContainText('Requires a co-sell-ready listing');
    await expect(row(page, 'Solution spotlight to the sales team')).toContainText('Not for bring-your-own-license offers');

    await page.getByLabel('Search by name').fill('spotlight');
    await expect(count(page)).toHaveText('2 benefits shown');
    await expect(rows(page)).toHaveCount(2);
    await page.getByLabel('Search by name').fill('no such benefit');
    await expect(page.getByText('No benefits match')).toBeVisible();
    await expect(rows(page)).toHaveCount(0);
    await expectNoAxeViolations(page, 'empty state');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(rows(page)).toHaveCount(all);

    // Quantities, sources and the email-only sponsorship.
    await page.getByLabel('Search by name').fill('Azure sponsorship for deployment');
    const sponsorship = row(page, 'Azure sponsorship for deployment or proof of concept');
    await expect(sponsorship).toContainText('Transact – $50K');
    await expect(sponsorship).toContainText('$15,000 Azure credit');
    await expect(sponsorship).toContainText('Instructions arrive by email');
    await expect(sponsorship.getByRole('button', { name: 'Activate' })).toHaveCount(0);
  });

  test('a ?status= link (from the overview counts) preselects the status filter', async ({ page }) => {
    await signIn(page, USERS.megan, `${SM}?status=expired`);
    await openTable(page);
    await expect(page.getByLabel('Status')).toHaveValue('expired');
    const badges = rows(page).locator('.benefit-row .status-badge');
    await expect(badges.first()).toBeVisible();
    for (const text of await badges.allInnerTexts()) expect(text).toContain('Expired');
  });

  test('search also finds localized names', async ({ page }) => {
    await signIn(page, USERS.megan, TECH);
    await openTable(page);
    await page.getByLabel('Language').selectOption('fr');
    await expect(tab(page, 'Avantages techniques')).toHaveAttribute('aria-selected', 'true');
    await page.getByLabel('Rechercher par nom').fill('revue de conception');
    await expect(rows(page)).toHaveCount(1);
    const review = row(page, 'Revue de conception d’application');
    await expect(statusOf(review)).toHaveText('Révoqué');
    await expect(review).toContainText('Le client a annulé avant d’utiliser le produit');
    await expect(review).toContainText('1 consultation');
    await expectNoAxeViolations(page, 'technical tab in French');
    await page.getByLabel('Langue').selectOption('en');
  });

  test('Activate a technical benefit: confirmation, status after reload', async ({ page }) => {
    await signIn(page, USERS.megan, TECH);
    await openTable(page);
    await page.getByLabel('Status').selectOption({ label: 'Available' });
    const candidate = rows(page).filter({ has: page.getByRole('button', { name: 'Activate', disabled: false }) }).first();
    await expect(candidate).toBeVisible();
    const name = (await candidate.locator('.benefit-row__name').innerText()).trim();
    const offer = (await candidate.locator('.benefit-row__offer').innerText()).trim();
    await candidate.getByRole('button', { name: 'Activate' }).click();

    const dialog = page.getByRole('dialog', { name: `Activate ${name}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('within one week');
    await expectNoAxeViolations(page, 'confirmation dialog');
    // Cancel first: nothing changes and focus returns to the button.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(candidate.getByRole('button', { name: 'Activate' })).toBeFocused();

    await candidate.getByRole('button', { name: 'Activate' }).click();
    await dialog.getByRole('button', { name: 'Activate' }).click();
    await expect(page.locator('.benefit-announcer')).toHaveText(
      'Activated. A member of the Rewards team will contact you within a week.',
    );
    await expect(dialog).toBeHidden();

    await page.getByLabel('Status').selectOption({ label: 'All statuses' });
    await page.reload();
    await openTable(page);
    await expect(statusOf(row(page, name, offer))).toHaveText('Activated');
  });

  test('Activate works from the keyboard alone', async ({ page }) => {
    await signIn(page, USERS.adele, TECH);
    await openTable(page);
    const candidate = rows(page).filter({ has: page.getByRole('button', { name: 'Activate', disabled: false }) }).first();
    const name = (await candidate.locator('.benefit-row__name').innerText()).trim();
    const offer = (await candidate.locator('.benefit-row__offer').innerText()).trim();
    // Reach the button with Tab from the search field.
    await page.getByLabel('Search by name').fill(name);
    const activate = row(page, name, offer).getByRole('button', { name: 'Activate' });
    for (let i = 0; i < 30 && !(await activate.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(activate).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Activate ${name}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Activate' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('.benefit-announcer')).toContainText('Activated.');
    await expect(statusOf(row(page, name, offer))).toHaveText('Activated');
    // Focus is not lost: it lands on the re-rendered row's Details button.
    await expect(row(page, name, offer).getByRole('button', { name: 'Details' })).toBeFocused();
  });

  test('a sales and marketing benefit without a marketing contact explains why and offers the dialog', async ({ page }) => {
    await signIn(page, USERS.megan, SM);
    await openTable(page);
    // Create the situation: no marketing contact.
    const contacts = await (await page.request.get('/api/v1/marketing-contacts')).json();
    let version: number = contacts.version;
    for (const contact of contacts.contacts) {
      const response = await page.request.delete(`/api/v1/marketing-contacts/${contact.id}`, {
        headers: { 'If-Match': `"${version}"`, 'Idempotency-Key': `benefits-spec-${contact.id}-${Date.now()}` },
      });
      test.skip(!response.ok(), 'the last marketing contact cannot be removed');
      version = (await response.json()).version;
    }
    await page.reload();
    await openTable(page);

    // The row says which condition is unmet before any confirmation: no Activate button.
    const target = row(page, 'Market research and marketing materials');
    await expect(target.getByRole('button', { name: 'Activate' })).toHaveCount(0);
    await expect(target).toContainText(
      'Cannot be activated yet: Sales and marketing benefits can only be activated after your company has a marketing contact.',
    );
    await expect(statusOf(target)).toHaveText('Available');
    await expectNoAxeViolations(page, 'blocked activation');
    await target.getByRole('button', { name: 'Assign a marketing contact' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
  });

  test('the details panel shows status, walkthrough and history', async ({ page }) => {
    await signIn(page, USERS.megan, SM);
    await openTable(page);
    const review = row(page, 'In-depth customer review');
    const toggle = review.getByRole('button', { name: 'Details' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const panel = page.getByRole('region', { name: 'Details In-depth customer review' });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('Sales and marketing benefit');
    await expect(panel).toContainText('How activation works');
    await expect(panel).toContainText('Contoso Analytics Cloud');
    const history = panel.locator('.history-table tbody tr');
    await expect(history).toHaveCount(3);
    await expect(history.nth(0)).toContainText('Activated → In progress');
    await expect(history.nth(1)).toContainText('Available → Activated');
    await expect(history.nth(1)).toContainText('Alex Wilber');
    await expect(history.nth(2)).toContainText('Created as Available');
    await expect(history.nth(2)).toContainText('Rewards programme (automatic)');
    await expectNoAxeViolations(page, 'details panel');

    await page.goto(TECH);
    await openTable(page);
    const revoked = row(page, 'Application design review');
    await revoked.getByRole('button', { name: 'Details' }).click();
    const revokedPanel = page.getByRole('region', { name: 'Details Application design review' });
    await expect(revokedPanel.locator('.history-table tbody tr').first()).toContainText(
      'The customer cancelled before using the product',
    );
    await revoked.getByRole('button', { name: 'Details' }).click();
    await expect(revokedPanel).toBeHidden();
  });

  test('read-only users see Activate disabled and who can act', async ({ page }) => {
    await signIn(page, USERS.diego, SM);
    await openTable(page);
    const note = page.locator('#benefit-read-only-note');
    await expect(note).toContainText('only');
    for (const manager of ['Megan Bowen', 'Alex Wilber', 'Adele Vance']) {
      await expect(note).toContainText(manager);
    }
    const buttons = page.getByRole('button', { name: 'Activate' });
    expect(await buttons.count()).toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: 'Activate', disabled: false })).toHaveCount(0);
    await expect(buttons.first()).toHaveAttribute('aria-describedby', /benefit-read-only-note/);
    // Details stay available to read.
    await rows(page).first().getByRole('button', { name: 'Details' }).click();
    await expect(page.locator('.history-table')).toBeVisible();
    await expectNoAxeViolations(page, 'read-only');
  });

  test('no sideways page scroll at 360 px; rows become cards', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, USERS.megan, TECH);
    for (const path of [TECH, SM]) {
      await page.goto(path);
      await openTable(page);
      await rows(page).first().getByRole('button', { name: 'Details' }).click();
      await expect(page.locator('.history-table')).toBeVisible();
      const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(scroll, `${path} scroll width`).toBeLessThanOrEqual(inner);
    }
    await expectNoAxeViolations(page, 'narrow screen');
  });

  test('viewing the benefits is recorded once per signed-in user, not on every tab visit', async ({ page }) => {
    const viewed = requestsTo(page, '/api/v1/benefits/viewed');
    await signIn(page, USERS.megan, SM);
    await openTable(page);
    await expect.poll(() => viewed).toEqual(['POST']);
    await visitTechnicalAndBack(page);
    expect(viewed).toEqual(['POST']);
    // The next sign-in records it again (the server keeps the first time).
    await signOutAndInAgain(page);
    await expect.poll(() => viewed).toEqual(['POST', 'POST']);
  });

  test('the company users are fetched once per signed-in user, not per tab or panel', async ({ page }) => {
    const users = requestsTo(page, '/api/v1/users');
    await signIn(page, USERS.megan, SM);
    await openTable(page);
    await expect(page.getByRole('button', { name: 'Add, update, or change' })).toBeVisible();
    expect(users, 'the table and the contact panel share one request').toHaveLength(1);
    await visitTechnicalAndBack(page);
    await expect(page.getByRole('button', { name: 'Add, update, or change' })).toBeVisible();
    expect(users).toHaveLength(1);
    // Signing out forgets them: the next sign-in (maybe someone else) asks again.
    await signOutAndInAgain(page);
    await expect(page.getByRole('button', { name: 'Add, update, or change' })).toBeVisible();
    expect(users).toHaveLength(2);
  });
});
