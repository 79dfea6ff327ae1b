// The browser engines the journeys run in besides Chromium (which tests/e2e covers):
// Firefox ESR through geckodriver, and WebKitGTK's MiniBrowser (Safari's engine) through
// WebKitWebDriver. Both are Debian packages that scripts/setup.sh installs; no tool downloads
// a browser. MiniBrowser has no headless switch, so it runs on a virtual display (xvfb-run).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

function which(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function firstExisting(paths) {
  return paths.find((p) => p && existsSync(p)) ?? null;
}

export const ENGINES = {
  firefox: {
    name: 'Firefox',
    driver(port) {
      const geckodriver = process.env.GECKODRIVER ?? which('geckodriver') ?? join(homedir(), '.cargo/bin/geckodriver');
      return { command: geckodriver, args: ['--host', '127.0.0.1', '--port', String(port)], port };
    },
    capabilities() {
      return {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: process.env.FIREFOX_PATH ?? which('firefox-esr') ?? which('firefox'),
          args: ['-headless'],
          prefs: {
            // The pages' console goes to the driver's output, where the journeys look for errors.
            'devtools.console.stdout.content': true,
            'browser.shell.checkDefaultBrowser': false,
            'app.update.enabled': false,
            'network.captive-portal-service.enabled': false,
            'browser.safebrowsing.malware.enabled': false,
            'browser.safebrowsing.phishing.enabled': false,
            'extensions.update.enabled': false,
          },
        },
      };
    },
  },
  webkit: {
    name: 'WebKit',
    driver(port) {
      return { command: 'xvfb-run', args: ['-a', '-s', '-screen 0 1280x1024x24', 'WebKitWebDriver', `--port=${port}`], port };
    },
    capabilities() {
      const miniBrowser =
        process.env.MINIBROWSER_PATH ??
        firstExisting([
          '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
          '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
          '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
        ]);
      return { 'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] } };
    },
  },
};

/** The engines to run: ENGINES=firefox,webkit (default both). */
export function selectedEngines() {
  const names = (process.env.ENGINES ?? 'firefox,webkit').split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) if (!ENGINES[name]) throw new Error(`unknown engine ${name}`);
  return names.map((name) => ({ id: name, ...ENGINES[name] }));
}
