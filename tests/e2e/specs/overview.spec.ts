import { test, expect, appReady, expectNoAxeViolations, signIn, USERS } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Journey 2: the Rewards overview at `/`.
 *
 * Figures that no journey can change (tier, billed sales, offers) are asserted literally,
 * except live dates: the demo data dates offers relative to today, so they come from the API;
 * facts other specs may change on the shared server (checklist, status counts, overdue
 * activations) are read from the API first with the same session, then checked on the page.
 */

const STATUS_LABELS: Record<string, string> = {
  locked: 'Locked',
  available: 'Available',
  activated: 'Activated',
  in_progress: 'In progress',
  completed: 'Completed',
  expired: 'Expired',
  revoked: 'Revoked',
};

async function api<T = any>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api/v1${path}`);
  expect(response.ok(), `${path} answers ${response.status()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** Waits until the overview data has rendered (not just the heading). */
async function overviewLoaded(page: Page) {
  await appReady(page);
  await expect(page.getByTestId('overview-sales')).toBeVisible();
}

/** An offer's live date from the API as the locale writes a medium date (Node's own Intl). */
async function liveDate(page: Page, offerName: string, locale: string): Promise<string> {
  const overview = await api(page, '/rewards/overview');
  const offers = overview.publisher_profiles.flatMap((profile: any) => profile.offers);
  const { offer } = offers.find((entry: any) => entry.offer.name === offerName);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return format.format(new Date(`${offer.live_date}T00:00:00Z`));
}

function checklistItem(page: Page, title: string) {
  return page
    .getByRole('region', { name: 'Get started' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

test.describe('rewards overview', () => {
  test('Megan sees eligibility, tier, billed sales and the way to the next tier', async ({ page }) => {
    await signIn(page, USERS.megan);
    await overviewLoaded(page);
    await expect(page.locator('main h1')).toHaveText('Rewards overview');
    await expect(page).toHaveTitle(/^Rewards overview – /);

    const eligibility = page.getByRole('region', { name: 'Eligibility' });
    await expect(eligibility).toContainText('Eligible');
    await expect(eligibility).toContainText('Contoso Software Ltd');
    await expect(eligibility).toContainText('4781230');

    const tier = page.getByRole('region', { name: 'Tier and billed sales' });
    await expect(page.getByTestId('overview-tier')).toHaveText('$50K');
    await expect(page.getByTestId('overview-sales')).toHaveText('$61,500');
    const progress = tier.getByRole('progressbar', { name: 'Progress to the $100K tier' });
    await expect(progress).toHaveAttribute('value', '6150');
    await expect(progress).toHaveAttribute('max', '10000');
    await expect(progress).toHaveAccessibleDescription(/\$61,500 of \$100,000.*\$38,500 to go to \$100K/);
    await expect(page.getByTestId('overview-shortfall')).toHaveText('$38,500 to go to $100K');

    const unlocks = page.getByRole('region', { name: 'What $100K unlocks' });
    await expect(unlocks.getByRole('listitem')).toHaveCount(6);
    await expect(unlocks).toContainText('Partner or customer success story');
    await expect(unlocks).toContainText('Seller webinar');
    await expect(unlocks.getByRole('listitem').filter({ hasText: 'Azure sponsorship for deployment' })).toContainText(
      '$30,000',
    );
  });

  test('the checklist reflects the real state and links to where to act', async ({ page }) => {
    await signIn(page, USERS.megan);
    const { checklist } = await api(page, '/rewards/overview');
    await overviewLoaded(page);
    const items: [string, boolean, string | null][] = [
      ['Publish an offer', checklist.offer_live, null],
      ['Review your benefits', checklist.benefits_viewed, 'Go to your benefits'],
      ['Assign a marketing contact', checklist.marketing_contact_assigned, 'Add contact'],
      ['Activate a benefit', checklist.benefit_activated, 'Choose a benefit to activate'],
    ];
    // The demo company has a live offer and an activated benefit from the start.
    expect(checklist.offer_live).toBe(true);
    expect(checklist.benefit_activated).toBe(true);
    const done = items.filter(([, isDone]) => isDone).length;
    await expect(page.getByRole('region', { name: 'Get started' })).toContainText(`${done} of 4 steps done`);
    for (const [title, isDone, linkText] of items) {
      const item = checklistItem(page, title);
      await expect(item).toHaveCount(1);
      // State in words, not colour alone.
      await expect(item.locator('.checklist__state')).toHaveText(isDone ? 'Done' : 'To do');
      if (linkText) {
        const link = item.getByRole('link', { name: linkText });
        await expect(link).toHaveCount(isDone ? 0 : 1);
        if (!isDone) await expect(link).toHaveAttribute('href', /^\/benefits\/sales-marketing/);
      }
    }
    if (!checklist.marketing_contact_assigned) {
      await checklistItem(page, 'Assign a marketing contact').getByRole('link', { name: 'Add contact' }).click();
      await expect(page).toHaveURL(/\/benefits\/sales-marketing$/);
    }
  });

  test('offers are grouped by publisher profile with type, live date, visibility and BYOL', async ({ page }) => {
    await signIn(page, USERS.megan);
    await overviewLoaded(page);
    const offers = page.getByRole('region', { name: 'Offers by publisher profile' });

    const apps = offers.getByRole('region', { name: 'Contoso Apps' });
    await expect(apps).toContainText('$39,500');
    await expect(apps.getByRole('listitem')).toHaveCount(4);
    const data = offers.getByRole('region', { name: 'Contoso Data Services' });
    await expect(data).toContainText('$22,000');
    await expect(data.getByRole('listitem')).toHaveCount(3);

    const offer = (name: string) => offers.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
    await expect(offer('Contoso Analytics Cloud').locator('.offer__type')).toHaveText('Transact');
    await expect(offer('Contoso Analytics Cloud')).toContainText(await liveDate(page, 'Contoso Analytics Cloud', 'en'));
    await expect(offer('Contoso Cloud Migration Workshop').locator('.offer__type')).toHaveText('Consulting');
    await expect(offer('Contoso Forms – 30-day free trial').locator('.offer__type')).toHaveText('Trial');
    await expect(offer('Contoso Field Service Connector').locator('.offer__type')).toHaveText('List');
    await expect(offer('Contoso Copilot Add-in (draft)')).toContainText('Not live');
    await expect(offer('Contoso Insights for Northwind (private plan)')).toContainText('Private');
    const byol = offer('Contoso Secure Gateway (BYOL)');
    await expect(byol.getByRole('definition').filter({ hasText: /^Yes$/ })).toHaveCount(1);
  });

  test('counts by status match the API and link to the tab of those benefits', async ({ page }) => {
    await signIn(page, USERS.megan);
    const { status_counts } = await api(page, '/rewards/overview');
    await overviewLoaded(page);
    const region = page.getByRole('region', { name: 'Benefits by status' });
    await expect(region.getByRole('listitem')).toHaveCount(7);
    expect(status_counts.map((c: any) => c.status)).toEqual(Object.keys(STATUS_LABELS));
    for (const { status, count, sales_marketing, technical } of status_counts) {
      expect(sales_marketing + technical).toBe(count);
      const item = region.getByRole('listitem').filter({ hasText: STATUS_LABELS[status] });
      await expect(item.locator('.status-counts__total')).toHaveText(`${count} ${STATUS_LABELS[status]}`);
      // A share links to its tab, filtered; an empty share has no link.
      const sm = item.getByRole('link', { name: `${sales_marketing} in Sales and marketing`, exact: true });
      const tech = item.getByRole('link', { name: `${technical} in Technical`, exact: true });
      await expect(sm).toHaveCount(sales_marketing > 0 ? 1 : 0);
      await expect(tech).toHaveCount(technical > 0 ? 1 : 0);
      if (sales_marketing > 0) await expect(sm).toHaveAttribute('href', `/benefits/sales-marketing?status=${status}`);
      if (technical > 0) await expect(tech).toHaveAttribute('href', `/benefits/technical?status=${status}`);
    }
    // Keyboard: focus a count and follow it with Enter.
    await region.getByRole('link', { name: /in Sales and marketing$/ }).first().focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/benefits\/sales-marketing\?status=[a-z_]+$/);
  });

  test('activations past the one-week contact window say what to do', async ({ page }) => {
    await signIn(page, USERS.megan);
    const { overdue_activations } = await api(page, '/rewards/overview');
    await overviewLoaded(page);
    // Seeded: the Rewards testimonial was activated ten days ago and nobody has called.
    expect(overdue_activations.length).toBeGreaterThan(0);
    const notice = page.getByRole('region', { name: 'Activations still waiting for the Rewards team' });
    await expect(notice).toHaveClass(/notice--warning/);
    await expect(notice.getByRole('listitem')).toHaveCount(overdue_activations.length);
    const testimonial = overdue_activations.find((a: any) => a.key === 'rewards_testimonial');
    expect(testimonial).toBeTruthy();
    const item = notice.getByRole('listitem').filter({ hasText: 'Rewards testimonial' });
    await expect(item.getByRole('definition').nth(1)).toHaveText(String(testimonial.days_waiting));
    await expect(notice).toContainText('find the owner of the offer');
    await expect(notice).toContainText('open a support ticket');
    await expect(notice.getByRole('link', { name: 'See activated benefits' })).toHaveAttribute(
      'href',
      '/benefits/sales-marketing?status=activated',
    );
  });

  test('no axe violations for Megan, and the page survives a reload', async ({ page }) => {
    await signIn(page, USERS.megan);
    await overviewLoaded(page);
    await expectNoAxeViolations(page, 'overview (Megan)');
    await page.reload();
    await overviewLoaded(page);
    await expect(page.locator('.account__name')).toHaveText('Megan Bowen');
    await expect(page.getByTestId('overview-tier')).toHaveText('$50K');
    await expect(page.getByTestId('overview-sales')).toHaveText('$61,500');
  });

  test('a page load asks for the overview once, with the session check; a later visit asks again', async ({
    page,
  }) => {
    await signIn(page, USERS.megan);
    const calls: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path === '/api/v1/session' || path === '/api/v1/rewards/overview') calls.push(path);
    });
    await page.reload();
    await overviewLoaded(page);
    // Requested as soon as the session check answers (by index.html, see the next test); read once.
    expect(calls).toEqual(['/api/v1/session', '/api/v1/rewards/overview']);

    await page.getByRole('navigation').getByRole('link', { name: 'Sales and marketing benefits' }).click();
    await expect(page.locator('main h1')).not.toHaveText('Rewards overview');
    await page.getByRole('navigation').getByRole('link', { name: 'Rewards overview' }).click();
    await overviewLoaded(page);
    // The figures change as benefits are activated: the prefetched answer is not reused.
    expect(calls).toEqual(['/api/v1/session', '/api/v1/rewards/overview', '/api/v1/rewards/overview']);
  });

  test('a page load asks for the session and the overview while the WebAssembly downloads, and uses the answers', async ({
    page,
  }) => {
    await signIn(page, USERS.megan);
    await overviewLoaded(page); // so no answer of the signed-in page is counted below
    const answered: string[] = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/v1/')) answered.push(path);
    });
    let answeredBeforeWasm: string[] | undefined;
    // Holds the app's code back until two API answers are in (at most 5 s).
    await page.route(/_bg\.wasm$/, async (route) => {
      for (let i = 0; i < 50 && answered.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      answeredBeforeWasm ??= [...answered];
      await route.continue();
    });
    await page.reload();
    await overviewLoaded(page);
    await expect(page.getByTestId('overview-sales')).toHaveText('$61,500');
    // Sent side by side on a repeat visit (repeat-visit.spec.ts), so either may answer first.
    const both = ['/api/v1/rewards/overview', '/api/v1/session'];
    expect(answeredBeforeWasm?.toSorted()).toEqual(both);
    // The app read those answers instead of asking again.
    expect(answered.toSorted()).toEqual(both);
  });

  test('an early answer counts as the first attempt: a busy server is asked again under the retry policy', async ({ page }) => {
    await signIn(page, USERS.megan);
    await overviewLoaded(page);
    let overviewCalls = 0;
    await page.route('**/api/v1/rewards/overview', (route) => {
      overviewCalls += 1;
      return overviewCalls === 1
        ? route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"title":"busy","status":503}' })
        : route.continue();
    });
    await page.reload();
    await overviewLoaded(page);
    await expect(page.getByTestId('overview-sales')).toHaveText('$61,500');
    expect(overviewCalls).toBe(2);
  });

  test('Lee is told why the programme is hidden and who can fix it', async ({ page }) => {
    const overviewCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/rewards/overview')) overviewCalls.push(r.url());
    });
    await signIn(page, USERS.lee);
    const me = await api(page, '/me');
    if (me.programme_visible) {
      // A tenants journey earlier in this run associated Fabrikam: the programme is back.
      await overviewLoaded(page);
      return;
    }
    await appReady(page);
    await expect(page.locator('main h1')).toHaveText('Marketplace Rewards is hidden');
    const why = page.getByRole('region', { name: 'Why you cannot see the programme' });
    await expect(why).toContainText('Azure AD tenant and MPN ID');
    await expect(why).toContainText(me.company.home_tenant);
    await expect(why).toContainText(`You signed in through the tenant ${me.tenant}`);
    const fix = page.getByRole('region', { name: 'How to make it visible' });
    expect(me.can_manage_tenants).toBe(false);
    expect(me.tenant_managers.length).toBeGreaterThan(0);
    for (const name of me.tenant_managers) await expect(fix).toContainText(name);
    await expect(fix).toContainText('Only a Global admin or Account admin can associate');
    await expect(fix.getByRole('link', { name: 'Associate another Azure AD tenant' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'overview (Lee, programme hidden)');
    await page.reload();
    await expect(page.locator('main h1')).toHaveText('Marketplace Rewards is hidden');
    expect(overviewCalls, 'the hidden programme is never requested').toEqual([]);
  });

  test('Diego (read-only) sees everything and is told who can act', async ({ page }) => {
    await signIn(page, USERS.diego);
    const me = await api(page, '/me');
    const { checklist } = await api(page, '/rewards/overview');
    await overviewLoaded(page);
    await expect(page.getByTestId('overview-tier')).toHaveText('$50K');
    const note = page.getByRole('region', { name: 'Get started' }).locator('.overview-read-only');
    if (!checklist.marketing_contact_assigned || !checklist.benefit_activated) {
      await expect(note).toContainText('Your role can view rewards but not change them.');
      for (const name of me.reward_managers) await expect(note).toContainText(name);
    } else {
      await expect(note).toHaveCount(0);
    }
    await expectNoAxeViolations(page, 'overview (Diego)');
  });

  test('French formats money and dates for the locale', async ({ page }) => {
    await signIn(page, USERS.megan);
    await overviewLoaded(page);
    await page.getByLabel('Language').selectOption('fr');
    await expect(page.locator('main h1')).toHaveText('Vue d’ensemble des récompenses');
    // Intl puts a (narrow) no-break space between thousands and before the symbol.
    await expect(page.getByTestId('overview-sales')).toHaveText(/^61[\s\u202f\u00a0]500[\s\u202f\u00a0]\$/);
    await expect(page.getByTestId('overview-shortfall')).toHaveText(/38[\s\u202f\u00a0]500/);
    await expect(page.getByRole('region', { name: 'Premiers pas' })).toBeVisible();
    await expect(page.getByText(await liveDate(page, 'Contoso Analytics Cloud', 'fr'))).toBeVisible();
    await expectNoAxeViolations(page, 'overview (fr)');
    await page.reload();
    await overviewLoaded(page);
    await expect(page.locator('main h1')).toHaveText('Vue d’ensemble des récompenses');
  });

  test('a failed load shows an error with a working retry', async ({ page }) => {
    await signIn(page, USERS.megan);
    await overviewLoaded(page);
    let fail = true;
    await page.route('**/api/v1/rewards/overview', (route) =>
      fail
        ? route.fulfill({
            status: 500,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'about:blank',
              title: 'Internal error',
              status: 500,
              detail: 'test',
              code: 'internal_error',
            }),
          })
        : route.continue(),
    );
    await page.reload();
    await appReady(page);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Something went wrong on our side.');
    await expectNoAxeViolations(page, 'overview error state');
    fail = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('overview-sales')).toHaveText('$61,500');
  });

  test('a company that is not eligible yet sees what is missing and empty states', async ({ page }) => {
    await signIn(page, USERS.megan);
    await overviewLoaded(page);
    // The demo company is eligible; shape the answer into a newcomer's (no offer live yet).
    await page.route('**/api/v1/rewards/overview', async (route) => {
      const real = await (await route.fetch()).json();
      await route.fulfill({
        json: {
          ...real,
          eligibility: { eligible: false, reasons: ['no_live_offer'] },
          tier: null,
          billed_sales_ttm_cents: 0,
          next_tier: null,
          publisher_profiles: [],
          status_counts: real.status_counts.map((c: any) => ({ ...c, count: 0, sales_marketing: 0, technical: 0 })),
          overdue_activations: [],
          expiring_soon: [],
          follow_ups: [],
          users_tier: null,
          checklist: { offer_live: false, benefits_viewed: false, marketing_contact_assigned: false, benefit_activated: false },
        },
      });
    });
    await page.reload();
    await overviewLoaded(page);
    const eligibility = page.getByRole('region', { name: 'Eligibility' });
    await expect(eligibility).toContainText('Not eligible yet');
    await expect(eligibility.getByRole('listitem')).toHaveText([/At least one live offer/]);
    await expect(page.getByTestId('overview-tier')).toHaveText('No tier yet');
    await expect(page.getByTestId('overview-sales')).toHaveText('$0');
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Tier and billed sales' })).toContainText(
      'Tiers start once an offer is live.',
    );
    await expect(page.getByRole('region', { name: /unlocks$/ })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Get started' })).toContainText('0 of 4 steps done');
    await expect(checklistItem(page, 'Publish an offer').locator('.checklist__state')).toHaveText('To do');
    await expect(page.getByRole('region', { name: 'Benefits by status' })).toContainText(
      'Your company has no benefits yet.',
    );
    await expect(page.getByRole('region', { name: 'Offers by publisher profile' })).toContainText(
      'No publisher profiles are linked to your account yet.',
    );
    await expect(page.getByRole('region', { name: 'Activations still waiting for the Rewards team' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'overview, not eligible');
  });

  test('fits a 360 px screen without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, USERS.megan);
    await overviewLoaded(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'overview at 360 px');
  });
});
