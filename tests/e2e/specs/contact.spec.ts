import { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { test, expect, expectNoAxeViolations, signIn, USERS } from './fixtures';

const TAB = '/benefits/sales-marketing';
const OPEN = 'Add, update, or change';

function panel(page: Page) {
  return page.locator('section.contact-panel');
}

function dialog(page: Page) {
  return page.getByRole('dialog', { name: 'Assign a marketing contact' });
}

/** Opens the Assign user dialog with the mouse and waits for its fields. */
async function openDialog(page: Page) {
  await panel(page).getByRole('button', { name: OPEN }).click();
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByLabel('Phone')).toBeVisible();
}

/** The ids of the elements that take focus on successive Tab presses. */
async function tabCycle(page: Page, presses: number, key = 'Tab') {
  const ids: string[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press(key);
    ids.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const inDialog = !!el?.closest('dialog[open]');
        return `${inDialog ? 'in' : 'OUT'}:${el?.id || el?.textContent?.trim() || el?.tagName}`;
      }),
    );
  }
  return ids;
}

test.describe('marketing contact and the Assign user dialog', () => {
  test('the dialog opens by mouse and keyboard, traps focus, closes with Escape and returns focus', async ({ page }) => {
    await signIn(page, USERS.megan, TAB);
    const open = panel(page).getByRole('button', { name: OPEN });
    await expect(open).toBeEnabled();
    const existing = (await (await page.request.get('/api/v1/marketing-contacts')).json()).contacts;
    if (existing.length === 0) {
      await expect(panel(page)).toContainText(
        'No marketing contact assigned yet — you must assign one before you can activate sales and marketing benefits.',
      );
    }

    await openDialog(page);
    const d = dialog(page);
    await expect(d).toHaveAttribute('aria-modal', 'true');
    await expect(d).toHaveAccessibleDescription(/Choose a user from your account/);
    // Focus moved into the dialog.
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))).toBe(true);
    await expectNoAxeViolations(page, 'dialog open');

    // Tab and Shift+Tab never leave the dialog.
    const forward = await tabCycle(page, 20);
    expect(forward.filter((id) => id.startsWith('OUT')), forward.join(', ')).toEqual([]);
    const backward = await tabCycle(page, 20, 'Shift+Tab');
    expect(backward.filter((id) => id.startsWith('OUT')), backward.join(', ')).toEqual([]);
    // It wraps around: the forward walk visits the Cancel button and then a field again.
    expect(forward).toContain('in:Cancel');

    // A modal in the top layer: the page behind is inert.
    expect(await page.evaluate(() => document.querySelector('dialog[open]')?.matches(':modal'))).toBe(true);

    await page.keyboard.press('Escape');
    await expect(d).toBeHidden();
    await expect(open).toBeFocused();

    // Keyboard: Enter on the focused button opens it again; Cancel closes it.
    await page.keyboard.press('Enter');
    await expect(d).toBeVisible();
    await d.getByRole('button', { name: 'Cancel' }).click();
    await expect(d).toBeHidden();
    await expect(open).toBeFocused();
  });

  test('search filters the users and choosing a user fills in the email', async ({ page }) => {
    await signIn(page, USERS.megan, TAB);
    await openDialog(page);
    const d = dialog(page);
    const users = d.getByRole('group', { name: 'User' });
    const total = (await (await page.request.get('/api/v1/users')).json()).users.length;
    expect(total).toBeGreaterThan(3);
    await expect(users.getByRole('radio')).toHaveCount(total);
    await d.getByLabel('Search users').fill('WILB');
    await expect(users.getByRole('radio')).toHaveCount(1);
    await expect(users.getByRole('radio', { name: /Alex Wilber/ })).toBeVisible();
    await expect(users.getByRole('status')).toHaveText(`1 of ${total} users shown`);
    // The email address is searched too.
    await d.getByLabel('Search users').fill('adele@');
    await expect(users.getByRole('radio')).toHaveCount(1);
    await expect(users.getByRole('radio', { name: /Adele Vance/ })).toBeVisible();
    await d.getByLabel('Search users').fill('nobody-here');
    await expect(users.getByRole('radio')).toHaveCount(0);
    await expect(users.getByRole('status')).toHaveText('No users match your search.');
    await d.getByLabel('Search users').fill('');
    await expect(users.getByRole('radio')).toHaveCount(total);

    // Switch to adding a contact when one already exists (earlier tests may have assigned one).
    const add = d.getByRole('radio', { name: 'Add another contact' });
    if (await add.count()) await add.check();
    await users.getByRole('radio', { name: /Adele Vance/ }).check();
    await expect(d.getByLabel('Email', { exact: true })).toHaveValue('adele@contoso.example');
    // Another user replaces an email that came from a user…
    await users.getByRole('radio', { name: /Alex Wilber/ }).check();
    await expect(d.getByLabel('Email', { exact: true })).toHaveValue('alex@contoso.example');
    // …but never one the user typed.
    await d.getByLabel('Email', { exact: true }).fill('marketing@contoso.example');
    await users.getByRole('radio', { name: /Adele Vance/ }).check();
    await expect(d.getByLabel('Email', { exact: true })).toHaveValue('marketing@contoso.example');
  });

  test('the company account email and an invalid phone are rejected, entries kept', async ({ page }) => {
    await signIn(page, USERS.megan, TAB);
    await openDialog(page);
    const d = dialog(page);
    const add = d.getByRole('radio', { name: 'Add another contact' });
    if (await add.count()) await add.check();
    await d.getByRole('radio', { name: /Alex Wilber/ }).check();
    const email = d.getByLabel('Email', { exact: true });
    const phone = d.getByLabel('Phone');
    await email.fill('PartnerCenter@contoso.example');
    await phone.fill('020 123 4567');
    await d.getByLabel('Preferred language').selectOption({ label: 'Dutch' });
    await d.getByRole('button', { name: 'Assign user' }).click();

    const summary = d.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveCount(2);
    await expect(summary).toContainText('different from your company’s Partner Center account email');
    await expect(summary).toContainText('Start the phone number with + and the country calling code.');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(/different from your company’s Partner Center account email/);
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveTitle(/^Error: /);
    await expect(email).toHaveValue('PartnerCenter@contoso.example');
    await expect(phone).toHaveValue('020 123 4567');
    await expect(d.getByLabel('Preferred language')).toHaveValue('nl');
    await expectNoAxeViolations(page, 'dialog errors');

    await summary.getByRole('link', { name: /Phone/ }).click();
    await expect(phone).toBeFocused();
    await phone.fill('+31 20 12');
    await d.getByRole('button', { name: 'Assign user' }).click();
    await expect(summary).toContainText('The phone number is too short.');
    await expect(phone).toHaveValue('+31 20 12');
  });

  test('a valid assignment shows at the top of the tab and persists after a reload', async ({ page }) => {
    await signIn(page, USERS.megan, TAB);
    await openDialog(page);
    const d = dialog(page);
    // Replace the first contact if there is one, otherwise add the first contact.
    await d.getByRole('radio', { name: /Alex Wilber/ }).check();
    await d.getByLabel('Email', { exact: true }).fill('alex.marketing@contoso.example');
    await d.getByLabel('Phone').fill('+31 20 123 4567');
    await d.getByLabel('Preferred language').selectOption({ label: 'Dutch' });
    await d.getByRole('button', { name: 'Assign user' }).click();

    await expect(d).toBeHidden();
    await expect(panel(page).getByRole('status')).toHaveText('Alex Wilber is now a marketing contact.');
    await expect(panel(page).getByRole('button', { name: OPEN })).toBeFocused();
    const card = panel(page).locator('.contact-card').filter({ hasText: 'alex.marketing@contoso.example' });
    await expect(card).toContainText('Alex Wilber');
    await expect(card).toContainText('+31201234567');
    await expect(card).toContainText('Dutch');
    await expect(panel(page)).not.toContainText('No marketing contact assigned yet');

    await page.reload();
    const again = panel(page).locator('.contact-card').filter({ hasText: 'alex.marketing@contoso.example' });
    await expect(again).toContainText('Alex Wilber');
    await expect(again).toContainText('+31201234567');
    await expect(again).toContainText('Dutch');

    // In Dutch the language name and the button are translated.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('nl');
    await expect(panel(page).getByRole('button', { name: 'Toevoegen, bijwerken of wijzigen' })).toBeVisible();
    await expect(again).toContainText('Nederlands');
    await page.getByRole('combobox', { name: 'Taal' }).selectOption('en');
  });

  test('a concurrent change is detected, the entries are kept and Reload lets the user save', async ({ page }) => {
    await signIn(page, USERS.megan, TAB);
    await openDialog(page);
    const d = dialog(page);
    // Make sure a contact exists to replace.
    const current = await (await page.request.get('/api/v1/marketing-contacts')).json();
    expect(current.contacts.length, 'a contact from the previous test').toBeGreaterThan(0);

    await d.getByRole('radio', { name: /Replace / }).first().check();
    await d.getByRole('radio', { name: /Adele Vance/ }).check();
    await d.getByLabel('Email', { exact: true }).fill('adele.marketing@contoso.example');
    await d.getByLabel('Phone').fill('+44 20 7946 0958');
    await d.getByLabel('Preferred language').selectOption({ label: 'French' });

    // Someone else changes the contact through the API meanwhile.
    const first = current.contacts[0];
    const users = (await (await page.request.get('/api/v1/users')).json()).users;
    const alex = users.find((u: { email: string }) => u.email === USERS.alex);
    const other = await page.request.put(`/api/v1/marketing-contacts/${first.id}`, {
      headers: { 'Idempotency-Key': randomUUID(), 'If-Match': `"${current.version}"` },
      data: { user_id: alex.id, email: 'alex.events@contoso.example', phone: '+31 20 765 4321', preferred_language: 'sv' },
    });
    expect(other.status()).toBe(200);

    await d.getByRole('button', { name: 'Assign user' }).click();
    const conflict = d.getByRole('alert').filter({ hasText: 'Someone else changed the marketing contacts' });
    await expect(conflict).toBeVisible();
    const reload = conflict.getByRole('button', { name: 'Reload' });
    await expect(reload).toBeFocused();
    // Nothing was overwritten and the entries are kept.
    const after = await (await page.request.get('/api/v1/marketing-contacts')).json();
    expect(after.contacts.find((c: { id: string }) => c.id === first.id).email).toBe('alex.events@contoso.example');
    await expect(d.getByLabel('Email', { exact: true })).toHaveValue('adele.marketing@contoso.example');
    await expect(d.getByLabel('Phone')).toHaveValue('+44 20 7946 0958');
    await expectNoAxeViolations(page, 'dialog conflict');

    await reload.click();
    await expect(conflict).toBeHidden();
    await expect(d.getByRole('status').filter({ hasText: 'The latest marketing contacts are loaded' })).toBeVisible();
    // The panel behind shows the other person's change.
    await expect(panel(page)).toContainText('alex.events@contoso.example');
    await expect(d.getByLabel('Email', { exact: true })).toHaveValue('adele.marketing@contoso.example');

    await d.getByRole('button', { name: 'Assign user' }).click();
    await expect(d).toBeHidden();
    await expect(panel(page).getByRole('status')).toHaveText('Adele Vance is now a marketing contact.');
    await expect(panel(page)).toContainText('adele.marketing@contoso.example');
    await expect(panel(page)).toContainText('French');
    await page.reload();
    await expect(panel(page)).toContainText('adele.marketing@contoso.example');
  });

  test('a read-only user sees the contact but the button is disabled with the managers named', async ({ page }) => {
    await signIn(page, USERS.diego, TAB);
    const open = panel(page).getByRole('button', { name: OPEN });
    await expect(open).toBeDisabled();
    await expect(open).toHaveAccessibleDescription(/^Only .* can add, update, or change the marketing contact\. .*Megan Bowen/);
    await expect(panel(page)).toContainText('Adele Vance');
    await expect(panel(page)).toContainText('adele.marketing@contoso.example');
    await expectNoAxeViolations(page, 'read-only panel');
  });
});

type Contact = { id: string; user_id: string; email: string };

/** The contacts and their version, through the API (as the page's signed-in user). */
async function contactsViaApi(page: Page) {
  const response = await page.request.get('/api/v1/marketing-contacts');
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as { version: number; contacts: Contact[] };
}

/** Brings the company to exactly one contact (Adele), through the API. */
async function oneContactViaApi(page: Page) {
  let current = await contactsViaApi(page);
  if (current.contacts.length === 0) {
    const users = (await (await page.request.get('/api/v1/users')).json()).users;
    const adele = users.find((u: { email: string }) => u.email === USERS.adele);
    const added = await page.request.post('/api/v1/marketing-contacts', {
      headers: { 'Idempotency-Key': randomUUID(), 'If-Match': `"${current.version}"` },
      data: { user_id: adele.id, email: 'adele.marketing@contoso.example', phone: '+44 20 7946 0958', preferred_language: 'fr' },
    });
    expect(added.status()).toBe(201);
  }
  current = await contactsViaApi(page);
  while (current.contacts.length > 1) {
    const last = current.contacts[current.contacts.length - 1];
    const removed = await page.request.delete(`/api/v1/marketing-contacts/${last.id}`, {
      headers: { 'Idempotency-Key': randomUUID(), 'If-Match': `"${current.version}"` },
    });
    expect(removed.status()).toBe(200);
    current = await contactsViaApi(page);
  }
  return current.contacts[0];
}

function removeDialog(page: Page) {
  return page.getByRole('dialog', { name: /as a marketing contact\?$/ });
}

test.describe('removing a marketing contact', () => {
  test('the last contact is refused with the reason while activated benefits need it; another one is removed', async ({ page }) => {
    await signIn(page, USERS.alex, TAB);
    const only = await oneContactViaApi(page);
    // The demo data has activated sales and marketing benefits: the last contact is needed.
    const benefits = (await (await page.request.get('/api/v1/benefits')).json()).benefits as {
      benefit: { category: string; status: string };
    }[];
    expect(
      benefits.some((b) => b.benefit.category === 'sales_marketing' && ['activated', 'in_progress'].includes(b.benefit.status)),
    ).toBe(true);
    await page.reload();
    const cards = panel(page).locator('.contact-card');
    await expect(cards).toHaveCount(1);
    const remove = cards.getByRole('button', { name: /^Remove / });
    await expect(remove).toHaveAccessibleName(/^Remove \S/);

    // Keyboard: the dialog opens, says it is the only contact, and Cancel returns focus.
    await remove.focus();
    await page.keyboard.press('Enter');
    const d = removeDialog(page);
    await expect(d).toBeVisible();
    await expect(d).toContainText('This is your company’s only marketing contact');
    // A destructive action: it opens on Cancel.
    await expect(d.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expectNoAxeViolations(page, 'remove contact dialog');
    await d.getByRole('button', { name: 'Cancel' }).click();
    await expect(d).toBeHidden();
    await expect(remove).toBeFocused();

    // Confirm: refused, with the reason and a way forward; nothing was removed.
    await remove.click();
    await d.getByRole('button', { name: 'Remove contact' }).click();
    const reason = d.getByRole('alert');
    await expect(reason).toContainText('it is your company’s last marketing contact, and activated sales and marketing benefits need one');
    const assign = d.getByRole('button', { name: 'Assign another contact' });
    await expect(assign).toBeFocused();
    await expect(d.getByRole('button', { name: 'Remove contact' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'remove contact refused');
    expect((await contactsViaApi(page)).contacts.map((c) => c.id)).toEqual([only.id]);

    // The way forward: assign another contact, then remove the first one.
    await assign.click();
    await expect(d).toBeHidden();
    const assignDialog = dialog(page);
    await expect(assignDialog.getByLabel('Phone')).toBeVisible();
    await assignDialog.getByRole('radio', { name: 'Add another contact' }).check();
    await assignDialog.getByRole('radio', { name: /Alex Wilber/ }).check();
    await assignDialog.getByLabel('Email', { exact: true }).fill('alex.marketing@contoso.example');
    await assignDialog.getByLabel('Phone').fill('+31 20 123 4567');
    await assignDialog.getByLabel('Preferred language').selectOption({ label: 'Dutch' });
    await assignDialog.getByRole('button', { name: 'Assign user' }).click();
    await expect(assignDialog).toBeHidden();
    await expect(cards).toHaveCount(2);

    const first = cards.filter({ hasText: only.email });
    await first.getByRole('button', { name: /^Remove / }).click();
    await expect(d).toBeVisible();
    await expect(d).not.toContainText('only marketing contact');
    await d.getByRole('button', { name: 'Remove contact' }).click();
    await expect(d).toBeHidden();
    await expect(cards).toHaveCount(1);
    await expect(cards).toContainText('alex.marketing@contoso.example');
    await expect(panel(page).getByRole('status')).toHaveText(/ is no longer a marketing contact\.$/);
    await expect(panel(page).getByRole('button', { name: OPEN })).toBeFocused();
    const after = await contactsViaApi(page);
    expect(after.contacts.map((c) => c.email)).toEqual(['alex.marketing@contoso.example']);
    await page.reload();
    await expect(cards).toHaveCount(1);
  });

  test('a contact removed by someone else meanwhile: the list is reloaded and the dialog says so', async ({ page }) => {
    await signIn(page, USERS.megan, TAB);
    await oneContactViaApi(page);
    // A second contact, so the first may go.
    let current = await contactsViaApi(page);
    const users = (await (await page.request.get('/api/v1/users')).json()).users;
    const adele = users.find((u: { email: string }) => u.email === USERS.adele);
    const added = await page.request.post('/api/v1/marketing-contacts', {
      headers: { 'Idempotency-Key': randomUUID(), 'If-Match': `"${current.version}"` },
      data: { user_id: adele.id, email: 'adele.events@contoso.example', phone: '+44 20 7946 0000', preferred_language: 'en' },
    });
    expect(added.status()).toBe(201);
    await page.reload();
    const card = panel(page).locator('.contact-card').filter({ hasText: 'adele.events@contoso.example' });
    await card.getByRole('button', { name: /^Remove / }).click();
    const d = removeDialog(page);
    await expect(d).toBeVisible();
    // Someone else removes it first.
    current = await contactsViaApi(page);
    const target = current.contacts.find((c) => c.email === 'adele.events@contoso.example')!;
    const other = await page.request.delete(`/api/v1/marketing-contacts/${target.id}`, {
      headers: { 'Idempotency-Key': randomUUID(), 'If-Match': `"${current.version}"` },
    });
    expect(other.status()).toBe(200);
    await d.getByRole('button', { name: 'Remove contact' }).click();
    await expect(d.getByRole('alert')).toContainText('someone else removed them meanwhile');
    await expect(d.getByRole('button', { name: 'Close' })).toBeFocused();
    await expect(panel(page).locator('.contact-card')).toHaveCount(1);
    await expectNoAxeViolations(page, 'remove contact gone');
    await d.getByRole('button', { name: 'Close' }).click();
    await expect(d).toBeHidden();
  });

  test('a read-only user has no Remove buttons', async ({ page }) => {
    await signIn(page, USERS.diego, TAB);
    await expect(panel(page).locator('.contact-card')).not.toHaveCount(0);
    await expect(panel(page).getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  });
});

test.describe('where users are added', () => {
  test('without a configured link the dialog says where users are added', async ({ page }) => {
    await signIn(page, USERS.megan, TAB);
    await openDialog(page);
    const hint = dialog(page).locator('.contact-dialog__users-hint');
    await expect(hint).toContainText('Account settings → User management');
    await expect(hint.getByRole('link')).toHaveCount(0);
  });

  test('config.json usersAdminUrl links there, in a new tab, saying it leaves the portal', async ({ page }) => {
    const url = 'https://partner.example.com/account/users';
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch();
      const config = await response.json();
      await route.fulfill({ response, json: { ...config, usersAdminUrl: url } });
    });
    await signIn(page, USERS.megan, TAB);
    await openDialog(page);
    const link = dialog(page).locator('.contact-dialog__users-hint').getByRole('link');
    await expect(link).toHaveText('Manage users in Partner Center (opens in a new tab, outside this portal)');
    await expect(link).toHaveAttribute('href', url);
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expectNoAxeViolations(page, 'users admin link');
  });

  test('an unsafe usersAdminUrl is not linked', async ({ page }) => {
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch();
      const config = await response.json();
      await route.fulfill({ response, json: { ...config, usersAdminUrl: 'javascript:alert(1)' } });
    });
    await signIn(page, USERS.megan, TAB);
    await openDialog(page);
    await expect(dialog(page).locator('.contact-dialog__users-hint')).toContainText('User management');
    await expect(dialog(page).locator('.contact-dialog__users-hint').getByRole('link')).toHaveCount(0);
  });
});
