import type { Page } from '@playwright/test';
import { test, expect, appReady, expectNoAxeViolations, signIn, LOCALES, USERS } from './fixtures';
import { CLOCK_OFFSET_DAYS, CLOCK_ORIGIN, CLOCK_SUPPORT_TICKET } from '../env';

/**
 * Issue 16, part 1 and the benefit items of part 3: statuses that move with the server's
 * clock and billed sales, "expires soon", the four-week rule, opting out, next steps.
 *
 * Two servers: the usual one (the real date) and one whose rules run 30 days later
 * (`--clock-offset-days 30`, a debug-only server flag; its config.json overrides the
 * support ticket address). Both start from the same demo data, seeded at the real date.
 * Figures come from each server's API first and are then checked on the page.
 */

const DEFAULT_TICKET = 'https://aka.ms/marketplacepublishersupport';

async function api<T = any>(page: Page, path: string, origin = ''): Promise<T> {
  const response = await page.request.get(`${origin}/api/v1${path}`);
  expect(response.ok(), `${path} answers ${response.status()}`).toBeTruthy();
  return (await response.json()) as T;
}

async function overviewLoaded(page: Page) {
  await appReady(page);
  await expect(page.getByTestId('overview-sales')).toBeVisible();
}

/** A date as the locale writes a medium date (Node's own Intl), like the app. */
function medium(date: string, locale: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** The row group (row and details row) of a benefit, by its id. */
function benefitRow(page: Page, id: string) {
  return page.locator('tbody.benefit-row-group').filter({ has: page.locator(`[id="benefit-${id}-name"]`) });
}

test.describe('statuses that move with time (real date)', () => {
  test('expires soon: counted on the overview with dates in the locale, flagged in the table', async ({ page }) => {
    await signIn(page, USERS.megan);
    const overview = await api(page, '/rewards/overview');
    const soon = overview.expiring_soon as { key: string; activate_by: string; category: string }[];
    // Seeded: the trial went live 165 days ago; its benefits must be activated within six months.
    expect(soon.length).toBeGreaterThan(0);
    await overviewLoaded(page);
    const region = page.getByRole('region', { name: 'Expires soon' });
    await expect(region).toContainText(`${soon.length} benefits must be activated within 30 days`);
    await expect(region.getByRole('listitem')).toHaveCount(soon.length);
    await expect(region).toContainText(`activate by ${medium(soon[0].activate_by, 'en')}`);
    await expectNoAxeViolations(page, 'overview with expiring benefits');
    for (const locale of LOCALES) {
      await page.goto(`/?lang=${locale}`);
      await expect(page.locator('.overview-soon')).toContainText(medium(soon[0].activate_by, locale));
    }
    await page.goto('/?lang=en');
    await region.getByRole('link', { name: /See available benefits/ }).first().click();
    await expect(page).toHaveURL(/\/benefits\/(sales-marketing|technical)\?status=available$/);
    const flagged = page.locator('.benefit-row__soon');
    await expect(flagged.first()).toBeVisible();
    await expect(flagged.first()).toContainText(/Expires soon \d+ days? left to activate|Last day/);
    await expectNoAxeViolations(page, 'benefits with expiring ones');
  });

  test('the four-week rule names the owner and links to a support ticket, safely', async ({ page }) => {
    await signIn(page, USERS.alex);
    const overview = await api(page, '/rewards/overview');
    const due = overview.follow_ups as { offer_name: string; owner: { name: string; email: string } }[];
    expect(due.map((f) => f.offer_name)).toEqual(['Contoso Forms – 30-day free trial']);
    await overviewLoaded(page);
    const region = page.getByRole('region', { name: 'No message from the Rewards team yet' });
    await expect(region).toContainText('Contoso Forms – 30-day free trial went live on');
    await expect(region).toContainText(`Ask the offer’s owner, ${due[0].owner.name}`);
    await expect(region.getByRole('link', { name: due[0].owner.email })).toHaveAttribute('href', `mailto:${due[0].owner.email}`);
    const ticket = region.getByRole('link', { name: /open a support ticket.*opens a site outside the portal/ });
    await expect(ticket).toHaveAttribute('href', DEFAULT_TICKET);
    await expect(ticket).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(ticket).toHaveAttribute('target', '_blank');
    // The workshop went live 20 days ago: not yet.
    await expect(region).not.toContainText('Contoso Cloud Migration Workshop');
  });

  test('List and Trial offers can be opted out of the engagement, and back in', async ({ page, browser }) => {
    await signIn(page, USERS.alex);
    await overviewLoaded(page);
    const forms = page.locator('li.offer').filter({ has: page.getByRole('heading', { name: 'Contoso Forms – 30-day free trial' }) });
    const toggle = forms.getByRole('switch', { name: /Rewards team engagement Contoso Forms/ });
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    // Only List and Trial offers have the choice.
    const workshop = page.locator('li.offer').filter({ has: page.getByRole('heading', { name: 'Contoso Cloud Migration Workshop' }) });
    await expect(workshop.getByRole('switch')).toHaveCount(0);
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(forms.getByRole('status')).toContainText('You opted out of the Rewards team’s engagement');
    await expectNoAxeViolations(page, 'engagement switched off');
    expect((await api(page, '/rewards/overview')).follow_ups).toEqual([]);
    await page.reload();
    await overviewLoaded(page);
    await expect(page.getByRole('region', { name: 'No message from the Rewards team yet' })).toHaveCount(0);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect((await api(page, '/rewards/overview')).follow_ups).toHaveLength(1);
    // Read-only Diego (a browser of his own) sees the state, not a control.
    const context = await browser.newContext();
    const diego = await context.newPage();
    await signIn(diego, USERS.diego);
    await overviewLoaded(diego);
    const diegoForms = diego.locator('li.offer').filter({ has: diego.getByRole('heading', { name: 'Contoso Forms – 30-day free trial' }) });
    await expect(diegoForms.locator('.offer__engagement')).toContainText('On');
    await expect(diego.getByRole('switch')).toHaveCount(0);
    await context.close();
  });

  test('status counts open the tab where those benefits are, filtered, never empty', async ({ page }) => {
    await signIn(page, USERS.megan);
    const { status_counts } = await api(page, '/rewards/overview');
    await overviewLoaded(page);
    const region = page.getByRole('region', { name: 'Benefits by status' });
    const expected = status_counts.flatMap((c: any) => [
      ...(c.sales_marketing > 0 ? [`/benefits/sales-marketing?status=${c.status}`] : []),
      ...(c.technical > 0 ? [`/benefits/technical?status=${c.status}`] : []),
    ]);
    const hrefs = await region.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expected);
    const technical = status_counts.find((c: any) => c.technical > 0);
    await region.getByRole('link', { name: `${technical.technical} in Technical` }).first().click();
    await expect(page).toHaveURL(new RegExp(`/benefits/technical\\?status=${technical.status}$`));
    await expect(page.getByRole('tab', { name: 'Technical', selected: true })).toBeVisible();
    await expect(page.locator('.benefit-count')).toHaveText(
      technical.technical === 1 ? '1 benefit shown' : `${technical.technical} benefits shown`,
    );
    await expect(page.getByText('No benefits match')).toHaveCount(0);
  });

  test('next steps: four links, each overridable, leaving the portal safely', async ({ page }) => {
    await signIn(page, USERS.megan);
    await overviewLoaded(page);
    const region = page.getByRole('region', { name: 'Next steps' });
    const links = region.getByRole('link');
    await expect(links).toHaveCount(4);
    for (const link of await links.all()) {
      await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
      await expect(link).toHaveAttribute('target', '_blank');
      await expect(link).toHaveAttribute('href', /^https:\/\//);
      await expect(link).toHaveAccessibleName(/opens a site outside the portal in a new tab/);
    }
    await expect(region.getByRole('link', { name: /publisher toolkit/ })).toHaveAttribute('href', /publisher-toolkit/);
  });

  test('opt out of an engagement: confirmation, a required reason, recorded in the history', async ({ page }) => {
    await signIn(page, USERS.alex, '/benefits/sales-marketing');
    const list = await api(page, '/benefits?category=sales_marketing&status=activated');
    const item = list.benefits.find((b: any) => b.benefit.activation_mode === 'in_portal');
    test.skip(!item, 'no activated sales and marketing benefit left');
    const row = benefitRow(page, item.benefit.id);
    const shown = (await row.locator('.benefit-row__name').innerText()).trim();
    await row.getByRole('button', { name: 'Opt out' }).click();
    const dialog = page.getByRole('dialog', { name: `Opt out of ${shown}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Opt out' }).click();
    await expect(dialog.getByRole('link', { name: /Choose why you are opting out/ })).toBeVisible();
    await expect(dialog.getByRole('group', { name: 'Why are you opting out?' })).toContainText('Choose why you are opting out.');
    await expectNoAxeViolations(page, 'opt-out dialog with an error');
    await dialog.getByLabel('Not now; we may activate it again later').check();
    await dialog.getByRole('button', { name: 'Opt out' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('.opt-out-announcer')).toContainText('You opted out of');
    await expect(row.locator('.benefit-row .status-badge')).toHaveText('Available');
    const detail = await api(page, `/benefits/${item.benefit.id}`);
    const last = detail.benefit.history.at(-1);
    expect(last.cause).toEqual({ code: 'opted_out', reason: 'not_now' });
    expect(last.actor).toBe('usr-alex');
    await row.getByRole('button', { name: 'Details' }).click();
    await expect(row.locator('.history-table')).toContainText('Opted out: Not now; we may activate it again later');
    await expectNoAxeViolations(page, 'after opting out');
  });
});

test.describe(`the server's clock ${CLOCK_OFFSET_DAYS} days later`, () => {
  test('expired at run time with the date and reason; the $100K tier unlocked by billed sales', async ({ page }) => {
    await signIn(page, USERS.megan, `${CLOCK_ORIGIN}/`);
    const overview = await api(page, '/rewards/overview', CLOCK_ORIGIN);
    expect(overview.tier).toBe('usd100k');
    expect(overview.billed_sales_ttm_cents).toBe(10_150_000);
    // The trial's benefits are past their activate-by date: none expires soon any more.
    expect(overview.expiring_soon).toEqual([]);
    await overviewLoaded(page);
    await expect(page.getByRole('region', { name: 'Expires soon' })).toHaveCount(0);
    await expect(page.getByTestId('overview-sales')).toContainText('$101,500');

    const benefits = await api(page, '/benefits', CLOCK_ORIGIN);
    const trial = benefits.benefits.filter((b: any) => b.benefit.offer_id === 'off-forms-trial');
    expect(trial.length).toBeGreaterThan(0);
    for (const b of trial) expect(b.benefit.status).toBe('expired');
    const expired = trial.find((b: any) => b.benefit.category === 'sales_marketing');
    await page.goto(`${CLOCK_ORIGIN}/benefits/sales-marketing?status=expired`);
    const row = benefitRow(page, expired.benefit.id);
    await expect(row.locator('.benefit-row .status-badge')).toHaveText('Expired');
    await row.getByRole('button', { name: 'Details' }).click();
    const history = row.locator('.history-table tbody tr').first();
    await expect(history).toContainText('Available → Expired');
    await expect(history).toContainText(`Not activated by ${medium(expired.benefit.activate_by, 'en')}`);
    await expect(history).toContainText('Rewards programme (automatic)');
    await expectNoAxeViolations(page, 'expired benefit history');

    const story = benefits.benefits.find((b: any) => b.benefit.key === 'success_story');
    expect(story.benefit.status).toBe('available');
    await page.goto(`${CLOCK_ORIGIN}/benefits/sales-marketing?status=available`);
    const storyRow = benefitRow(page, story.benefit.id);
    await storyRow.getByRole('button', { name: 'Details' }).click();
    await expect(storyRow.locator('.history-table tbody tr').first()).toContainText(
      'Billed sales reached $100K ($101,500)',
    );
    // In Dutch, with the date and money in that locale.
    await page.goto(`${CLOCK_ORIGIN}/benefits/sales-marketing?status=expired&lang=nl`);
    const nlRow = page.locator('tbody.benefit-row-group').filter({ hasText: 'Contoso Forms' }).first();
    await nlRow.locator('button[aria-controls]').click();
    await expect(nlRow.locator('.history-table')).toContainText('Niet geactiveerd vóór');
  });

  test('the four-week rule catches the workshop; the ticket link comes from config.json', async ({ page }) => {
    await signIn(page, USERS.megan, `${CLOCK_ORIGIN}/`);
    const overview = await api(page, '/rewards/overview', CLOCK_ORIGIN);
    expect(overview.follow_ups.map((f: any) => f.offer_name).sort()).toEqual([
      'Contoso Cloud Migration Workshop',
      'Contoso Forms – 30-day free trial',
    ]);
    await overviewLoaded(page);
    const region = page.getByRole('region', { name: 'No message from the Rewards team yet' });
    await expect(region).toContainText('Contoso Cloud Migration Workshop went live on');
    await expect(region.getByRole('link', { name: /open a support ticket/ })).toHaveAttribute('href', CLOCK_SUPPORT_TICKET);
    await expectNoAxeViolations(page, 'four-week rule');
  });

  test('Activate appears only when the conditions can be met; otherwise the row says why', async ({ page }) => {
    await signIn(page, USERS.megan, `${CLOCK_ORIGIN}/benefits/sales-marketing?status=available`);
    const list = await api(page, '/benefits?category=sales_marketing&status=available', CLOCK_ORIGIN);
    // No marketing contact on this server: every sales and marketing benefit waits for one.
    const blocked = list.benefits.filter((b: any) => b.benefit.activation_mode === 'in_portal');
    expect(blocked.length).toBeGreaterThan(0);
    for (const b of blocked) expect(b.activation_blocker).toEqual({ code: 'marketing_contact_required' });
    await expect(page.locator('.benefit-count')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Activate' })).toHaveCount(0);
    // One of the flagship offer's, whose offer meets every condition.
    const row = benefitRow(page, blocked.find((b: any) => b.benefit.offer_id === 'off-analytics').benefit.id);
    await expect(row).toContainText('Cannot be activated yet: Sales and marketing benefits can only be activated after your company has a marketing contact.');
    await expectNoAxeViolations(page, 'unmet conditions');
    // Assigning a contact from the row lifts the condition: Activate appears without a reload.
    await row.getByRole('button', { name: 'Assign a marketing contact' }).click();
    const d = page.getByRole('dialog', { name: 'Assign a marketing contact' });
    await expect(d.getByLabel('Phone')).toBeVisible();
    await d.getByRole('radio', { name: /Adele Vance/ }).check();
    await d.getByLabel('Phone').fill('+31 20 123 4567');
    await d.getByLabel('Preferred language').selectOption({ label: 'English' });
    await d.getByRole('button', { name: 'Assign user' }).click();
    await expect(d).toBeHidden();
    await expect(row.getByRole('button', { name: 'Activate' })).toBeEnabled();
    await expect(row).not.toContainText('Cannot be activated yet');
  });
});
