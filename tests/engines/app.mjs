// The portal as a person uses it, over WebDriver: find things by their label or name, click,
// type, and wait for what the page shows. The queries run in the page (the same lookups in
// every engine); clicks and keys go through the driver, so each engine handles real input.
import { KEYS, waitFor } from './webdriver.mjs';

export const PASSWORD = 'Rewards-Demo-2026';
export const USERS = {
  megan: 'megan@contoso.example',
  lee: 'lee@fabrikam.example',
};
export const WAIT_MS = Number(process.env.ENGINES_WAIT_MS ?? 15_000);

/** Lookups defined in the page before each query. */
const PAGE_HELPERS = `
const norm = (s) => (s ?? '').replace(/\\s+/g, ' ').trim();
const shown = (el) => !!el && el.getClientRects().length > 0;
const scope = (root) => (typeof root === 'string' ? document.querySelector(root) : root) ?? document;
const byLabel = (text, root) => {
  for (const label of scope(root).querySelectorAll('label')) {
    const name = norm(label.textContent);
    if (name === text || name.startsWith(text + ' ')) {
      const control = label.control ?? document.getElementById(label.htmlFor);
      if (control) return control;
    }
  }
  return null;
};
const byName = (selector, text, root) =>
  [...scope(root).querySelectorAll(selector)].find(
    (el) => shown(el) && (norm(el.textContent) === text || el.getAttribute('aria-label') === text),
  ) ?? null;
`;

export class App {
  constructor(session, origin) {
    this.s = session;
    this.origin = origin;
  }

  /** Runs `fn` in the page with the lookups above in scope. */
  query(fn, ...args) {
    return this.s.cmd('POST', '/execute/sync', { script: `${PAGE_HELPERS}\nreturn (${fn}).apply(null, arguments);`, args });
  }

  until(what, fn, ...args) {
    return waitFor(what, () => this.query(fn, ...args), WAIT_MS);
  }

  async open(path) {
    await this.s.navigate(new URL(path, this.origin).href);
    await this.headingShown();
  }

  headingShown() {
    return this.until('a page heading', () => shown(document.querySelector('main h1')));
  }

  heading() {
    return this.query(() => norm(document.querySelector('main h1')?.textContent));
  }

  /** The text of the first element matching `css` once it shows `expected` (string or RegExp source). */
  async textOf(css, expected) {
    const pattern = expected instanceof RegExp ? expected.source : null;
    return this.until(
      `${css} to show ${expected}`,
      (sel, text, source) => {
        const el = document.querySelector(sel);
        const value = shown(el) ? norm(el.textContent) : null;
        if (value === null) return null;
        return (source ? new RegExp(source).test(value) : value === text) ? value : null;
      },
      css,
      pattern ? null : expected,
      pattern,
    );
  }

  field(label, root = null) {
    return this.until(`the field "${label}"`, (text, r) => byLabel(text, r), label, root);
  }

  button(name, root = null) {
    return this.until(`the button "${name}"`, (text, r) => byName('button, a, [role=tab]', text, r), name, root);
  }

  /** Brings `element` into view first, as a person scrolls to it (WebKit's driver does not
   * scroll inside a scrolling dialog body, and calls a field under the dialog's footer
   * "not interactable"). */
  async reveal(element) {
    await this.query((el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }), element);
  }

  async click(element) {
    await this.reveal(element);
    await this.s.click(element);
  }

  async clickButton(name, root = null) {
    await this.click(await this.button(name, root));
  }

  async fill(label, text, root = null) {
    const field = await this.field(label, root);
    await this.reveal(field);
    await this.s.clear(field);
    if (text) await this.s.type(field, text);
    return field;
  }

  /** Chooses a radio button or checkbox by clicking its label, as a person does. */
  async check(labelPattern, root = null) {
    const label = await this.until(
      `the choice ${labelPattern}`,
      (source, r) => [...scope(r).querySelectorAll('label')].find((l) => shown(l) && new RegExp(source).test(norm(l.textContent))),
      labelPattern.source,
      root,
    );
    await this.click(label);
  }

  /** Picks an option of the select labelled `label` by clicking it. */
  async select(label, optionText, root = null) {
    const field = await this.field(label, root);
    await this.click(field);
    const option = await this.until(
      `the option ${optionText}`,
      (select, text) => [...select.options].find((o) => norm(o.textContent) === text || o.value === text),
      field,
      optionText,
    );
    await this.click(option);
    await this.until(`${label} to be ${optionText}`, (select, o) => select.value === o.value, field, option);
    // Close the picker popup if the engine left one open.
    await this.query((select) => select.blur(), field);
  }

  /** The focused element's text or label, once it matches `pattern`. */
  focusedMatches(what, pattern) {
    return this.until(
      what,
      (source) => {
        const el = document.activeElement;
        const text = norm(el?.textContent) || el?.getAttribute('aria-label') || el?.id || '';
        return el && el !== document.body && new RegExp(source).test(text) ? text : null;
      },
      pattern.source,
    );
  }

  async signIn(email, path = '/') {
    await this.open(path);
    await this.fill('Email address', email);
    await this.fill('Password', PASSWORD);
    await this.click(await this.until('the sign-in button', () => document.querySelector('main form button[type=submit]')));
    await this.until('the signed-in shell', () => shown(document.querySelector('.account__name')));
  }

  async signOut() {
    const button = await this.query(() => byName('button', 'Sign out'));
    if (button) {
      await this.click(button);
      await this.until('signed out', () => !document.querySelector('.account__name'));
    }
  }

  pressEscape() {
    return this.s.pressKeys(KEYS.ESCAPE);
  }
}
