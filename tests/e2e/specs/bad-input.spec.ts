import type { Page } from '@playwright/test';
import { test, expect, signIn, USERS } from './fixtures';

// Issue 7, part 3 (browser side): hostile and unusual text in every text field
// is rendered as inert text, or rejected / normalized with a field message;
// the server answers such bodies with 4xx problems, never a 5xx.

const PAYLOADS = {
  markup: `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><b>b</b>`,
  long: 'x'.repeat(10_000),
  rtl: 'طلب دعم \u202Egnp.exe\u202C עברית',
  combining: 'Z\u0337\u0321a\u0338\u035Al\u0336g\u0337o e\u0301 n\u0303',
  emoji: '🚀 Launch 👩🏽‍💻 🇳🇱',
  whitespace: '   padded value   ',
} as const;
type Kind = keyof typeof PAYLOADS;

/** Nothing from a payload became markup or ran. */
async function expectNothingInjected(page: Page) {
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    elements:
      document.querySelectorAll('img[src="x"], [onerror], [onload], main b, main script').length +
      Array.from(document.scripts).filter((s) => s.textContent?.includes('__pwned')).length,
  }));
  expect(found).toEqual({ pwned: null, elements: 0 });
}

/** The same hostile body straight to the API: a 4xx problem or success, never a 5xx. */
async function expectServerRefusesCleanly(page: Page, path: string, body: unknown) {
  const response = await page.request.post(path, {
    headers: { 'Idempotency-Key': `bad-input-${Date.now()}-${Math.random()}` },
    data: body,
  });
  expect(response.status(), `${path} answered ${response.status()}`).toBeLessThan(500);
  if (!response.ok()) {
    expect(response.headers()['content-type']).toContain('application/problem+json');
  }
}

test.describe('bad input: technical request', () => {
  test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-US' });
  for (const kind of Object.keys(PAYLOADS) as Kind[]) {
    test(`every text field × ${kind}`, async ({ page }) => {
      const payload = PAYLOADS[kind];
      await signIn(page, USERS.megan, '/technical-requests/new');
      await page.getByRole('radio', { name: 'Deployment' }).check();
      await page.getByRole('radio', { name: 'Hybrid' }).check();
      await page.getByRole('checkbox', { name: 'Azure Arc' }).check();
      await page.getByLabel('Phone number').fill('+31 20 123 4567');
      await page.getByLabel('Country or region').selectOption('NL');
      // Unique per run, so the list shows this request once.
      const title = kind === 'long' ? payload : `${payload} ${Date.now()}`;
      await page.getByLabel('Case title').fill(title);
      await page.getByLabel('Case description').fill(payload);
      await page.getByLabel('Other products or topics').fill(payload);
      await page.getByLabel('Preferred contact time').fill(payload);
      await expectServerRefusesCleanly(page, '/api/v1/technical-requests', {
        phase: 'deployment',
        solution_type: 'hybrid',
        title,
        description: payload,
        products: [payload],
        phone: payload,
        country_region: payload,
        time_zone: payload,
        language: payload,
        preferred_contact_time: payload,
      });
      await page.getByRole('button', { name: 'Submit request' }).click();
      await expectNothingInjected(page);

      if (kind === 'long') {
        const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
        await expect(summary).toBeFocused();
        for (const label of ['Case title', 'Case description', 'Other products or topics', 'Preferred contact time']) {
          await expect(summary.getByRole('link', { name: `${label}: This is too long.` })).toBeVisible();
          await expect(page.getByLabel(label)).toHaveAttribute('aria-invalid', 'true');
        }
        // Nothing was cut: the user can shorten what they typed.
        await expect(page.getByLabel('Case title')).toHaveValue(payload);
        return;
      }
      await expect(page.getByRole('heading', { name: /^Request submitted: case / })).toBeVisible();
      // Shown literally (trimmed: the surrounding whitespace is normalized away).
      const shown = page.locator('.tr-confirmation dt', { hasText: 'Case title' }).locator('xpath=following-sibling::dd[1]');
      await expect(shown).toHaveText(title.trim(), { useInnerText: false });
      expect(await shown.evaluate((el) => el.textContent)).toBe(title.trim());
      expect(await shown.evaluate((el) => el.children.length)).toBe(0);
      const stored = await (await page.request.get('/api/v1/technical-requests')).json();
      const mine = stored.requests.filter((r: { title: string }) => r.title === title.trim());
      expect(mine).toHaveLength(1);
      await expectNothingInjected(page);
    });
  }
});

test.describe('bad input: Assign user dialog', () => {
  test('email, phone and search reject or neutralise every payload', async ({ page }) => {
    await signIn(page, USERS.megan, '/benefits/sales-marketing');
    await page.locator('section.contact-panel').getByRole('button', { name: 'Add, update, or change' }).click();
    const d = page.getByRole('dialog', { name: 'Assign a marketing contact' });
    await expect(d.getByLabel('Phone')).toBeVisible();
    const email = d.getByLabel('Email', { exact: true });
    const phone = d.getByLabel('Phone');
    const summary = d.getByRole('alert').filter({ hasText: 'There is a problem' });
    const expected: Record<Kind, { email: string; phone: string }> = {
      markup: { email: 'Enter an email address like name@example.com.', phone: 'Enter a phone number using digits' },
      long: { email: 'The email address can have at most 254 characters.', phone: 'Enter a phone number using digits' },
      rtl: { email: 'Enter an email address like name@example.com.', phone: 'Enter a phone number using digits' },
      combining: { email: 'Enter an email address like name@example.com.', phone: 'Enter a phone number using digits' },
      emoji: { email: 'Enter an email address like name@example.com.', phone: 'Enter a phone number using digits' },
      whitespace: { email: 'Enter an email address like name@example.com.', phone: 'Enter a phone number using digits' },
    };
    for (const kind of Object.keys(PAYLOADS) as Kind[]) {
      const payload = PAYLOADS[kind];
      await d.getByLabel('Search users').fill(payload);
      await expect(d.getByRole('group', { name: 'User' }).getByRole('status')).toHaveText('No users match your search.');
      await d.getByLabel('Search users').fill('');
      await email.fill(payload);
      await phone.fill(payload);
      await d.getByRole('button', { name: 'Assign user' }).click();
      await expect(summary.getByRole('link', { name: /^Email: / })).toContainText(expected[kind].email);
      await expect(summary.getByRole('link', { name: /^Phone: / })).toContainText(expected[kind].phone);
      await expect(email).toHaveAttribute('aria-invalid', 'true');
      // An email input itself drops surrounding whitespace from its value.
      await expect(email).toHaveValue(kind === 'whitespace' ? payload.trim() : payload);
      await expectNothingInjected(page);
    }
    // Surrounding whitespace around a good address is normalized, not an error.
    await email.fill('   marketing.padded@contoso.example   ');
    await phone.fill('  +31 20 765 4321  ');
    await d.getByRole('button', { name: 'Assign user' }).click();
    await expect(summary.getByRole('link', { name: /^Email: / })).toHaveCount(0);
    await expect(summary.getByRole('link', { name: /^Phone: / })).toHaveCount(0);
  });
});

test.describe('bad input: tenant wizard and sign-in', () => {
  test('domain and user name reject payloads; a padded, upper-case domain is normalized', async ({ page }) => {
    await signIn(page, USERS.megan, '/settings/tenants/associate');
    const domain = page.getByLabel('Tenant domain', { exact: true });
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    for (const kind of Object.keys(PAYLOADS) as Kind[]) {
      await domain.fill(PAYLOADS[kind]);
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(summary.getByRole('link')).toHaveText(
        kind === 'long' ? 'Tenant domain: This is too long.' : 'Tenant domain: Enter a domain like contoso.onmicrosoft.com.',
      );
      await expect(domain).toHaveAttribute('aria-invalid', 'true');
      await expectNothingInjected(page);
    }
    await domain.fill('   NOT-ASSOCIATED.onmicrosoft.com   ');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('heading', { name: /Step 2 of 4/ })).toBeVisible();
    await expect(page.locator('main')).toContainText('not-associated.onmicrosoft.com');

    const username = page.getByLabel('User name');
    for (const kind of Object.keys(PAYLOADS) as Kind[]) {
      await username.fill(PAYLOADS[kind]);
      await page.getByLabel('Password', { exact: true }).fill(PAYLOADS[kind]);
      await page.getByRole('button', { name: 'Submit' }).click();
      await expect(summary.getByRole('link', { name: /^User name: / })).toBeVisible();
      await expect(username).toHaveAttribute('aria-invalid', 'true');
      await expectNothingInjected(page);
    }
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  test('the sign-in email rejects payloads and the server answers 4xx', async ({ page }) => {
    await page.goto('/');
    const email = page.getByLabel('Email address');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    for (const kind of Object.keys(PAYLOADS) as Kind[]) {
      await email.fill(PAYLOADS[kind]);
      await page.getByLabel('Password').fill(PAYLOADS[kind]);
      await page.locator('main form button[type=submit]').click();
      await expect(summary).toBeVisible();
      await expect(email).toHaveAttribute('aria-invalid', 'true');
      await expectNothingInjected(page);
      await expectServerRefusesCleanly(page, '/api/v1/session', { email: PAYLOADS[kind], password: PAYLOADS[kind] });
    }
  });
});
