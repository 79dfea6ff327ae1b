import { test, expect, signIn, USERS } from './fixtures';

// Issue 7, part 7: a panic never leaves a blank frame. The release build aborts
// on panic, so the panic hook itself renders a localized recovery page with a
// reload link that works without the (dead) app.
//
// The panic is real: `?panic-test` in the address AND `window.__REWARDS_TEST_PANIC__`
// set by this test's init script before the app loads (src/components/recovery.rs).
// The init script arms only the first load, so the reload comes back healthy.

const ARM = () => {
  if (!sessionStorage.getItem('panic-test-armed')) {
    sessionStorage.setItem('panic-test-armed', '1');
    (window as unknown as { __REWARDS_TEST_PANIC__: boolean }).__REWARDS_TEST_PANIC__ = true;
  }
};

/** The expected panic output: logged, and nothing else went wrong. */
function takePanicErrors(errors: string[]) {
  const panic = errors.filter((e) => e.includes('panic-test: a deliberate panic'));
  const abort = errors.filter((e) => e.startsWith('pageerror: unreachable'));
  const others = errors.filter((e) => !panic.includes(e) && !abort.includes(e));
  errors.length = 0;
  return { panic, others };
}

test.describe('panic recovery', () => {
  test('a panic shows the recovery page; its reload link brings the app back', async ({ page, consoleErrors }) => {
    await page.addInitScript(ARM);
    await page.goto('/?panic-test');
    const heading = page.getByRole('heading', { level: 1, name: 'Something went wrong' });
    await expect(heading).toBeVisible();
    await expect(heading).toBeFocused();
    await expect(page).toHaveTitle('Something went wrong');
    await expect(page.locator('main')).toContainText('The portal stopped because of an unexpected error.');
    // Nothing of the dead app is left on the page.
    expect(await page.locator('body > *').count()).toBe(1);

    const { panic, others } = takePanicErrors(consoleErrors);
    expect(panic.length, 'the panic is still logged').toBeGreaterThan(0);
    expect(others).toEqual([]);

    await page.getByRole('link', { name: 'Reload the page' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    takePanicErrors(consoleErrors); // the dead app may log once more while the page unloads
  });

  test('the recovery page speaks the user’s language', async ({ page, consoleErrors }) => {
    await page.addInitScript(ARM);
    await page.goto('/?panic-test&lang=fr');
    await expect(page.getByRole('heading', { level: 1, name: 'Un problème est survenu' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Recharger la page' })).toBeVisible();
    expect(takePanicErrors(consoleErrors).others).toEqual([]);
  });

  test('without the test flag, ?panic-test does nothing', async ({ page }) => {
    await signIn(page, USERS.megan, '/?panic-test');
    await expect(page.locator('main h1')).toHaveText('Rewards overview');
    await page.waitForTimeout(300);
    await expect(page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
  });
});
