// A small W3C WebDriver client (https://www.w3.org/TR/webdriver2/) over fetch, enough for the
// journey smoke in Firefox (geckodriver) and WebKit (WebKitWebDriver). Playwright cannot drive
// Debian's builds of these engines, and a library such as selenium-webdriver would bring a
// driver manager that tries to download drivers; this speaks the protocol directly instead.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const KEYS = { ESCAPE: '\uE00C' };

/** Starts a driver process on a loopback port and waits until it answers `/status`. */
export async function startDriver({ command, args, port, env }) {
  // A process group of its own, so that stopping it also ends Xvfb and the browser.
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, detached: true });
  // What the driver and its browser print (Firefox writes the pages' console there when asked).
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}): ${output.slice(-4000)}`);
    try {
      const status = await fetch(`${url}/status`);
      if (status.ok) return { url, stop: () => stopProcess(child), output: () => output };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  stopProcess(child);
  throw new Error(`${command} did not answer on ${url}: ${output.slice(-4000)}`);
}

export async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // Drivers under xvfb-run are process groups of their own.
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  await Promise.race([once(child, 'exit'), sleep(5000)]);
}

export class WebDriverError extends Error {}

/** One browser session. Element references are plain objects `{ [ELEMENT]: id }`. */
export class Session {
  static async create(driverUrl, capabilities) {
    const answer = await call(driverUrl, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(driverUrl, answer.sessionId, answer.capabilities);
  }

  constructor(driverUrl, id, capabilities) {
    this.base = `${driverUrl}/session/${id}`;
    this.capabilities = capabilities;
  }

  cmd(method, path, body) {
    return call(this.base, method, path, body);
  }

  quit() {
    return call(this.base, 'DELETE', '', undefined).catch(() => {});
  }

  setTimeouts(timeouts) {
    return this.cmd('POST', '/timeouts', timeouts);
  }

  setWindowRect(rect) {
    return this.cmd('POST', '/window/rect', rect);
  }

  navigate(url) {
    return this.cmd('POST', '/url', { url });
  }

  url() {
    return this.cmd('GET', '/url');
  }

  refresh() {
    return this.cmd('POST', '/refresh', {});
  }

  click(element) {
    return this.cmd('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  clear(element) {
    return this.cmd('POST', `/element/${element[ELEMENT]}/clear`, {});
  }

  type(element, text) {
    return this.cmd('POST', `/element/${element[ELEMENT]}/value`, { text });
  }

  /** Key presses sent to whatever has focus (the way a person types). */
  pressKeys(text) {
    const actions = [...text].flatMap((key) => [
      { type: 'keyDown', value: key },
      { type: 'keyUp', value: key },
    ]);
    return this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  switchToFrame(element) {
    return this.cmd('POST', '/frame', { id: element });
  }

  switchToTop() {
    return this.cmd('POST', '/frame', { id: null });
  }

  screenshot() {
    return this.cmd('GET', '/screenshot');
  }
}

async function call(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const { error, message } = answer.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${error ?? response.status}: ${message ?? ''}`.trim());
  }
  return answer.value;
}

/** Polls `probe` until it returns a truthy value (returned) or `timeoutMs` passes (throws). */
export async function waitFor(what, probe, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last?.message ?? JSON.stringify(last)})`);
    await sleep(100);
  }
}
