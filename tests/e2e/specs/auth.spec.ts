import { test, expect, appReady, expectNoAxeViolations, signIn, PASSWORD, USERS } from './fixtures';

test.describe('sign in and sign out', () => {
  test('invalid input is caught in the browser with a focused error summary', async ({ page }) => {
    await page.goto('/');
    await appReady(page);
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveCount(2);
    await expect(page).toHaveTitle(/^Error: Sign in/);
    await expect(page.getByLabel('Email address')).toHaveValue('not-an-email');
    await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
    await summary.getByRole('link', { name: /Password/ }).click();
    await expect(page.getByLabel('Password')).toBeFocused();
    await expectNoAxeViolations(page, 'sign-in errors');
  });

  test('on a phone the sign-in form starts right under a compact header', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto('/');
    await appReady(page);
    const header = (await page.locator('.shell__header').boundingBox())!;
    const heading = (await page.locator('main h1').boundingBox())!;
    // The short page must not hand its spare height to the header (rows spread apart).
    expect(header.height).toBeLessThan(200);
    expect(heading.y - (header.y + header.height)).toBeLessThan(60);
  });

  test('a wrong password is reported without revealing which part was wrong', async ({ page }) => {
    await page.goto('/');
    await appReady(page);
    await page.getByLabel('Email address').fill(USERS.megan);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('The email address or password is not correct.');
    await expect(page.getByLabel('Password')).toHaveValue('wrong-password');
  });

  test('after too many failed attempts the form says how long to wait, and the server was asked once', async ({ page }) => {
    // An address no demo user has: unknown accounts are limited exactly like known ones.
    const email = `guess-${Date.now()}@contoso.example`;
    // Ten failures are free; after that each attempt waits twice as long. Guess until the
    // wait is long enough that the page below is still refused.
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await page.request.post('/api/v1/session', {
        headers: { 'Idempotency-Key': crypto.randomUUID() },
        data: { email, password: `wrong-${i}` },
      });
      statuses.push(answer.status());
      if (answer.status() === 429 && Number(answer.headers()['retry-after']) >= 8) break;
      if (answer.status() === 429) await new Promise((r) => setTimeout(r, Number(answer.headers()['retry-after']) * 1000));
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.at(-1)).toBe(429);
    await page.goto('/');
    await appReady(page);
    const attempts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/session') attempts.push(r.url());
    });
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('wrong-again');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(/Too many sign-in attempts\. For your account’s safety, try again in \d+ seconds?\./);
    // A refusal is the answer: not waited out and sent again with the same password.
    expect(attempts).toHaveLength(1);
    await expect(page.getByLabel('Password')).toHaveValue('wrong-again');
    await expectNoAxeViolations(page, 'sign-in refused');
  });

  test('the session survives a reload and sign out clears it', async ({ page }) => {
    await signIn(page, USERS.alex);
    await expect(page.getByRole('banner')).toContainText('Alex Wilber');
    await expect(page.getByRole('banner')).toContainText('Contoso Software Ltd');
    await page.reload();
    await expect(page.locator('.account__name')).toHaveText('Alex Wilber');
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(storage).not.toContain(PASSWORD);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('status')).toContainText('You have signed out.');
    await page.reload();
    await expect(page.locator('main h1')).toHaveText('Sign in');
    await expect(page.locator('.account__name')).toHaveCount(0);
  });

  test('signing in works from the keyboard alone', async ({ page }) => {
    await page.goto('/');
    await appReady(page);
    await page.getByLabel('Email address').focus();
    await page.keyboard.type(USERS.adele);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.locator('.account__name')).toHaveText('Adele Vance');
  });
});

test.describe('the sign-in page’s code', () => {
  const signInChunk = /\/split_sign_in_page_\d+-[0-9a-f]+\.wasm$/;

  test('a signed-in visit does not download it', async ({ page }) => {
    await signIn(page, USERS.megan);
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) fetched.push(r.url());
    });
    await page.reload();
    await expect(page.getByTestId('overview-sales')).toBeVisible();
    expect(fetched.filter((url) => signInChunk.test(url))).toEqual([]);
    expect(fetched.filter((url) => /_bg\.wasm$/.test(url))).toHaveLength(1);
  });

  test('a signed-out visit asks for it while the app still loads', async ({ page }) => {
    const order: string[] = [];
    page.on('request', (r) => {
      if (signInChunk.test(r.url())) order.push('sign-in chunk');
    });
    // Holds the main module back until the chunk has been asked for (at most 5 s).
    await page.route(/_bg\.wasm$/, async (route) => {
      for (let i = 0; i < 50 && order.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      order.push('main module');
      await route.continue();
    });
    await page.goto('/');
    await expect(page.locator('main h1')).toHaveText('Sign in');
    // Asked for first by index.html's loader; the app's own load of it then follows.
    expect(order.slice(0, 2)).toEqual(['sign-in chunk', 'main module']);
  });
});
