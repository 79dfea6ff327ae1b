import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, layoutShift, recordLayoutShifts, test } from './fixtures';
import { APP_ORIGIN, HOST_ORIGIN, SUBPATH, SUBPATH_ORIGIN } from '../env';

/**
 * The first paint is the build's prerendered shell (crates/prerender, index.html's shell-choice
 * script), in the language and theme the app will choose, before any WebAssembly has run: these
 * tests hold every .wasm request, so what they see is the static page alone.
 */
const LOCALES = ['en', 'nl', 'fr', 'sv', 'zh-TW'] as const;
/** The words the shell must carry, read from the locale files the app is built from. */
function words(locale: string): { loading: string; skip: string } {
  const file = path.resolve(__dirname, '../../../locales', locale, 'common.json');
  const common = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { loading: common.status.loading, skip: common.skip_link };
}

/** Holds every .wasm request unanswered: the page as it is while the app still downloads. */
async function withoutWasm(page: Page) {
  await page.route('**/*.wasm', () => {});
}

async function expectShell(target: Page | Frame, locale: string) {
  await expect(target.locator('#prerendered-shell')).toHaveCount(1);
  await expect(target.locator('html')).toHaveAttribute('lang', locale);
  await expect(target.locator('#prerendered-shell main [role=status]')).toHaveText(words(locale).loading);
  await expect(target.locator('#prerendered-shell .skip-link')).toHaveText(words(locale).skip);
}

test.describe('prerendered shell', () => {
  for (const locale of LOCALES) {
    test(`standalone, the first paint is the shell in the browser's language: ${locale}`, async ({ browser }) => {
      const context = await browser.newContext({ locale: locale === 'zh-TW' ? 'zh-Hant-TW' : `${locale}-XX` });
      const page = await context.newPage();
      await withoutWasm(page);
      await page.goto(`${APP_ORIGIN}/`);
      await expectShell(page, locale);
      await context.close();
    });
  }

  test('an earlier choice, then ?lang=, win over the browser; else config.json decides', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    await withoutWasm(page);
    await page.goto(`${APP_ORIGIN}/?lang=fr`);
    await expectShell(page, 'fr');
    await page.evaluate(() => localStorage.setItem('rewards.locale', 'sv'));
    await page.reload();
    await expectShell(page, 'sv');
    await context.close();

    const japanese = await browser.newContext({ locale: 'ja-JP' });
    const other = await japanese.newPage();
    await withoutWasm(other);
    await other.route('**/config.json', async (route) => {
      const config = await (await route.fetch()).json();
      await route.fulfill({ json: { ...config, defaultLocale: 'zh-TW' } });
    });
    await other.goto(`${APP_ORIGIN}/`);
    await expectShell(other, 'zh-TW');
    await japanese.close();
  });

  test('the shell follows the system theme and reduced motion, and is axe-clean', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await withoutWasm(page);
    await page.goto('/');
    await expectShell(page, 'en');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const spinner = page.locator('#prerendered-shell .spinner');
    expect(await spinner.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    await expectNoAxeViolations(page, 'prerendered shell, dark');
    await page.emulateMedia({ colorScheme: 'light', contrast: 'more', reducedMotion: 'no-preference' });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'high-contrast');
    expect(await spinner.evaluate((el) => getComputedStyle(el).animationName)).not.toBe('none');
    await expectNoAxeViolations(page, 'prerendered shell, high contrast');
  });

  test('framed, a lang and theme in the frame address choose the shell; without them none shows', async ({ page }) => {
    await withoutWasm(page);
    await page.goto(`${HOST_ORIGIN}/sibling.html`);
    for (const src of [`${APP_ORIGIN}/?lang=sv&theme=dark`, `${APP_ORIGIN}/`]) {
      await page.evaluate((address) => {
        const frame = document.createElement('iframe');
        frame.src = address;
        frame.title = 'Marketplace Rewards';
        document.body.append(frame);
        return new Promise((resolve) => frame.addEventListener('load', resolve));
      }, src);
    }
    const [withLang, bare] = page.frames().filter((f) => f.url().startsWith(APP_ORIGIN));
    await expectShell(withLang, 'sv');
    await expect(withLang.locator('html')).toHaveAttribute('data-theme', 'dark');
    // The host's init decides the language: nothing to guess from.
    await expect(bare.locator('#prerendered-shell')).toHaveCount(0);
  });

  test('under a sub-path the shell is in the right language and its links stay in the app', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'nl-BE' });
    const page = await context.newPage();
    await withoutWasm(page);
    await page.goto(`${SUBPATH_ORIGIN}${SUBPATH}benefits/technical`);
    await expectShell(page, 'nl');
    const brand = page.locator('#prerendered-shell a.brand');
    expect(await brand.evaluate((a: HTMLAnchorElement) => new URL(a.href).pathname)).toBe(SUBPATH);
    await context.close();
  });

  for (const width of [412, 1280]) {
    test(`mounting replaces the shell without a layout shift, signed out (${width} px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await recordLayoutShifts(page);
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
      await page.waitForTimeout(500);
      await expect(page.locator('#prerendered-shell')).toHaveCount(0);
      await expect(page.locator('#main')).toHaveCount(1);
      expect(await layoutShift(page)).toBeLessThanOrEqual(0.02);
    });
  }
});
