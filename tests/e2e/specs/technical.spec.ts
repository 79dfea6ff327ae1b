import { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, signIn, USERS } from './fixtures';

// Journey 5: request technical assistance at /technical-requests/new.
// The server's database is shared by every spec of a run, so the list is
// checked by relative counts and by the case number this spec creates.

const PATH = '/technical-requests/new';
const API_LIST = '/api/v1/technical-requests';
const CASE_NUMBER = /^TR-\d{4}-\d{6}$/;

// A fixed browser time zone, so the prefilled time zone is known.
test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-US' });

async function openForm(page: Page, user: string = USERS.megan, path = PATH) {
  await signIn(page, user, path);
  await expect(page.locator('main h1')).toBeVisible();
}

async function requestCount(page: Page): Promise<number> {
  const response = await page.request.get(API_LIST);
  expect(response.status()).toBe(200);
  const body = await response.json();
  return body.requests.length;
}

/** Fills a complete, valid request with the mouse-free Playwright helpers. */
async function fillValidRequest(page: Page, title: string) {
  await page.getByRole('radio', { name: 'Deployment' }).check();
  await page.getByRole('radio', { name: 'Hybrid' }).check();
  await page.getByLabel('Case title').fill(title);
  await page.getByLabel('Case description').fill('Rolling out to Azure Arc. Best time: mornings CET.');
  await page.getByRole('checkbox', { name: 'Azure Arc' }).check();
  await page.getByLabel('Phone number').fill('+31 20 123 4567');
  await page.getByLabel('Country or region').selectOption('NL');
}

test.describe('technical assistance request', () => {
  test('submitting the empty form shows a focused summary linking to each required field', async ({ page }) => {
    await openForm(page);
    await expect(page.locator('main h1')).toHaveText('Request technical assistance');
    await expect(page.getByText('saved on this device')).toBeVisible();
    // Prefilled from the browser: its time zone and the UI language.
    await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Amsterdam');
    await expect(page.locator('main').getByLabel('Language', { exact: true })).toHaveValue('en');
    await expectNoAxeViolations(page, 'empty technical request form');

    await page.getByRole('button', { name: 'Submit request' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Error: Request technical assistance/);
    const required = [
      'Phase',
      'Solution type',
      'Case title',
      'Case description',
      'Products and topics',
      'Phone number',
      'Country or region',
    ];
    for (const label of required) {
      await expect(summary.getByRole('link', { name: new RegExp(`^${label}: `) })).toBeVisible();
    }
    await expect(summary.getByRole('link')).toHaveCount(required.length);
    await expect(page.getByLabel('Case title')).toHaveAttribute('aria-invalid', 'true');

    // Each link moves focus to its field.
    await summary.getByRole('link', { name: /^Case title: / }).click();
    await expect(page.getByLabel('Case title')).toBeFocused();
    await summary.getByRole('link', { name: /^Phase: / }).click();
    await expect(page.getByRole('radio', { name: 'Presales' })).toBeFocused();
    await summary.getByRole('link', { name: /^Products and topics: / }).click();
    await expect(page.getByRole('checkbox').first()).toBeFocused();
    await expectNoAxeViolations(page, 'technical request errors');

    // Fixing every field clears the error prefix.
    await fillValidRequest(page, 'Errors then fixed');
    await page.getByLabel('Phone number').fill('020 123 4567');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expect(summary.getByRole('link')).toHaveCount(1);
  });

  test('a phone number without an international dial code is rejected inline', async ({ page }) => {
    await openForm(page);
    const before = await requestCount(page);
    await fillValidRequest(page, 'Phone check');
    const phone = page.getByLabel('Phone number');
    await phone.fill('020 123 4567');
    await page.getByRole('button', { name: 'Submit request' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveCount(1);
    await expect(summary).toContainText('Phone number: Start the phone number with + and the country calling code.');
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(phone).toHaveAccessibleDescription(/Start the phone number with \+ and the country calling code\./);
    await expect(phone).toHaveValue('020 123 4567');

    await phone.fill('+31 20 CALL ME');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expect(summary).toContainText('Phone number: Enter a phone number using digits');
    // Nothing reached the server.
    expect(await requestCount(page)).toBe(before);
  });

  test('a full request by keyboard ends on the confirmation and appears in the list', async ({ page }) => {
    await openForm(page);
    const before = await requestCount(page);
    const title = `Keyboard request ${Date.now()}`;

    await page.getByRole('radio', { name: 'Presales' }).focus();
    await page.keyboard.press('ArrowRight'); // Design
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Cloud
    await page.keyboard.press('Tab');
    await page.keyboard.type(title);
    await page.keyboard.press('Tab');
    await page.keyboard.type('We need a design review of our multi-tenant SaaS. Best time: 9–12 CET.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // first product
    const products = await page.getByRole('checkbox').count();
    for (let i = 0; i < products; i++) await page.keyboard.press('Tab');
    await expect(page.getByLabel('Other products or topics')).toBeFocused();
    await page.keyboard.type('Azure OpenAI, GitHub Actions');
    await page.keyboard.press('Tab');
    await page.keyboard.type('+31 (0)20 123 4567');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Country or region')).toBeFocused();
    await page.keyboard.type('Netherlands');
    await expect(page.getByLabel('Country or region')).toHaveValue('NL');
    await page.keyboard.press('Tab'); // time zone: prefilled
    await page.keyboard.press('Tab'); // language: prefilled
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Preferred contact time')).toBeFocused();
    await page.keyboard.type('Weekdays 09:00–12:00');

    await expect(page.getByRole('radio', { name: 'Design' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Cloud' })).toBeChecked();
    await expect(page.getByRole('checkbox').first()).toBeChecked();
    await page.keyboard.press('Enter');

    const heading = page.getByRole('heading', { name: /^Request submitted: case / });
    await expect(heading).toBeFocused();
    const caseNumber = ((await page.locator('.tr-confirmation__case').textContent()) ?? '').trim();
    expect(caseNumber).toMatch(CASE_NUMBER);
    await expect(heading).toHaveText(`Request submitted: case ${caseNumber}`);
    await expect(page.locator('.tr-confirmation')).toContainText('within 2 business days, by');
    await expectNoAxeViolations(page, 'technical request confirmation');

    // Exactly one more request on the server, with the same case number and the normalized phone.
    expect(await requestCount(page)).toBe(before + 1);
    const list = await (await page.request.get(API_LIST)).json();
    const created = list.requests.find((r: { case_number: string }) => r.case_number === caseNumber);
    expect(created).toBeTruthy();
    expect(created.title).toBe(title);
    expect(created.phase).toBe('design');
    expect(created.phone_e164).toBe('+31201234567');
    expect(created.products).toEqual(['Azure App Service', 'Azure OpenAI', 'GitHub Actions']);
    expect(created.time_zone).toBe('Europe/Amsterdam');

    // After a reload the request is listed with its status, and the draft is gone.
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: caseNumber });
    await expect(row).toContainText(title);
    await expect(row).toContainText('Design');
    await expect(row).toContainText('Submitted');
    await expect(page.getByLabel('Case title')).toHaveValue('');
    await expect(page.getByText('We restored the unsent draft')).toHaveCount(0);
    expect(await requestCount(page)).toBe(before + 1);

    // "File another request" starts a fresh form.
    await fillValidRequest(page, `${title} (second)`);
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expect(page.getByRole('heading', { name: /^Request submitted: case / })).toBeFocused();
    await page.getByRole('button', { name: 'File another request' }).click();
    await expect(page.getByRole('heading', { name: 'New request' })).toBeFocused();
    await expect(page.getByLabel('Case title')).toHaveValue('');
    await expect(page.getByRole('radio', { name: 'Deployment' })).not.toBeChecked();
    expect(await requestCount(page)).toBe(before + 2);
  });

  test('a retry after a network failure reuses the idempotency key and files one request', async ({ page }) => {
    await openForm(page);
    const before = await requestCount(page);
    const keys: string[] = [];
    // The client retries a network failure by itself (3 attempts): fail them all.
    let failing = true;
    await page.route(`**${API_LIST}`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (failing) return route.abort('failed');
      return route.continue();
    });
    await fillValidRequest(page, `Retry request ${Date.now()}`);
    await page.getByRole('button', { name: 'Submit request' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toContainText('We could not reach the server');
    await expect(page.getByLabel('Case title')).toHaveValue(/^Retry request/);
    expect(keys).toHaveLength(3);
    failing = false;

    await page.getByRole('button', { name: 'Submit request' }).click();
    await expect(page.getByRole('heading', { name: /^Request submitted: case / })).toBeFocused();
    expect(keys).toHaveLength(4);
    expect(keys[0]).toBeTruthy();
    expect(new Set(keys)).toEqual(new Set([keys[0]]));
    expect(await requestCount(page)).toBe(before + 1);
  });

  test('server field errors land on the same fields', async ({ page }) => {
    await openForm(page);
    await page.route(`**${API_LIST}`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      return route.fulfill({
        status: 422,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Invalid fields',
          status: 422,
          detail: 'Some fields are invalid.',
          code: 'validation_failed',
          errors: [
            { field: 'time_zone', code: 'time_zone_invalid' },
            { field: 'products[1]', code: 'duplicate_item' },
          ],
        }),
      });
    });
    await fillValidRequest(page, 'Server says no');
    await page.getByLabel('Other products or topics').fill('Azure Monitor');
    await page.getByRole('button', { name: 'Submit request' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveCount(2);
    await expect(page.getByLabel('Time zone')).toHaveAttribute('aria-invalid', 'true');
    // products[1] came from the free-text field, so the message lands there.
    await expect(page.getByLabel('Other products or topics')).toHaveAttribute('aria-invalid', 'true');
    await expect(summary).toContainText('Other products or topics: Each entry can appear only once.');
  });

  test('a partly filled draft survives a reload and can be discarded', async ({ page }) => {
    await openForm(page);
    await page.getByRole('radio', { name: 'App development' }).check();
    await page.getByLabel('Case title').fill('Half-written request');
    await page.getByRole('checkbox', { name: 'Azure Functions' }).check();
    await page.getByLabel('Phone number').fill('+46 8 123 456 78');
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rewards.technical-request.draft.')).length))
      .toBe(1);

    await page.reload();
    await expect(page.getByText('We restored the unsent draft you started on this device.')).toBeVisible();
    await expect(page.getByRole('radio', { name: 'App development' })).toBeChecked();
    await expect(page.getByLabel('Case title')).toHaveValue('Half-written request');
    await expect(page.getByRole('checkbox', { name: 'Azure Functions' })).toBeChecked();
    await expect(page.getByLabel('Phone number')).toHaveValue('+46 8 123 456 78');
    await expect(page.getByLabel('Case description')).toHaveValue('');

    await page.getByRole('button', { name: 'Discard draft' }).click();
    await expect(page.getByLabel('Case title')).toHaveValue('');
    await expect(page.getByRole('radio', { name: 'App development' })).not.toBeChecked();
    await page.reload();
    await expect(page.getByLabel('Case title')).toHaveValue('');
    await expect(page.getByText('We restored the unsent draft')).toHaveCount(0);
  });

  test('a read-only user sees the form but cannot submit, and is told who can', async ({ page }) => {
    await openForm(page, USERS.diego);
    const notice = page.locator('#tr-read-only');
    await expect(notice).toContainText('your role cannot submit requests');
    for (const name of ['Megan Bowen', 'Alex Wilber', 'Adele Vance']) {
      await expect(notice).toContainText(name);
    }
    await expect(page.getByRole('button', { name: 'Submit request' })).toBeDisabled();
    await expect(page.getByLabel('Case title')).toBeEditable();
    await expect(page.getByRole('heading', { name: 'Your company’s requests' })).toBeVisible();
    await expectNoAxeViolations(page, 'read-only technical request form');
  });

  test('a user whose tenant is not associated is told why the programme is hidden', async ({ page }) => {
    await openForm(page, USERS.lee);
    await expect(page.getByRole('heading', { name: 'Technical requests are not available for this sign-in' })).toBeVisible();
    await expect(page.locator('main')).toContainText('fabrikam.onmicrosoft.com');
    await expect(page.getByRole('button', { name: 'Submit request' })).toHaveCount(0);
    const response = await page.request.get(API_LIST);
    expect(response.status()).toBe(403);
    expect((await response.json()).code).toBe('programme_hidden');
    await expectNoAxeViolations(page, 'programme hidden');
  });

  test('the form renders in Dutch', async ({ page }) => {
    await openForm(page, USERS.alex, `${PATH}?lang=nl`);
    await expect(page.locator('main h1')).toHaveText('Technische hulp aanvragen');
    await expect(page.getByRole('group', { name: 'Fase' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Ontwerp' })).toBeVisible();
    await expect(page.getByLabel('Land of regio').locator('option[value="NL"]')).toHaveText('Nederland');
    await expect(page.locator('main').getByLabel('Taal', { exact: true })).toHaveValue('nl');
    await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Titel van de case' })).toBeFocused();
    await expectNoAxeViolations(page, 'Dutch technical request errors');
  });
});
