import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import vnuJar from 'vnu-jar';
import { test, expect, appReady, signIn, ROUTES, USERS } from './fixtures';

/**
 * Valid HTML: the served index.html and the rendered DOM of every route pass the W3C Nu HTML
 * checker (vnu.jar from npm, run with the machine's Java) with zero errors.
 */
function nuErrors(documents: Record<string, string>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rewards-html-'));
  try {
    const files = Object.entries(documents).map(([name, html]) => {
      const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '_') || 'root'}.html`);
      fs.writeFileSync(file, html);
      return file;
    });
    let output = '';
    try {
      execFileSync('java', ['-jar', String(vnuJar), '--errors-only', '--format', 'json', ...files], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (failure: any) {
      // Exit status 1 when it found errors; the report is on stderr.
      output = String(failure.stderr ?? '');
      if (!output.trim().startsWith('{')) throw failure;
    }
    const messages = output ? (JSON.parse(output).messages as any[]) : [];
    return messages.map((m) => `${path.basename(m.url ?? '')}:${m.lastLine}: ${m.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test.describe('valid HTML', () => {
  test('the served page and every route as rendered have no conformance errors', async ({ page }) => {
    test.setTimeout(60_000);
    const documents: Record<string, string> = {};
    documents['served index.html'] = await (await page.request.get('/')).text();
    await page.goto('/');
    await appReady(page);
    documents['sign-in'] = await page.content();
    await signIn(page, USERS.megan);
    // A technical case page (a route with a parameter, so not in ROUTES): the newest request.
    const requests = (await (await page.request.get('/api/v1/technical-requests')).json()).requests;
    const casePage = `/technical-requests/${requests[0].case_number}`;
    for (const route of [...ROUTES, casePage, '/no-such-page']) {
      await page.goto(route);
      await appReady(page);
      await expect(page.locator('.status--loading')).toHaveCount(0);
      documents[route] = await page.content();
    }
    expect(nuErrors(documents)).toEqual([]);
  });
});
