// The portal's journeys in Firefox and in WebKit (Safari's engine), over WebDriver, against the
// release build served by the reference server — the smoke that tests/e2e (Chromium, Playwright)
// covers in depth. Run: `node --test tests/engines/` (ENGINES=firefox or webkit for one engine).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { App, USERS } from './app.mjs';
import { selectedEngines } from './engines.mjs';
import { startServers } from './servers.mjs';
import { Session, startDriver } from './webdriver.mjs';

const CASE_NUMBER = /^TR-\d{4}-\d{6}$/;
let servers;

before(async () => {
  servers = await startServers();
});
after(async () => {
  await servers?.stop();
});

selectedEngines().forEach((engine, index) => {
  describe(engine.name, () => {
    let driver;
    let session;
    let app;

    before(async () => {
      driver = await startDriver(engine.driver(4450 + index));
      session = await Session.create(driver.url, engine.capabilities());
      await session.setTimeouts({ script: 30_000, pageLoad: 60_000, implicit: 0 });
      await session.setWindowRect({ width: 1280, height: 1000 });
      app = new App(session, servers.appOrigin);
    });

    /** A test that leaves a screenshot in test-results/engines/ when it fails. */
    const journey = (name, fn) =>
      test(name, async () => {
        try {
          await fn();
        } catch (error) {
          const dir = new URL('../../test-results/engines/', import.meta.url);
          mkdirSync(dir, { recursive: true });
          const file = `${engine.id}-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`;
          await session.screenshot().then((png) => writeFileSync(new URL(file, dir), Buffer.from(png, 'base64')), () => {});
          throw error;
        }
      });

    after(async () => {
      await session?.quit();
      await driver?.stop();
    });

    journey('the prerendered shell paints first, in the language and theme asked for, then the app takes its place', async () => {
      await app.open('/');
      // A frame of the app watched from its parent, every 2 ms, until the app has mounted.
      const seen = await session.cmd('POST', '/execute/async', {
        script: `const done = arguments[arguments.length - 1];
          localStorage.removeItem('rewards.locale');
          const frame = document.createElement('iframe');
          frame.src = './?lang=fr&theme=dark';
          frame.title = 'shell check';
          let shell = null;
          const poll = () => {
            const doc = frame.contentDocument;
            const held = doc && doc.getElementById('prerendered-shell');
            if (held && !shell) {
              const root = doc.documentElement;
              const status = held.querySelector('main [role=status]').textContent.trim();
              shell = { lang: root.lang, theme: root.getAttribute('data-theme'), status };
            }
            if (doc && doc.querySelector('body > .shell')) {
              const mains = doc.querySelectorAll('#main').length;
              frame.remove();
              return done({ shell, mains, left: !!doc.getElementById('prerendered-shell') });
            }
            setTimeout(poll, 2);
          };
          document.body.append(frame);
          poll();`,
        args: [],
      });
      const loading = JSON.parse(readFileSync(new URL('../../locales/fr/common.json', import.meta.url))).status.loading;
      assert.deepEqual(seen, { shell: { lang: 'fr', theme: 'dark', status: loading }, mains: 1, left: false });
    });

    journey('the language switch translates the page, sets <html lang> and is remembered', async () => {
      await app.open('/');
      assert.equal(await app.heading(), 'Sign in');
      await app.select('Language', 'Svenska');
      await app.textOf('main h1', 'Logga in');
      assert.equal(await app.query(() => document.documentElement.lang), 'sv');
      await session.refresh();
      await app.textOf('main h1', 'Logga in');
      await app.select('Språk', 'English');
      await app.textOf('main h1', 'Sign in');
    });

    journey('sign-in leads to the overview with the demo figures', async () => {
      await app.signIn(USERS.megan);
      await app.textOf('[data-testid=overview-tier]', '$50K');
      await app.textOf('[data-testid=overview-sales]', '$61,500');
      await app.textOf('[data-testid=overview-shortfall]', '$38,500 to go to $100K');
      assert.equal(await app.heading(), 'Rewards overview');
    });

    journey('the main wasm is downloaded once and the import map is in force', async () => {
      await app.open('/');
      const wasm = await app.query(() =>
        performance.getEntriesByType('resource').map((e) => e.name).filter((name) => /_bg\.wasm$/.test(name)),
      );
      assert.equal(wasm.length, 1, `one download of the main wasm: ${wasm}`);
      // Firefox ignores a map added after a module fetch started, and with it the SRI entries.
      const order = await app.query(() =>
        [...document.head.querySelectorAll('script[type=importmap], link[rel=modulepreload], script[type=module]')].map(
          (el) => el.getAttribute('type') ?? el.getAttribute('rel'),
        ),
      );
      assert.equal(order[0], 'importmap', `the import map comes before every module: ${order}`);
    });

    journey('both benefit tabs show their tables', async () => {
      await app.open('/benefits/sales-marketing');
      await app.until('the benefits table', () => shown(document.querySelector('.benefit-table')));
      await app.clickButton('Technical benefits');
      await app.until('the technical tab', () => location.pathname.endsWith('/benefits/technical'));
      await app.until('the technical table', () =>
        document.querySelector('[role=tab][aria-selected=true]')?.textContent.includes('Technical') &&
        shown(document.querySelector('.benefit-table')),
      );
    });

    journey('the Assign user dialog: Escape from the search field, a validation error, then a save', async () => {
      await app.open('/benefits/sales-marketing');
      const panel = 'section.contact-panel';
      const dialog = 'dialog[open]';
      // One frame after it opens the dialog moves focus inside (to its first field, or to Cancel
      // while the users still load); typing before that would be interrupted.
      const openDialog = async () => {
        await app.clickButton('Add, update, or change', panel);
        await app.until('focus placed inside the dialog', () => {
          const open = document.querySelector('dialog[open]');
          return !!open && open !== document.activeElement && open.contains(document.activeElement);
        });
        await app.field('Search users', dialog);
      };
      await openDialog();
      const search = await app.field('Search users', dialog);
      await app.s.click(search);
      await app.s.type(search, 'wil');
      await app.until('the search text in the field', (field) => field.value === 'wil', search);
      await app.until('focus in the search field', (field) => document.activeElement === field, search);
      await app.pressEscape();
      await app.until('the dialog to close on Escape', () => !document.querySelector('dialog[open]'));
      await app.focusedMatches('focus back on the opener', /Add, update, or change/);

      await openDialog();
      const add = await app.query(() => [...document.querySelectorAll('dialog[open] label')].some((l) => /Add another contact/.test(l.textContent)));
      if (add) await app.check(/^Add another contact/, dialog);
      await app.check(/Alex Wilber/, dialog);
      await app.fill('Email', 'PartnerCenter@contoso.example', dialog);
      await app.fill('Phone', '020 123 4567', dialog);
      await app.select('Preferred language', 'Dutch', dialog);
      await app.clickButton('Assign user', dialog);
      await app.until('the error summary with focus', () => {
        const alert = document.activeElement;
        return alert?.getAttribute('role') === 'alert' && /There is a problem/.test(alert.textContent);
      });
      assert.equal(await app.query(() => byLabel('Phone', 'dialog[open]').getAttribute('aria-invalid')), 'true');

      await app.fill('Email', 'alex.engines@contoso.example', dialog);
      await app.fill('Phone', '+31 20 123 4567', dialog);
      await app.clickButton('Assign user', dialog);
      await app.until('the dialog to close after saving', () => !document.querySelector('dialog[open]'));
      await app.textOf('section.contact-panel [role=status]', 'Alex Wilber is now a marketing contact.');
      await app.until('the new contact card', () =>
        [...document.querySelectorAll('.contact-card')].some((c) => c.textContent.includes('alex.engines@contoso.example')),
      );
    });

    journey('activating a technical benefit asks first, then confirms', async () => {
      await app.open('/benefits/technical');
      await app.until('the technical table', () => shown(document.querySelector('.benefit-table')));
      const activate = await app.until('an enabled Activate button', () =>
        [...document.querySelectorAll('tbody.benefit-row-group button')].find((b) => norm(b.textContent) === 'Activate' && !b.disabled),
      );
      const name = await app.query((b) => norm(b.closest('tbody').querySelector('.benefit-row__name').textContent), activate);
      await app.click(activate);
      const title = await app.until('the confirmation dialog', () => norm(document.querySelector('dialog[open] h2')?.textContent));
      assert.equal(title, `Activate ${name}?`);
      await app.clickButton('Activate', 'dialog[open]');
      await app.textOf('.benefit-announcer', 'Activated. A member of the Rewards team will contact you within a week.');
      await app.until('the dialog to close', () => !document.querySelector('dialog[open]'));
    });

    journey('the technical request: error summary, then a submitted case number', async () => {
      await app.open('/technical-requests/new');
      await app.clickButton('Submit request');
      await app.until('the focused error summary', () => {
        const el = document.activeElement;
        return el?.getAttribute('role') === 'alert' && /There is a problem/.test(el.textContent);
      });
      await app.check(/^Deployment$/);
      await app.check(/^Hybrid$/);
      await app.fill('Case title', `Engine request ${Date.now()}`);
      await app.fill('Case description', 'Rolling out to Azure Arc. Best time: mornings CET.');
      await app.check(/^Azure Arc$/);
      await app.fill('Phone number', '+31 20 123 4567');
      await app.select('Country or region', 'NL');
      await app.clickButton('Submit request');
      const caseNumber = await app.until('the case number', () => {
        const heading = document.activeElement;
        return /^Request submitted: case /.test(norm(heading?.textContent)) ? norm(document.querySelector('.tr-confirmation__case')?.textContent) : null;
      });
      assert.match(caseNumber, CASE_NUMBER);
    });

    journey('the tenant wizard reaches its review step', async () => {
      await app.open('/settings/tenants/associate');
      await app.textOf('main h2', /^Step 1 of 4: Tenant domain/);
      await app.fill('Tenant domain', 'fabrikam.onmicrosoft.com');
      await app.clickButton('Next');
      await app.textOf('main h2', /^Step 2 of 4: Sign-in details/);
      await app.fill('User name', 'admin@fabrikam.onmicrosoft.com');
      await app.fill('Password', 'Fabrikam-Tenant-2026');
      await app.clickButton('Submit');
      await app.textOf('main h2', /^Step 3 of 4: Review/);
      assert.match(await app.query(() => norm(document.querySelector('main').textContent)), /Fabrikam, Inc\./);
      // The password is gone from the page once it has been sent.
      assert.equal(await app.query(() => document.documentElement.outerHTML.includes('Fabrikam-Tenant-2026')), false);
    });

    journey('a deep link survives a reload', async () => {
      await app.open('/benefits/technical');
      await session.refresh();
      await app.until('the technical tab after a reload', () =>
        document.querySelector('[role=tab][aria-selected=true]')?.textContent.includes('Technical') &&
        shown(document.querySelector('.account__name')),
      );
      assert.match(await session.url(), /\/benefits\/technical$/);
    });

    journey('embedded in a host page on another origin: ready, init, signed in by token', async () => {
      await app.signOut();
      await session.navigate(`${servers.hostOrigin}/`);
      const host = new App(session, servers.hostOrigin);
      await host.select('Signed-in portal user', USERS.megan);
      await host.clickButton('Load the app');
      const frame = await host.until('the app frame', () => document.querySelector('iframe#app'));
      await host.until('the handshake', () => {
        const types = (window.rewardsHost?.log ?? []).map((l) => `${l.direction}:${l.message.type}`);
        return types[0] === 'in:ready' && types[1] === 'out:init' && types.includes('in:navigate');
      });
      await session.switchToFrame(frame);
      try {
        await host.until('the signed-in app in the frame', () => norm(document.querySelector('.account__name')?.textContent) === 'Megan Bowen');
        assert.equal(await host.query(() => document.documentElement.hasAttribute('data-embedded')), true);
        assert.equal(await host.query(() => !!byName('button', 'Sign out')), false);
      } finally {
        await session.switchToTop();
      }
    });

    journey('no page reported a script error or a blocked resource', () => {
      // Firefox writes the pages' console to the driver's output (engines.mjs); WebKit does not.
      // Lines about the browser's own modules (resource://, chrome://) are not the app's.
      const problems = driver
        .output()
        .split('\n')
        .filter((line) => /JavaScript error|Content-Security-Policy|console\.error/i.test(line))
        .filter((line) => !/resource:\/\/|chrome:\/\/|RSLoader/.test(line));
      assert.deepEqual(problems, []);
    });
  });
});
