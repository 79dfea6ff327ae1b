import { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, signIn, USERS } from './fixtures';

/** Standalone, the theme follows the system; embedded, the host sets it (embed.spec.ts). */
const THEMES = [
  { name: 'light', media: { colorScheme: 'light' as const }, theme: 'light' },
  { name: 'dark', media: { colorScheme: 'dark' as const }, theme: 'dark' },
  { name: 'high-contrast', media: { contrast: 'more' as const }, theme: 'high-contrast' },
  { name: 'forced colours', media: { forcedColors: 'active' as const }, theme: 'light' },
];

async function checkPages(page: Page, label: string) {
  await signIn(page, USERS.megan, '/');
  await expect(page.locator('.overview, main h1').first()).toBeVisible();
  await expectNoAxeViolations(page, `${label}: overview`);
  await page.goto('/benefits/sales-marketing');
  await expect(page.locator('.benefit-table')).toBeVisible();
  await expectNoAxeViolations(page, `${label}: sales and marketing`);
  await page.getByRole('button', { name: 'Add, update, or change' }).click();
  await expect(page.getByRole('dialog', { name: 'Assign a marketing contact' })).toBeVisible();
  await expectNoAxeViolations(page, `${label}: assign user dialog`);
  await page.keyboard.press('Escape');
  await page.goto('/technical-requests/new');
  // The list's filter form joins the page once Megan has requests (other specs file them).
  const requestForm = page.getByRole('form', { name: 'New request' });
  await expect(requestForm).toBeVisible();
  await requestForm.locator('button[type=submit]').click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expectNoAxeViolations(page, `${label}: technical request with errors`);
  await page.goto('/settings/tenants/associate');
  await expect(page.locator('main h1')).toBeVisible();
  await expectNoAxeViolations(page, `${label}: tenant wizard`);
}

test.describe('themes', () => {
  for (const { name, media, theme } of THEMES) {
    test(`${name}: zero axe violations on every kind of page`, async ({ page }) => {
      // Five page loads and five axe runs: on a busy shared CI machine this takes up to 30 s.
      test.slow();
      await page.emulateMedia(media);
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await checkPages(page, name);
    });
  }
});
