import { test, expect, appReady, signIn, USERS } from './fixtures';

/**
 * The release wasm's stack is 512 KiB (scripts/build-wasm.mjs: rustc's 1 MiB default is memory
 * every visit would hold). It sits at the bottom of linear memory and grows down, so the lowest
 * byte any page has written in it shows the deepest stack so far; every page, and the largest
 * form with all its errors, must stay far from the end.
 */

const STACK_BYTES = 512 * 1024;
const PAGES = ['/benefits/sales-marketing', '/benefits/technical', '/technical-requests/new', '/insights', '/settings/tenants', '/'];

test('every page runs in a quarter of the release stack', async ({ page }) => {
  await page.addInitScript(() =>
    addEventListener('TrunkApplicationStarted', (e: Event) => {
      (window as any).__wasmMemory = (e as CustomEvent).detail.wasm.memory;
    }),
  );
  await signIn(page, USERS.megan);
  await expect(page.getByTestId('overview-sales')).toBeVisible();
  for (const path of PAGES) {
    // In-app links: a new page load would start a new instance with a fresh stack.
    await page.locator(`nav a[href="${path}"]`).first().click();
    await appReady(page);
    await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
    if (path === '/technical-requests/new') {
      // The largest form, with every field's error.
      await page.getByRole('button', { name: 'Submit request' }).click();
      await expect(page.getByRole('alert').first()).toBeVisible();
    }
  }

  const deepest = await page.evaluate((stack) => {
    const bytes = new Uint8Array((window as any).__wasmMemory.buffer, 0, stack);
    const lowest = bytes.findIndex((b) => b !== 0);
    return stack - lowest;
  }, STACK_BYTES);
  expect(deepest, "deepest stack in bytes").toBeGreaterThan(0);
  expect(deepest).toBeLessThan(STACK_BYTES / 4);
});
