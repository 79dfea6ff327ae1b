// The servers the engine journeys run against, on loopback: the reference server serving a
// copy of the release build (its own SQLite file, so the demo data is fresh) and the demo host
// portal on another origin that frames it — the same arrangement as tests/e2e/playwright.config.ts.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { stopProcess } from './webdriver.mjs';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Two consecutive free loopback ports (another suite may be using the usual ones). */
async function freePorts() {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await listenOn(0);
    const port = first.address().port;
    first.close();
    const second = await listenOn(port + 1).catch(() => null);
    if (!second) continue;
    second.close();
    const again = await listenOn(port).catch(() => null);
    if (!again) continue;
    again.close();
    return port;
  }
  throw new Error('no two free consecutive loopback ports');
}

function listenOn(port) {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePort(server));
  });
}

export async function startServers({ port } = {}) {
  port ??= process.env.ENGINES_PORT ? Number(process.env.ENGINES_PORT) : await freePorts();
  const appOrigin = `http://127.0.0.1:${port}`;
  // Another origin on the same machine, as a host portal on its own domain would be.
  const hostOrigin = `http://localhost:${port + 1}`;
  const runDir = mkdtempSync(join(tmpdir(), 'rewards-engines-'));
  const dist = join(runDir, 'dist');
  cpSync(process.env.E2E_DIST ?? join(ROOT, 'dist'), dist, { recursive: true });
  const config = { apiBase: '/api/v1', allowedHostOrigins: [hostOrigin], defaultLocale: 'en' };
  writeFileSync(join(dist, 'config.json'), JSON.stringify(config, null, 2));

  const targetDir = process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
  const serverBin = process.env.REWARDS_SERVER_BIN ?? join(targetDir, 'debug/rewards-server');
  const children = [
    spawnQuiet(serverBin, [
      '--bind', '127.0.0.1', '--port', String(port), '--db', join(runDir, 'engines.sqlite3'),
      '--dist', dist, '--frame-ancestors', `'self' ${hostOrigin}`,
    ]),
    spawnQuiet(process.execPath, [join(ROOT, 'host/serve.mjs'), '--bind', '127.0.0.1', '--port', String(port + 1), '--app', `${appOrigin}/`]),
  ];
  try {
    await untilAnswers(`${appOrigin}/api/v1/health`, children[0]);
    await untilAnswers(`http://127.0.0.1:${port + 1}/host-config.json`, children[1]);
  } catch (error) {
    await Promise.all(children.map(stopProcess));
    throw error;
  }
  return {
    appOrigin,
    hostOrigin,
    async stop() {
      await Promise.all(children.map(stopProcess));
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

function spawnQuiet(command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.output = '';
  child.stderr.on('data', (chunk) => {
    child.output = (child.output + chunk).slice(-4000);
  });
  return child;
}

async function untilAnswers(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server for ${url} exited: ${child.output}`);
    try {
      // Ours only if it is still running: a server of another suite may hold the port.
      if ((await fetch(url)).ok && child.exitCode === null) {
        await sleep(300);
        if (child.exitCode === null) return;
      }
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer: ${child.output}`);
}
