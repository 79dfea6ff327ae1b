import * as fs from 'node:fs';
import * as path from 'node:path';
import type { APIRequestContext, BrowserContext, Page, Request, Route } from '@playwright/test';
import { test, expect, signIn, signInThroughApi, USERS } from './fixtures';

// Issue 7, part 1: the fault matrix. Every form that writes (the Assign user
// dialog, the technical request, benefit activation, the tenant wizard) meets
// every fault below. Each cell asserts: a clear localized message; nothing the
// user typed is lost (a reload restores the draft, passwords excepted); a retry
// works; the server holds exactly one record afterwards (counted through the
// API); and no panic or console error (the fixture fails the test on any).
//
// How the faults are made (Playwright request interception on the form's write):
//   500               the request reaches the server and is applied, the answer
//                     is replaced by a 500: only the same Idempotency-Key on
//                     retry keeps the server at one record
//   503 + Retry-After every attempt answers 503 with `Retry-After: 1`: the client
//                     retries (3 attempts, ≥ 1 s apart) then says when to try again
//   timeout           the first attempt is applied, no attempt gets an answer:
//                     the client abandons each after its 10 s timeout (real time)
//   connection reset  the first attempt is applied, every attempt is reset
//   offline           the browser context goes offline before submitting
//   401               the session is rejected: the sign-in page explains why
//   409/412           a version conflict (412) or a request still in progress (409)
//   422               the server rejects a field (or the request)

const FAULTS = ['500', '503 + Retry-After', 'timeout', 'connection reset', 'offline', '401', '409/412', '422'] as const;
type Fault = (typeof FAULTS)[number];

/** Three attempts of 10 s (rewards_core::retry::REQUEST_TIMEOUT_MS) plus backoff and slack. */
const ALL_ATTEMPTS_TIMED_OUT_MS = 40_000;

const MESSAGES: Record<Exclude<Fault, '409/412' | '422'>, string> = {
  '500': 'Something went wrong on our side. Try again in a moment.',
  '503 + Retry-After': 'The service is busy right now. Nothing you entered is lost; try again in 1 second.',
  timeout: 'The server took too long to answer. Nothing you entered is lost; try again.',
  'connection reset': 'We could not reach the server. Check your connection and try again.',
  offline: 'You are offline, so this was not sent. Nothing you entered is lost: send it again when you are back online.',
  '401': 'Your session has ended. Sign in again to continue; what you entered on this device is kept.',
};
const OFFLINE_BANNER = 'You are offline. Nothing you enter is lost';
const ONLINE_BANNER = 'You are back online.';

function problemBody(status: number, code: string, errors: { field: string; code: string }[] = []) {
  return JSON.stringify({ type: 'about:blank', title: code, status, detail: code, code, errors });
}

/** One form's answer to the conflict and validation faults. */
interface Rejections {
  conflict: { status: 409 | 412; code: string; message: string };
  invalid: { errors: { field: string; code: string }[]; message: string };
}

/** Intercepts the form's write and misbehaves until released. */
class Injection {
  readonly attempts: { key: string; at: number }[] = [];
  private active = true;
  private held: Route[] = [];

  constructor(
    private readonly fault: Fault,
    private readonly rejections: Rejections,
  ) {}

  release() {
    this.active = false;
    for (const route of this.held) route.abort().catch(() => undefined);
    this.held = [];
  }

  async handle(route: Route, request: Request) {
    if (!this.active) return route.continue();
    this.attempts.push({ key: request.headers()['idempotency-key'] ?? '', at: Date.now() });
    const first = this.attempts.length === 1;
    const json = (status: number, body: string, headers: Record<string, string> = {}) =>
      route.fulfill({ status, contentType: 'application/problem+json', body, headers });
    switch (this.fault) {
      case '500':
        // Applied by the server, answer lost.
        if (first) await route.fetch();
        return json(500, problemBody(500, 'internal_error'));
      case '503 + Retry-After':
        return json(503, problemBody(503, 'service_unavailable'), { 'Retry-After': '1' });
      case 'timeout':
        if (first) await route.fetch();
        this.held.push(route);
        return;
      case 'connection reset':
        if (first) await route.fetch();
        return route.abort('connectionreset');
      case '401':
        return json(401, problemBody(401, 'unauthenticated'), { 'WWW-Authenticate': 'Bearer' });
      case '409/412': {
        const { status, code } = this.rejections.conflict;
        return json(status, problemBody(status, code));
      }
      case '422':
        return json(422, problemBody(422, 'validation_failed', this.rejections.invalid.errors));
      case 'offline':
        return route.continue();
    }
  }
}

/** Routes the requests `matches` picks through a fresh injection of `fault`. */
async function inject(page: Page, fault: Fault, rejections: Rejections, matches: (r: Request) => boolean) {
  const injection = new Injection(fault, rejections);
  await page.route('**/api/v1/**', (route, request) =>
    matches(request) ? injection.handle(route, request) : route.continue(),
  );
  return injection;
}

/** Makes the fault happen around `submit` and checks what the client did. */
async function provoke(page: Page, context: BrowserContext, fault: Fault, injection: Injection, submit: () => Promise<void>) {
  if (fault === 'offline') {
    await context.setOffline(true);
    await expect(page.locator('.connectivity').filter({ hasText: OFFLINE_BANNER })).toBeVisible();
  }
  await submit();
  if (fault === 'timeout') {
    await expect.poll(() => injection.attempts.length, { timeout: ALL_ATTEMPTS_TIMED_OUT_MS }).toBe(3);
  }
}

/** How long a fault may take to surface (the timeout one waits out three attempts). */
const surfaces = (fault: Fault) => ({ timeout: fault === 'timeout' ? ALL_ATTEMPTS_TIMED_OUT_MS : 7_000 });

/** After the message: what the client must have sent. */
function expectAttempts(fault: Fault, injection: Injection) {
  const expected = { offline: 0, '503 + Retry-After': 3, timeout: 3, 'connection reset': 3 }[fault as string] ?? 1;
  expect(injection.attempts, `attempts for ${fault}`).toHaveLength(expected);
  // Every retry of one intent carries the same Idempotency-Key.
  expect(new Set(injection.attempts.map((a) => a.key)).size).toBeLessThanOrEqual(1);
  if (fault === '503 + Retry-After') {
    for (let i = 1; i < injection.attempts.length; i++) {
      expect(injection.attempts[i].at - injection.attempts[i - 1].at, 'Retry-After honoured').toBeGreaterThanOrEqual(900);
    }
  }
}

/** Back to normal before a retry or a reload. */
async function recover(page: Page, context: BrowserContext, fault: Fault, injection: Injection) {
  injection.release();
  if (fault === 'offline') {
    await context.setOffline(false);
    await expect(page.locator('.connectivity').filter({ hasText: ONLINE_BANNER })).toBeVisible();
  }
}

// ---------------------------------------------------------------- results ---

type Row = { form: string; fault: Fault; result: string; attempts: number; records: number | string };
const outcome = { attempts: 0, records: '–' as number | string };
/** One line per cell, appended as tests finish (a failure restarts the worker). */
const resultsFile = (outputDir: string) => path.join(outputDir, 'fault-matrix.jsonl');

test.beforeEach(() => {
  outcome.attempts = 0;
  outcome.records = '–';
});

test.afterEach(async ({}, testInfo) => {
  const [form, fault] = testInfo.title.split(' × ') as [string, Fault];
  if (!fault) return;
  const row: Row = { form, fault, result: testInfo.status ?? 'unknown', ...outcome };
  fs.mkdirSync(testInfo.project.outputDir, { recursive: true });
  fs.appendFileSync(resultsFile(testInfo.project.outputDir), `${JSON.stringify(row)}\n`);
});

test.afterAll(async ({}, testInfo) => {
  const file = resultsFile(testInfo.project.outputDir);
  if (!fs.existsSync(file)) return;
  const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Row);
  const forms = [...new Set(rows.map((r) => r.form))];
  const cell = (form: string, fault: Fault) => {
    const r = rows.filter((x) => x.form === form && x.fault === fault).pop();
    return r ? `${r.result === 'passed' ? 'pass' : r.result.toUpperCase()} (${r.attempts} sent, ${r.records} rec.)` : '';
  };
  const table = [
    `| fault | ${forms.join(' | ')} |`,
    `|---|${forms.map(() => '---').join('|')}|`,
    ...FAULTS.map((fault) => `| ${fault} | ${forms.map((form) => cell(form, fault)).join(' | ')} |`),
  ].join('\n');
  console.log(`\nFault matrix\n${table}\n`);
  fs.writeFileSync(path.join(testInfo.project.outputDir, 'fault-matrix.md'), `${table}\n`);
});

// -------------------------------------------------------- Assign user dialog ---

const SM = '/benefits/sales-marketing';
const contactDialog = (page: Page) => page.getByRole('dialog', { name: 'Assign a marketing contact' });

async function contactsWithEmail(page: Page, email: string) {
  const body = await (await page.request.get('/api/v1/marketing-contacts')).json();
  return { total: body.contacts.length as number, matching: body.contacts.filter((c: { email: string }) => c.email === email).length };
}

const CONTACT_REJECTIONS: Rejections = {
  conflict: {
    status: 412,
    code: 'version_mismatch',
    message: 'Someone else changed the marketing contacts while you were editing. Your entries are kept.',
  },
  invalid: {
    errors: [{ field: 'phone', code: 'phone_invalid' }],
    message: 'Phone: Enter a phone number using digits, like +31 20 123 4567.',
  },
};

test.describe('fault matrix: Assign user dialog', () => {
  for (const fault of FAULTS) {
    test(`Assign user × ${fault}`, async ({ page, context }) => {
      test.setTimeout(fault === 'timeout' ? 120_000 : 60_000);
      const slug = fault.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      const email = `fault-${slug}-${Date.now()}@contoso.example`;
      const phone = `+31 20 ${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`;
      await signIn(page, USERS.megan, SM);
      const before = await contactsWithEmail(page, email);
      const injection = await inject(
        page,
        fault,
        CONTACT_REJECTIONS,
        (r) => r.method() !== 'GET' && new URL(r.url()).pathname.startsWith('/api/v1/marketing-contacts'),
      );

      await page.locator('section.contact-panel').getByRole('button', { name: 'Add, update, or change' }).click();
      const d = contactDialog(page);
      await expect(d.getByLabel('Phone')).toBeVisible();
      // Replace the first contact when there is one (at most 3 exist), else add.
      const adding = (await d.getByRole('radio', { name: /^Replace / }).count()) === 0;
      if (adding) await d.getByRole('group', { name: 'User' }).getByRole('radio', { name: /Alex Wilber/ }).check();
      await d.getByLabel('Email', { exact: true }).fill(email);
      await d.getByLabel('Phone').fill(phone);
      await d.getByLabel('Preferred language').selectOption('en');

      await provoke(page, context, fault, injection, () => d.getByRole('button', { name: 'Assign user' }).click());
      if (fault === '401') {
        await expect(page.getByRole('status').filter({ hasText: MESSAGES['401'] })).toBeVisible();
      } else if (fault === '409/412') {
        await expect(d.getByRole('alert').filter({ hasText: CONTACT_REJECTIONS.conflict.message })).toBeVisible();
      } else if (fault === '422') {
        await expect(d.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(CONTACT_REJECTIONS.invalid.message);
        await expect(d.getByLabel('Phone')).toHaveAttribute('aria-invalid', 'true');
      } else {
        await expect(d.getByRole('alert').filter({ hasText: MESSAGES[fault] })).toBeVisible(surfaces(fault));
      }
      expectAttempts(fault, injection);
      outcome.attempts = injection.attempts.length;
      await recover(page, context, fault, injection);

      // A reload reopens the dialog with what was typed.
      await page.reload();
      await expect(d).toBeVisible();
      await expect(d.getByText('We restored what you entered before the page was reloaded.')).toBeVisible();
      await expect(d.getByLabel('Email', { exact: true })).toHaveValue(email);
      await expect(d.getByLabel('Phone')).toHaveValue(phone);
      await expect(d.getByLabel('Preferred language')).toHaveValue('en');

      await d.getByRole('button', { name: 'Assign user' }).click();
      await expect(d).toBeHidden();
      await expect(page.locator('.contact-panel__announcement')).toContainText('is now');
      const after = await contactsWithEmail(page, email);
      expect(after.matching, 'exactly one contact with the new email').toBe(1);
      expect(after.total).toBe(adding ? before.total + 1 : before.total);
      outcome.records = after.matching;
      // The draft is gone once saved.
      expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('rewards.contact.draft.')))).toEqual([]);
    });
  }
});

// ------------------------------------------------------- technical request ---

const TR = '/technical-requests/new';

async function requestsTitled(page: Page, title: string) {
  const body = await (await page.request.get('/api/v1/technical-requests')).json();
  return body.requests.filter((r: { title: string }) => r.title === title).length as number;
}

const TR_REJECTIONS: Rejections = {
  conflict: {
    status: 409,
    code: 'idempotency_request_in_progress',
    message: 'Your earlier attempt is still being processed. Wait a moment, then try again.',
  },
  invalid: {
    errors: [{ field: 'title', code: 'too_long' }],
    message: 'Case title: This is too long.',
  },
};

test.describe('fault matrix: technical request', () => {
  test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-US' });
  for (const fault of FAULTS) {
    test(`Technical request × ${fault}`, async ({ page, context }) => {
      test.setTimeout(fault === 'timeout' ? 120_000 : 60_000);
      const title = `Fault ${fault} ${Date.now()}`;
      await signIn(page, USERS.megan, TR);
      const injection = await inject(
        page,
        fault,
        TR_REJECTIONS,
        (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/technical-requests',
      );
      await page.getByRole('radio', { name: 'Deployment' }).check();
      await page.getByRole('radio', { name: 'Hybrid' }).check();
      await page.getByLabel('Case title').fill(title);
      await page.getByLabel('Case description').fill('Fault injection: the draft must survive.');
      await page.getByRole('checkbox', { name: 'Azure Arc' }).check();
      await page.getByLabel('Phone number').fill('+31 20 123 4567');
      await page.getByLabel('Country or region').selectOption('NL');

      await provoke(page, context, fault, injection, () => page.getByRole('button', { name: 'Submit request' }).click());
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      if (fault === '401') {
        await expect(page.getByRole('status').filter({ hasText: MESSAGES['401'] })).toBeVisible();
      } else if (fault === '409/412') {
        await expect(summary).toContainText(TR_REJECTIONS.conflict.message);
      } else if (fault === '422') {
        await expect(summary).toContainText(TR_REJECTIONS.invalid.message);
        await expect(page.getByLabel('Case title')).toHaveAttribute('aria-invalid', 'true');
      } else {
        await expect(summary).toContainText(MESSAGES[fault], surfaces(fault));
      }
      expectAttempts(fault, injection);
      outcome.attempts = injection.attempts.length;
      await recover(page, context, fault, injection);

      await page.reload();
      await expect(page.getByText('We restored the unsent draft you started on this device.')).toBeVisible();
      await expect(page.getByLabel('Case title')).toHaveValue(title);
      await expect(page.getByRole('checkbox', { name: 'Azure Arc' })).toBeChecked();
      await expect(page.getByLabel('Phone number')).toHaveValue('+31 20 123 4567');

      await page.getByRole('button', { name: 'Submit request' }).click();
      await expect(page.getByRole('heading', { name: /^Request submitted: case / })).toBeVisible();
      const records = await requestsTitled(page, title);
      expect(records, 'exactly one request filed').toBe(1);
      outcome.records = records;
    });
  }
});

// ------------------------------------------------------------- activation ---

interface Candidate {
  id: string;
  name: string;
  tab: string;
}
const usedBenefits = new Set<string>();

/** A benefit the server would activate now (sales and marketing ones need a marketing contact). */
async function activationCandidate(page: Page): Promise<Candidate> {
  for (const [category, tab] of [
    ['sales_marketing', SM],
    ['technical', '/benefits/technical'],
  ]) {
    const list = await (await page.request.get(`/api/v1/benefits?category=${category}&status=available`)).json();
    for (const item of list.benefits as { benefit: { id: string }; name: string }[]) {
      const id = item.benefit.id;
      if (usedBenefits.has(id)) continue;
      const detail = await (await page.request.get(`/api/v1/benefits/${id}`)).json();
      if (detail.can_activate) {
        usedBenefits.add(id);
        return { id, name: item.name, tab };
      }
    }
  }
  throw new Error('no activatable benefit left');
}

async function activations(page: Page, id: string) {
  const detail = await (await page.request.get(`/api/v1/benefits/${id}`)).json();
  return (detail.benefit.history as { to: string }[]).filter((h) => h.to === 'activated').length;
}

const ACTIVATION_REJECTIONS: Rejections = {
  conflict: { status: 409, code: 'idempotency_request_in_progress', message: TR_REJECTIONS.conflict.message },
  invalid: { errors: [], message: 'The benefit could not be activated. Reload the page and try again.' },
};

test.describe('fault matrix: benefit activation', () => {
  for (const fault of FAULTS) {
    test(`Activation × ${fault}`, async ({ page, context }) => {
      test.setTimeout(fault === 'timeout' ? 120_000 : 60_000);
      await signIn(page, USERS.megan, '/');
      const target = await activationCandidate(page);
      await page.goto(target.tab);
      const injection = await inject(
        page,
        fault,
        ACTIVATION_REJECTIONS,
        (r) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/v1/benefits/${target.id}/activation`,
      );
      const row = () => page.locator('tbody.benefit-row-group').filter({ has: page.locator(`#benefit-${target.id}-name`) });
      const openConfirmation = async () => {
        await row().getByRole('button', { name: 'Activate' }).click();
        await expect(confirm).toBeVisible();
      };
      // Named by the localized benefit name, which the row shows.
      const confirm = page.getByRole('dialog', { name: /^Activate .+\?$/ });
      await expect(page.locator('.benefit-table')).toBeVisible();
      await openConfirmation();

      await provoke(page, context, fault, injection, () => confirm.getByRole('button', { name: 'Activate' }).click());
      if (fault === '401') {
        await expect(page.getByRole('status').filter({ hasText: MESSAGES['401'] })).toBeVisible();
      } else if (fault === '422') {
        await expect(page.locator('.benefit-blocked')).toContainText(ACTIVATION_REJECTIONS.invalid.message);
      } else {
        const sentence = fault === '409/412' ? ACTIVATION_REJECTIONS.conflict.message : MESSAGES[fault];
        await expect(confirm.getByRole('alert')).toHaveText(`The benefit was not activated. ${sentence}`, surfaces(fault));
      }
      expectAttempts(fault, injection);
      outcome.attempts = injection.attempts.length;
      await recover(page, context, fault, injection);

      // Retry: in the same dialog (same key) while it is open, else from the row again.
      if (await confirm.isVisible()) {
        await confirm.getByRole('button', { name: 'Activate' }).click();
      } else {
        if (fault === '401') await page.reload();
        await expect(page.locator('.benefit-table')).toBeVisible();
        await openConfirmation();
        await confirm.getByRole('button', { name: 'Activate' }).click();
      }
      await expect(page.locator('.benefit-announcer')).toContainText('Activated.');
      await page.reload();
      await expect(row().locator('.benefit-row .status-badge')).toHaveText('Activated');
      const records = await activations(page, target.id);
      expect(records, 'exactly one activation in the history').toBe(1);
      outcome.records = records;
    });
  }
});

// ---------------------------------------------------------- tenant wizard ---

const FABRIKAM = 'fabrikam.onmicrosoft.com';
const TENANT_ADMIN = 'admin@fabrikam.onmicrosoft.com';
const TENANT_PASSWORD = 'Fabrikam-Tenant-2026';
const apiKey = () => `e2e-faults-${Date.now()}-${Math.random().toString(36).slice(2)}`;

async function fabrikamAssociations(request: APIRequestContext, auth: Record<string, string>) {
  const list = await (await request.get('/api/v1/tenants', { headers: auth })).json();
  return { version: list.version as number, count: list.tenants.filter((t: { domain: string }) => t.domain === FABRIKAM).length as number };
}

async function removeFabrikam(request: APIRequestContext) {
  const auth = await signInThroughApi(request);
  const { version, count } = await fabrikamAssociations(request, auth);
  if (count === 0) return;
  const response = await request.delete(`/api/v1/tenants/${FABRIKAM}`, {
    headers: { ...auth, 'Idempotency-Key': apiKey(), 'If-Match': `"${version}"` },
  });
  expect(response.status()).toBe(200);
}

/**
 * Part 4: every place in the browser a password could linger — Web Storage,
 * IndexedDB, Cache Storage, cookies visible to script, the URL, history state,
 * the DOM (text, attributes and input values, error messages included).
 */
async function expectPasswordNowhere(page: Page, password: string, when: string) {
  const traces = await page.evaluate(async () => {
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    const idb: string[] = [];
    for (const info of databases) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => resolve([]);
        });
        idb.push(JSON.stringify(all));
      }
      db.close();
    }
    const cacheNames = 'caches' in window ? await caches.keys() : [];
    return {
      localStorage: JSON.stringify({ ...localStorage }),
      sessionStorage: JSON.stringify({ ...sessionStorage }),
      indexedDB: idb.join('\n'),
      caches: cacheNames.join(','),
      cookie: document.cookie,
      url: location.href,
      history: JSON.stringify(history.state ?? null),
      dom: document.documentElement.outerHTML,
      inputs: Array.from(document.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value).join('\n'),
    };
  });
  for (const [where, text] of Object.entries(traces)) {
    expect(text.includes(password), `password in ${where} ${when}`).toBe(false);
  }
}

const WIZARD_REJECTIONS: Rejections = {
  conflict: { status: 412, code: 'version_mismatch', message: 'Someone else changed the tenant list in the meantime.' },
  invalid: {
    errors: [{ field: 'username', code: 'email_invalid' }],
    message: 'User name: Enter an email address like name@example.com.',
  },
};

test.describe('fault matrix: tenant wizard', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeEach(async ({ request }) => removeFabrikam(request));
  test.afterAll(async ({ request }) => removeFabrikam(request));

  for (const fault of FAULTS) {
    test(`Tenant wizard × ${fault}`, async ({ page, context, request }) => {
      test.setTimeout(fault === 'timeout' ? 120_000 : 60_000);
      // 409/412 hits the confirmation (the If-Match write); the rest the credentials check.
      const onConfirm = fault === '409/412';
      await signIn(page, USERS.megan, '/settings/tenants/associate');
      const injection = await inject(page, fault, WIZARD_REJECTIONS, (r) => {
        const p = new URL(r.url()).pathname;
        return r.method() === 'POST' && (onConfirm ? p.endsWith('/confirm') : p === '/api/v1/tenants/associations');
      });
      const username = page.getByLabel('User name');
      const password = page.getByLabel('Password', { exact: true });
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await page.getByLabel('Tenant domain', { exact: true }).fill(FABRIKAM);
      await page.getByRole('button', { name: 'Next' }).click();
      await username.fill(TENANT_ADMIN);
      await password.fill(TENANT_PASSWORD);
      const submitCredentials = () => page.getByRole('button', { name: 'Submit' }).click();
      const confirmAssociation = () => page.getByRole('button', { name: 'Confirm association' }).click();

      if (onConfirm) {
        await submitCredentials();
        await expect(page.getByRole('heading', { name: /Step 3 of 4: Review/ })).toBeVisible();
        await provoke(page, context, fault, injection, confirmAssociation);
        await expect(page.getByRole('alert').filter({ hasText: WIZARD_REJECTIONS.conflict.message })).toBeVisible();
      } else {
        await provoke(page, context, fault, injection, submitCredentials);
        if (fault === '401') {
          await expect(page.getByRole('status').filter({ hasText: MESSAGES['401'] })).toBeVisible();
        } else if (fault === '422') {
          await expect(summary).toContainText(WIZARD_REJECTIONS.invalid.message);
        } else {
          await expect(summary).toContainText(MESSAGES[fault], surfaces(fault));
        }
      }
      expectAttempts(fault, injection);
      outcome.attempts = injection.attempts.length;
      await expectPasswordNowhere(page, TENANT_PASSWORD, `after ${fault}`);
      await recover(page, context, fault, injection);

      // A reload resumes where it was: entries kept, the password asked again.
      await page.reload();
      if (onConfirm) {
        await expect(page.getByRole('heading', { name: /Step 3 of 4: Review/ })).toBeVisible();
      } else {
        await expect(page.getByRole('heading', { name: /Step 2 of 4/ })).toBeVisible();
        await expect(page.locator('main')).toContainText(FABRIKAM);
        await expect(username).toHaveValue(TENANT_ADMIN);
        await expect(password).toHaveValue('');
        await password.fill(TENANT_PASSWORD);
        await submitCredentials();
        await expect(page.getByRole('heading', { name: /Step 3 of 4: Review/ })).toBeVisible();
      }
      await expectPasswordNowhere(page, TENANT_PASSWORD, `at the review after ${fault}`);
      await confirmAssociation();
      await expect(page.getByRole('heading', { name: /Step 4 of 4: Done/ })).toBeVisible();
      await expectPasswordNowhere(page, TENANT_PASSWORD, `when done after ${fault}`);
      const { count } = await fabrikamAssociations(request, await signInThroughApi(request));
      expect(count, 'exactly one association').toBe(1);
      outcome.records = count;
    });
  }
});

// ------------------------------------------------------------------ reads ---

test.describe('reads: retried with backoff, resumed after offline', () => {
  test('a read retries transient failures: two 503s then the answer, with no message', async ({ page }) => {
    await signIn(page, USERS.megan, '/');
    const seen: number[] = [];
    await page.route('**/api/v1/technical-requests', (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      seen.push(Date.now());
      return seen.length <= 2
        ? route.fulfill({ status: 503, contentType: 'application/problem+json', body: problemBody(503, 'service_unavailable') })
        : route.continue();
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Technical requests' }).click();
    await expect(page.locator('main h1')).toHaveText('Request technical assistance');
    await expect(page.locator('.tr-list')).toBeVisible();
    await expect.poll(() => seen.length).toBe(3);
    await expect(page.getByRole('alert').filter({ hasText: 'busy' })).toHaveCount(0);
  });

  test('a read that keeps failing says so, and Try again works', async ({ page }) => {
    await signIn(page, USERS.megan, '/');
    let failing = true;
    let attempts = 0;
    await page.route('**/api/v1/rewards/overview', (route) => {
      if (!failing) return route.continue();
      attempts++;
      return route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' });
    });
    await page.reload();
    await expect(page.getByRole('alert')).toContainText('The service is busy right now. Nothing you entered is lost; try again in a moment.');
    expect(attempts).toBe(3);
    failing = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.locator('main')).toContainText('Contoso Software Ltd');
  });

  test('offline: the banner shows, reads wait, and resume by themselves when back online', async ({ page, context }) => {
    await signIn(page, USERS.megan, '/');
    await context.setOffline(true);
    const banner = page.locator('.connectivity').filter({ hasText: OFFLINE_BANNER });
    await expect(banner).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).click();
    await expect(page.locator('main .status--loading').first()).toBeVisible();
    await page.waitForTimeout(1_000);
    // Still waiting, no error: nothing failed, the connection is just away.
    await expect(page.locator('main .status--loading').first()).toBeVisible();
    await expect(page.locator('main .notice--error')).toHaveCount(0);
    await context.setOffline(false);
    await expect(page.locator('.connectivity').filter({ hasText: ONLINE_BANNER })).toBeVisible();
    await expect(page.locator('.tenants-table')).toContainText('contoso.onmicrosoft.com');
  });
});
