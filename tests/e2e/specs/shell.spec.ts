import { test, expect, appReady, expectNoAxeViolations, signIn, LOCALES, ROUTES, USERS } from './fixtures';

const HEADINGS: Record<string, Record<string, string>> = {
  en: { '/': 'Rewards overview', '/settings/tenants': 'Tenants' },
  nl: { '/': 'Overzicht beloningen', '/settings/tenants': 'Tenants' },
  fr: { '/': 'Vue d’ensemble des récompenses', '/settings/tenants': 'Locataires' },
  sv: { '/': 'Översikt över belöningar', '/settings/tenants': 'Klientorganisationer' },
  'zh-TW': { '/': '獎勵概觀', '/settings/tenants': '租用戶' },
};

test.describe('app shell', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, USERS.megan);
  });

  for (const locale of LOCALES) {
    test(`every route renders heading and navigation in ${locale}`, async ({ page }) => {
      for (const route of ROUTES) {
        await page.goto(`${route}?lang=${locale}`);
        await appReady(page);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await expect(page.locator('nav.shell__nav')).toBeVisible();
        await expect(page.getByRole('banner')).toBeVisible();
        const expected = HEADINGS[locale][route];
        if (expected) await expect(page.locator('main h1')).toHaveText(expected);
        await expect(page).toHaveTitle(/.+ – .+/);
      }
    });
  }

  test('/benefits redirects to the sales and marketing tab', async ({ page }) => {
    await page.goto('/benefits');
    await appReady(page);
    await expect(page).toHaveURL(/\/benefits\/sales-marketing$/);
  });

  test('unknown paths show the not-found page with a way home', async ({ page }) => {
    await page.goto('/no/such/page');
    await appReady(page);
    await expect(page.locator('main h1')).toHaveText('Page not found');
    await page.getByRole('link', { name: 'Go to the Rewards overview' }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('no navigation link is dead', async ({ page }) => {
    await page.goto('/');
    await appReady(page);
    const hrefs = await page
      .getByRole('navigation')
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThanOrEqual(5);
    for (const href of hrefs) {
      await page.goto(href);
      await appReady(page);
      await expect(page.locator('main h1')).not.toHaveText('Page not found');
    }
  });

  test('skip link moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    await appReady(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });

  test('navigation marks the current page and works from the keyboard', async ({ page }) => {
    await page.goto('/');
    await appReady(page);
    const link = page.getByRole('navigation').getByRole('link', { name: 'Technical requests' });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/technical-requests\/new$/);
    await expect(link).toHaveAttribute('aria-current', 'page');
  });

  for (const width of [320, 360, 1280]) {
    test(`layout has no horizontal scrolling at ${width}px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      for (const route of ROUTES) {
        await page.goto(route);
        await appReady(page);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `overflow on ${route}`).toBeLessThanOrEqual(0);
      }
    });
  }
});

test.describe('language', () => {
  test('the switcher changes the language, <html lang> follows, and the choice is remembered', async ({ page }) => {
    await page.goto('/');
    await appReady(page);
    await page.getByLabel('Language').selectOption('sv');
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.locator('main h1')).toHaveText('Logga in');
    await page.reload();
    await appReady(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    // The remembered choice beats a ?lang= parameter.
    await page.goto('/?lang=fr');
    await appReady(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  });

  const browserCases: Array<[string, string]> = [
    ['nl-BE', 'nl'],
    ['fr-CA', 'fr'],
    ['sv-FI', 'sv'],
    ['zh-HK', 'zh-TW'],
    ['zh-TW', 'zh-TW'],
    ['de-DE', 'en'],
  ];
  for (const [browserLocale, expected] of browserCases) {
    test(`browser language ${browserLocale} gives ${expected}`, async ({ browser }) => {
      const context = await browser.newContext({ locale: browserLocale });
      const page = await context.newPage();
      await page.goto('/');
      await appReady(page);
      await expect(page.locator('html')).toHaveAttribute('lang', expected);
      await context.close();
    });
  }
});

test.describe('accessibility', () => {
  test('the sign-in page has no WCAG 2.2 AA violations', async ({ page }) => {
    await page.goto('/');
    await appReady(page);
    await expectNoAxeViolations(page, 'sign-in');
  });

  for (const locale of ['en', 'zh-TW']) {
    test(`axe finds no WCAG 2.2 AA violations on any route (${locale})`, async ({ page }) => {
      // Seven cold loads (each also fetching its route's chunk) and seven axe scans: close to
      // the default 30 s on a loaded 2-core machine. Not a timing check, so give it room.
      test.slow();
      await signIn(page, USERS.megan);
      for (const route of ROUTES) {
        await page.goto(`${route}?lang=${locale}`);
        await appReady(page);
        await expectNoAxeViolations(page, `${route} ${locale}`);
      }
    });
  }
});
