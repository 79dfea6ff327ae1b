import { APIRequestContext, Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, signIn, signInThroughApi, USERS } from './fixtures';
import { SUBPATH, SUBPATH_ORIGIN } from '../env';

// Technical cases a partner can follow (/technical-requests/:case). The Rewards team's side
// exists only as API operations: the team user (team@rewards.example) moves cases through the
// API here, and the partner sees the change on the case page. The server's database is shared
// by every spec of a run, so each test creates the cases it changes and reads figures from the
// API rather than assuming them.

const TEAM = 'team@rewards.example';
const API = '/api/v1/technical-requests';
const TEAM_API = '/api/v1/team/technical-requests';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-US' });

type Case = {
  request: { id: string; case_number: string; status: string; version: number };
  benefit: { id: string; drawn_down: number; remaining: number | null; quantity: { n?: number } } | null;
};

const key = () => ({ 'Idempotency-Key': crypto.randomUUID() });

/** A new case filed as the signed-in partner of `page` (its cookie session). */
async function fileCase(page: Page, title: string, phase = 'deployment'): Promise<Case> {
  const response = await page.request.post(API, {
    headers: key(),
    data: {
      phase, solution_type: 'cloud', title, description: 'Filed by the cases spec.',
      products: ['Azure Kubernetes Service'], phone: '+31 20 123 4567', country_region: 'NL',
      time_zone: 'Europe/Amsterdam', language: 'en', preferred_contact_time: '',
    },
  });
  expect(response.status()).toBe(201);
  return response.json();
}

/** The Rewards team moves a case (If-Match with the case's current version). */
async function teamMove(request: APIRequestContext, auth: Record<string, string>, id: string, body: object) {
  const current = await request.get(`${TEAM_API}/${id}`, { headers: auth });
  expect(current.status()).toBe(200);
  const response = await request.post(`${TEAM_API}/${id}/transitions`, {
    headers: { ...auth, ...key(), 'If-Match': current.headers()['etag'] },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Case;
}

async function partnerCase(page: Page, id: string): Promise<Case> {
  const response = await page.request.get(`${API}/${id}`);
  expect(response.status()).toBe(200);
  return response.json();
}

const caseHeading = (page: Page) => page.locator('main h2#case-heading');

test.describe('technical cases', () => {
  test('a partner follows a case the Rewards team moves, adds a note and sees the hours drawn down', async ({ page, request }) => {
    const team = await signInThroughApi(request, TEAM);
    await signIn(page, USERS.alex, '/technical-requests/new');
    const filed = await fileCase(page, 'Cases spec: follow me');
    const number = filed.request.case_number;
    expect(filed.benefit?.quantity.n).toBe(50);
    const leftBefore = filed.benefit!.remaining!;

    // The case page, deep-linked by case number: fields, pending reply, the benefit's hours.
    await page.goto(`/technical-requests/${number}`);
    await expect(page.locator('main h1')).toHaveText('Technical case');
    await expect(caseHeading(page)).toHaveText(`Case ${number}: Cases spec: follow me`);
    const status = page.locator('.case__facts .tr-status');
    await expect(status).toHaveText('Submitted');
    await expect(page.locator('.case__reply')).toContainText('will reply within 2 business days');
    await expect(page.locator('.case__remaining')).toHaveText(`${leftBefore} of 50 hours left`);
    await expect(page.getByRole('button', { name: 'Cancel case' })).toBeVisible();
    await expectNoAxeViolations(page, 'submitted case');

    // The team picks it up with an answer; the partner's refresh control shows it.
    await teamMove(request, team, filed.request.id, { to: 'in_review', note: 'We are looking at your deployment.' });
    await expect(status).toHaveText('Submitted');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Case updated' })).toBeVisible();
    await expect(status).toHaveText('In review');
    await expect(page.locator('.case__reply')).toContainText('the Rewards team replied in time');
    const teamNote = page.locator('.case-note--rewards_team');
    await expect(teamNote).toContainText('We are looking at your deployment.');
    await expect(teamNote).toContainText('Nestor Wilke, Rewards team');
    const history = page.locator('.case-timeline__entry');
    await expect(history).toHaveCount(2);
    await expect(history.nth(1)).toContainText('In review');
    await expect(history.nth(1)).toContainText('by Nestor Wilke (Rewards team)');
    // No cancel once the team has it.
    await expect(page.getByRole('button', { name: 'Cancel case' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'case in review with a team note');

    // The partner's note: an empty one is refused in the summary, a real one is added.
    await page.getByRole('button', { name: 'Add note' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: /Add a note/ })).toBeVisible();
    await expectNoAxeViolations(page, 'note form with an error');
    await page.getByLabel('Add a note').fill('The cluster runs in West Europe.\nLogs follow.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your note was added to the case.' })).toBeVisible();
    await expect(page.locator('.case-note--partner')).toContainText('The cluster runs in West Europe.');
    await expect(page.getByLabel('Add a note')).toHaveValue('');
    const afterNote = await partnerCase(page, filed.request.id);
    expect(afterNote.request.status).toBe('in_review');
    expect(await page.locator('.case-note').count()).toBe(2);

    // In progress, then resolved with 4 hours: after a reload the page shows what it used.
    await teamMove(request, team, filed.request.id, { to: 'in_progress' });
    await teamMove(request, team, filed.request.id, { to: 'resolved', quantity_used: 4, note: 'Solved in one session.' });
    await page.reload();
    await expect(status).toHaveText('Resolved');
    await expect(page.locator('.case__used')).toHaveText('Used by this case: 4 hours');
    const resolved = await partnerCase(page, filed.request.id);
    expect(resolved.benefit!.remaining).toBe(leftBefore - 4);
    await expect(page.locator('.case__remaining')).toHaveText(`${leftBefore - 4} of 50 hours left`);
    await expect(page.locator('.case-notes')).toContainText('This case is Resolved, so it takes no more notes.');
    await expect(page.getByLabel('Add a note')).toHaveCount(0);
    await expect(history).toHaveCount(4);
    await expectNoAxeViolations(page, 'resolved case');

    // The Technical tab shows the same remaining hours as the benefit in the API.
    const benefit = await (await page.request.get(`/api/v1/benefits/${resolved.benefit!.id}`)).json();
    const drawn = (benefit.benefit ?? benefit).drawn_down;
    expect(50 - drawn).toBe(leftBefore - 4);
    await page.goto('/benefits/technical');
    const row = page.locator('.benefit-row').filter({ hasText: 'Presales and deployment advisory hours' });
    await expect(row.locator('.benefit-row__remaining')).toHaveText(`${50 - drawn} of 50 hours left`);
    await expectNoAxeViolations(page, 'technical tab with remaining hours');
  });

  test('cancelling a submitted case asks first, and a case the team moved meanwhile is not cancelled', async ({ page, request }) => {
    const team = await signInThroughApi(request, TEAM);
    await signIn(page, USERS.adele, '/technical-requests/new');
    const filed = await fileCase(page, 'Cases spec: cancel me');
    await page.goto(`/technical-requests/${filed.request.case_number}`);
    const cancel = page.getByRole('button', { name: 'Cancel case' });

    // The confirm dialog: keeping the case changes nothing.
    await cancel.click();
    const dialog = page.getByRole('dialog', { name: `Cancel case ${filed.request.case_number}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('You cannot undo this');
    await expectNoAxeViolations(page, 'cancel dialog');
    await dialog.getByRole('button', { name: 'Keep case' }).click();
    await expect(dialog).toBeHidden();
    expect((await partnerCase(page, filed.request.id)).request.status).toBe('submitted');

    // Confirmed: cancelled once, with the partner in the history.
    await cancel.click();
    await dialog.getByRole('button', { name: 'Cancel case' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Case cancelled.' })).toBeVisible();
    await expect(page.locator('.case__facts .tr-status')).toHaveText('Cancelled');
    await expect(page.getByRole('button', { name: 'Cancel case' })).toHaveCount(0);
    await expect(page.locator('.case-timeline__entry').last()).toContainText('by Adele Vance');
    await expect(page.locator('.case__reply')).toContainText('Cancelled before a reply was due');
    const cancelled = await partnerCase(page, filed.request.id);
    expect(cancelled.request.status).toBe('cancelled');
    expect(cancelled.request.version).toBe(1);
    await expectNoAxeViolations(page, 'cancelled case');

    // The team picks up another case while the partner looks at it: the cancel is refused
    // (412 on the stale version), the page reloads the case and says why.
    const second = await fileCase(page, 'Cases spec: too late to cancel');
    await page.goto(`/technical-requests/${second.request.case_number}`);
    await expect(cancel).toBeVisible();
    await teamMove(request, team, second.request.id, { to: 'in_review' });
    await cancel.click();
    await page
      .getByRole('dialog', { name: `Cancel case ${second.request.case_number}?` })
      .getByRole('button', { name: 'Cancel case' })
      .click();
    await expect(page.getByRole('status')).toContainText('The case changed since you opened it');
    await expect(page.locator('.case__facts .tr-status')).toHaveText('In review');
    expect((await partnerCase(page, second.request.id)).request.status).toBe('in_review');
    await expectNoAxeViolations(page, 'refused cancel');
  });

  test('the request list filters by status, searches and sorts by date, and links to each case', async ({ page }) => {
    await signIn(page, USERS.megan, '/technical-requests/new');
    const all = (await (await page.request.get(API)).json()).requests as {
      case_number: string; title: string; status: string; created_at: string;
    }[];
    const list = page.locator('#tr-requests');
    const rows = list.locator('tbody tr');
    await expect(rows).toHaveCount(all.length);
    await expect(list.getByRole('status')).toHaveText(`Showing ${all.length} of ${all.length} requests.`);

    await list.getByLabel('Status').selectOption({ label: 'Cancelled' });
    const cancelled = all.filter((r) => r.status === 'cancelled');
    await expect(rows).toHaveCount(cancelled.length);
    for (const r of cancelled) await expect(list.getByRole('link', { name: r.case_number })).toBeVisible();
    await expectNoAxeViolations(page, 'list filtered by status');

    await list.getByRole('button', { name: 'Clear filters' }).click();
    await list.getByLabel('Search by case number or title').fill('webhook');
    const webhook = all.filter((r) => r.title.toLowerCase().includes('webhook'));
    expect(webhook.length).toBe(1);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(webhook[0].case_number);
    await list.getByLabel('Search by case number or title').fill('no such request anywhere');
    await expect(list.getByText('No requests match these filters.')).toBeVisible();
    await list.getByLabel('Search by case number or title').fill('');

    // Newest first by default; oldest first on request.
    const byDate = [...all].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.case_number.localeCompare(b.case_number));
    await expect(rows.first().locator('th')).toHaveText(byDate[byDate.length - 1].case_number);
    await list.getByLabel('Sort').selectOption({ label: 'Oldest first' });
    await expect(rows.first().locator('th')).toHaveText(byDate[0].case_number);
    await expect(rows.last().locator('th')).toHaveText(byDate[byDate.length - 1].case_number);

    // A case number opens its case page.
    const target = byDate[0];
    await list.getByRole('link', { name: target.case_number }).click();
    await expect(page).toHaveURL(new RegExp(`/technical-requests/${target.case_number}$`));
    await expect(caseHeading(page)).toContainText(target.title);
    await page.goBack();
    await expect(list.locator('tbody tr').first()).toBeVisible();
  });

  test('the demo cases: a missed reply, a resolved case that drew down hours, read-only Diego, five languages', async ({ page }) => {
    await signIn(page, USERS.diego, '/technical-requests/new');
    const all = (await (await page.request.get(API)).json()).requests as { id: string; case_number: string; title: string }[];
    const late = all.find((r) => r.title.includes('data isolation'))!;
    const resolved = all.find((r) => r.title.includes('proof of concept'))!;

    await page.goto(`/technical-requests/${late.case_number}`);
    await expect(page.locator('.case__reply')).toContainText('the promise was missed');
    await expect(page.locator('.case__facts .tr-status')).toHaveText('Action required');
    // Read-only: no cancel, no note form, and who can act.
    await expect(page.locator('.case-notes')).toContainText('Your role can read this case but not add notes');
    await expect(page.getByLabel('Add a note')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Cancel case' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'missed reply, read-only');

    const api = await partnerCase(page, resolved.id);
    const left = api.benefit!.remaining!;
    const headings: Record<string, [string, RegExp]> = {
      en: ['Technical case', new RegExp(`${left} of 50 hours left`)],
      nl: ['Technische case', new RegExp(`Nog ${left} van 50 uur over`)],
      fr: ['Dossier technique', new RegExp(`Reste ${left} sur 50 heures`)],
      sv: ['Tekniskt ärende', new RegExp(`${left} av 50 timmar kvar`)],
      'zh-TW': ['技術案件', new RegExp(`剩餘 ${left}（共 50`)],
    };
    for (const [lang, [heading, remaining]] of Object.entries(headings)) {
      await page.goto(`/technical-requests/${resolved.case_number}?lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('main h1')).toHaveText(heading);
      await expect(page.locator('.case__remaining')).toHaveText(remaining);
      await expect(page.locator('.case-timeline__entry')).toHaveCount(4);
      await expectNoAxeViolations(page, `resolved case in ${lang}`);
    }
    // A case number that is not the company's: said so, not a blank page.
    await page.goto('/technical-requests/TR-1999-000001?lang=en');
    await expect(page.getByText('There is no case TR-1999-000001')).toBeVisible();
    await expectNoAxeViolations(page, 'unknown case');
  });

  test('the Rewards team account gets no partner pages in the portal', async ({ page }) => {
    await signIn(page, TEAM, '/technical-requests/new');
    await expect(page.locator('main h1')).toHaveText('Marketplace Rewards team account');
    await expect(page.locator('main')).toContainText('/api/v1/team/technical-requests');
    await expect(page.locator('#tr-requests')).toHaveCount(0);
    expect((await page.request.get(API)).status()).toBe(403);
    await expectNoAxeViolations(page, 'team account');
  });

  test('a case page deep link reloads under a sub-path', async ({ page }) => {
    const base = `${SUBPATH_ORIGIN}${SUBPATH}`;
    await signIn(page, USERS.megan, base);
    const all = (await (await page.request.get(`${SUBPATH_ORIGIN}/api/v1/technical-requests`)).json()).requests;
    const url = `${base}technical-requests/${all[0].case_number}`;
    await page.goto(url);
    await expect(caseHeading(page)).toContainText(all[0].case_number);
    await page.reload();
    await expect(caseHeading(page)).toContainText(all[0].case_number);
    expect(page.url()).toBe(url);
  });
});
