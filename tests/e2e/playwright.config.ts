import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import {
  APP_ORIGIN,
  APP_PORT,
  CLOCK_OFFSET_DAYS,
  CLOCK_PORT,
  CLOCK_SUPPORT_TICKET,
  FRAME_ANCESTORS,
  HOST_ORIGIN,
  HOST_PORT,
  SUBPATH,
  SUBPATH_PORT,
} from './env';

// The reference server serves the release build and the API on loopback, with a
// fresh SQLite file per run so the demo data is always the same. The build is
// deployed to a temporary directory with this environment's config.json (the
// demo host's origin may embed it), exactly as an operator would deploy dist/.
const root = path.resolve(__dirname, '../..');
const baseURL = APP_ORIGIN;
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const serverBin = process.env.REWARDS_SERVER_BIN ?? path.join(targetDir, 'debug/rewards-server');
const builtDist = process.env.E2E_DIST ?? path.join(root, 'dist');
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rewards-e2e-'));
const dist = path.join(runDir, 'dist');
// The moved-clock server's deployment: the same build, its own config.json.
const clockDist = path.join(runDir, 'dist-clock');
if (!process.env.TEST_WORKER_INDEX) {
  fs.cpSync(builtDist, dist, { recursive: true });
  const config = { apiBase: '/api/v1', allowedHostOrigins: [HOST_ORIGIN], defaultLocale: 'en' };
  fs.writeFileSync(path.join(dist, 'config.json'), JSON.stringify(config, null, 2));
  fs.cpSync(builtDist, clockDist, { recursive: true });
  const clockConfig = { ...config, links: { supportTicket: CLOCK_SUPPORT_TICKET } };
  fs.writeFileSync(path.join(clockDist, 'config.json'), JSON.stringify(clockConfig, null, 2));
}
const server = (port: number, name: string, extra = '', from = dist) =>
  `"${serverBin}" --bind 127.0.0.1 --port ${port} --db "${path.join(runDir, `${name}.sqlite3`)}" ` +
  `--dist "${from}" --frame-ancestors "${FRAME_ANCESTORS}" ${extra}`;

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './specs',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: chromiumArgs,
    },
    trace: 'off',
  },
  webServer: [
    {
      command: server(APP_PORT, 'e2e'),
      url: `${baseURL}/api/v1/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The same build under a CDN-style sub-path.
      command: server(SUBPATH_PORT, 'subpath', `--base-path ${SUBPATH}`),
      url: `http://127.0.0.1:${SUBPATH_PORT}/api/v1/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The programme rules 30 days from now (a debug-only server flag).
      command: server(CLOCK_PORT, 'clock', `--clock-offset-days ${CLOCK_OFFSET_DAYS}`, clockDist),
      url: `http://127.0.0.1:${CLOCK_PORT}/api/v1/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The demo host portal, on another origin.
      command: `node "${path.join(root, 'host/serve.mjs')}" --bind 127.0.0.1 --port ${HOST_PORT} --app ${baseURL}/`,
      url: `http://127.0.0.1:${HOST_PORT}/host-config.json`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
