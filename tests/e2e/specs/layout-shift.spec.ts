import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, layoutShift, recordLayoutShifts, signInThroughApi, test, USERS } from './fixtures';

/**
 * The signed-in overview must not move while it fills in: the chrome takes its final size before
 * the session and the data arrive (on narrow screens the navigation waits behind the Menu button).
 * Measured like the issue did: layout-shift entries without recent input, 4× CPU slowdown.
 */
async function coldOverviewShift(page: Page, width: number): Promise<number> {
  await page.setViewportSize({ width, height: 900 });
  await signInThroughApi(page.request, USERS.megan);
  await recordLayoutShifts(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto('/');
  await expect(page.getByTestId('overview-sales')).toBeVisible();
  // Late shifts (images, fonts, a banner) land within a few frames of the figures.
  await page.waitForTimeout(1000);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return layoutShift(page);
}

test.describe('layout stability', () => {
  for (const width of [412, 1280]) {
    test(`the signed-in overview does not shift as it fills in (${width} px)`, async ({ page }) => {
      const shift = await coldOverviewShift(page, width);
      expect(shift).toBeLessThanOrEqual(0.02);
    });
  }

  test('on a narrow screen the Menu button discloses the navigation and the account', async ({ page }) => {
    await page.setViewportSize({ width: 412, height: 900 });
    await signInThroughApi(page.request, USERS.megan);
    await page.goto('/');
    await expect(page.getByTestId('overview-sales')).toBeVisible();
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();
    // The page's own heading is in the first screen, right under the header.
    const heading = (await page.locator('main h1').boundingBox())!;
    expect(heading.y).toBeLessThan(250);

    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(nav).toBeVisible();
    await expect(nav.locator('.account__name')).toHaveText('Megan Bowen');
    await expect(nav.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expectNoAxeViolations(page, 'menu open at 412 px');

    // Escape closes it and gives focus back to the button.
    await nav.getByRole('link', { name: 'Rewards overview' }).focus();
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();

    // Following a link closes it too.
    await menu.click();
    await nav.getByRole('link', { name: 'Technical benefits' }).click();
    await expect(page).toHaveURL(/\/benefits\/technical$/);
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
  });

  test('on a wide screen there is no Menu button and the navigation is always shown', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInThroughApi(page.request, USERS.megan);
    await page.goto('/');
    await expect(page.getByTestId('overview-sales')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.locator('header .account__name')).toBeVisible();
  });
});
