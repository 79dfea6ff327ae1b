#!/usr/bin/env node
// The demo host portal: a page on another origin that frames the Rewards app
// and shows the postMessage protocol at work. Not part of dist/.
//
//   node host/serve.mjs --port 8182 --app http://127.0.0.1:8080/
//
// Like a real host, it obtains bearer tokens server-side (here: signing in a
// demo user against the app's API), so the page itself never sees a password.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (i % 2 === 0 ? [...pairs, [arg.replace(/^--/, ''), all[i + 1]]] : pairs), []),
);
const port = Number(args.port ?? 8182);
const bind = args.bind ?? '127.0.0.1';
const appUrl = new URL(args.app ?? 'http://127.0.0.1:8080/');
const apiBase = new URL(args.api ?? '/api/v1/', appUrl);
// Demo accounts only: every seeded user shares this password (README).
const DEMO_PASSWORD = process.env.REWARDS_DEMO_PASSWORD ?? 'Rewards-Demo-2026';
const here = dirname(fileURLToPath(import.meta.url));
const files = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/host.js': ['host.js', 'text/javascript; charset=utf-8'],
  '/host.css': ['host.css', 'text/css; charset=utf-8'],
  '/sibling.html': ['sibling.html', 'text/html; charset=utf-8'],
};
const securityHeaders = {
  // The app, and the host's own widgets (tests frame /sibling.html from two origins).
  'Content-Security-Policy': `default-src 'self'; frame-src ${appUrl.origin} http://localhost:${port} http://127.0.0.1:${port}; img-src 'self' data:; object-src 'none'; base-uri 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cache-Control': 'no-store',
};

async function api(method, path, { token, body } = {}) {
  const headers = { Accept: 'application/json', 'Idempotency-Key': randomUUID() };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path, apiBase), { method, headers, body: body && JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function readJson(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('too large');
  }
  return body ? JSON.parse(body) : {};
}

function send(res, status, type, body) {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': type });
  res.end(body);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://host.invalid');
  try {
    if (req.method === 'GET' && files[url.pathname]) {
      const [name, type] = files[url.pathname];
      return send(res, 200, type, readFileSync(join(here, name)));
    }
    if (req.method === 'GET' && url.pathname === '/host-config.json') {
      return send(res, 200, 'application/json', JSON.stringify({ appUrl: appUrl.href }));
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      const { email } = await readJson(req);
      const result = await api('POST', 'session', { body: { email, password: DEMO_PASSWORD } });
      if (result.status !== 200 && result.status !== 201) return send(res, 401, 'application/json', JSON.stringify({ error: 'sign-in failed' }));
      return send(res, 200, 'application/json', JSON.stringify({ token: result.json.token }));
    }
    if (req.method === 'POST' && url.pathname === '/revoke') {
      const { token } = await readJson(req);
      const result = await api('DELETE', 'session', { token });
      return send(res, 200, 'application/json', JSON.stringify({ status: result.status }));
    }
    send(res, 404, 'text/plain; charset=utf-8', 'not found');
  } catch (error) {
    send(res, 500, 'text/plain; charset=utf-8', 'host error');
  }
});
server.listen(port, bind, () => console.log(`demo host on http://${bind}:${port}/ framing ${appUrl.href}`));
