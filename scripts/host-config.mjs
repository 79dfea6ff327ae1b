#!/usr/bin/env node
// Makes a release build self-contained for static hosts:
//  1. joins Trunk's stylesheets into one,
//  2. adds the wasm's loader script and preloads (scripts/build-wasm.mjs wrote
//     the files), with Subresource Integrity for the JS modules (an import map)
//     and the wasm (the fetch in the loader), and
//  3. writes the hosting configuration with the same headers the reference
//     server sends: `_headers` + `_redirects` (Netlify, Cloudflare Pages),
//     `staticwebapp.config.json` (Azure Static Web Apps), `nginx-site.conf`
//     (an nginx server block) and `Caddyfile` (a Caddy site).
//
// Trunk runs it after every build (Trunk.toml post_build hook, on the staging
// directory). Re-run it for a deployment with other settings:
//   node scripts/host-config.mjs --dist dist --base-path /portal/rewards/ \
//        --frame-ancestors "'self' https://portal.example.com"
// Settings also come from REWARDS_BASE_PATH and REWARDS_FRAME_ANCESTORS.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashedName, shortHash, sri } from './asset-names.mjs';

const args = parseArgs(process.argv.slice(2));
const dist = args.dist ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const namedBase = args['base-path'] ?? process.env.REWARDS_BASE_PATH;
const basePath = normaliseBase(namedBase ?? '/');
const frameAncestors = args['frame-ancestors'] ?? process.env.REWARDS_FRAME_ANCESTORS ?? "'self'";
// Also nothing the nginx and Caddy files would read as syntax (quotes, variables, placeholders).
if (/[;,\r\n"$\\{}]/.test(frameAncestors)) fail(`invalid frame-ancestors: ${frameAncestors}`);

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';
// Top-level folders of the app's routes (deep links get index.html); tests/routes.rs checks them
// against src/paths.rs.
const ROUTE_ROOTS = ['benefits', 'technical-requests', 'insights', 'settings'];
// What an operator replaces in nginx-site.conf and the Caddyfile (docs/hosting.md).
const PLACEHOLDER_DIR = '/srv/rewards';
const PLACEHOLDER_LISTEN = 'listen 80;';
const PLACEHOLDER_SITE = 'rewards.example.com';

const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');
// This run rewrites index.html: precompressed copies of an earlier one would be served instead.
for (const ext of ['.br', '.gz']) rmSync(indexPath + ext, { force: true });
html = bundleStyles(html, dist);
html = addLoader(html, dist);
html = deferUntilBase(html);
// A deployment that names its base gets it written into the page, so that
// unknown deep paths also find the assets (same meta as the reference server).
if (namedBase !== undefined) html = withBaseMeta(html, basePath);
writeFileSync(indexPath, html);

const headers = securityHeaders(html, readConfig(dist), frameAncestors);
const hashed = readdirSync(dist).filter(isHashed).sort();
writeFileSync(join(dist, '_headers'), netlifyHeaders(headers, hashed));
writeFileSync(join(dist, '_redirects'), netlifyRedirects());
writeFileSync(join(dist, 'staticwebapp.config.json'), `${JSON.stringify(azureConfig(headers, hashed), null, 2)}\n`);
writeFileSync(join(dist, 'nginx-site.conf'), nginxSite(headers, hashed));
writeFileSync(join(dist, 'Caddyfile'), caddySite(headers, hashed));
console.log(`host-config: ${dist} (base ${basePath}, frame-ancestors ${frameAncestors}, ${hashed.length} immutable assets)`);

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) fail(`bad argument: ${argv[i]}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  return out;
}

function fail(message) {
  console.error(`host-config: ${message}`);
  process.exit(1);
}

function normaliseBase(path) {
  const segments = path.split('/').filter(Boolean);
  if (segments.some((s) => !/^[A-Za-z0-9._-]+$/.test(s) || s === '..' || s === '.')) fail(`invalid base path: ${path}`);
  return segments.length ? `/${segments.join('/')}/` : '/';
}

/// Trunk writes one stylesheet per `style/*.css`; the page gets them as one file,
/// in the same order. Each stylesheet blocks rendering, and over HTTP/1.1 each also
/// holds one of the six connections the wasm and the JS are waiting for.
function bundleStyles(page, dir) {
  const links = [...page.matchAll(/[ \t]*<link rel="stylesheet" href="\.\/([\w-]+\.css)"[^>]*>\n?/g)];
  if (links.length < 2) return page; // one already (or a re-run)
  // Comments are for the sources' readers (about a fifth of the brotli bytes); none sits in a string.
  const css = links
    .map(([, file]) => readFileSync(join(dir, file), 'utf8'))
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\n\s*\n/g, '\n');
  const name = hashedName('app.css', shortHash(css));
  writeFileSync(join(dir, name), css);
  for (const [, file] of links) rmSync(join(dir, file));
  const [first, ...rest] = links.map(([tag]) => tag);
  for (const tag of rest) page = page.replace(tag, '');
  return page.replace(first, `<link rel="stylesheet" href="./${name}" integrity="${sri(css)}"/>\n`);
}

/// The files of scripts/build-wasm.mjs: the wasm-bindgen module, its wasm and the
/// split loader it imports (which fetches the route chunks itself).
function wasmFiles(dir) {
  const files = readdirSync(dir);
  const one = (pattern, what) => {
    const found = files.filter((f) => pattern.test(f));
    if (found.length !== 1) fail(`expected one ${what} in ${dir}, found ${found.length}`);
    return `./${found[0]}`;
  };
  return {
    js: one(/^rewards-portal-[0-9a-f]{16}\.js$/, 'JS module'),
    wasm: one(/^rewards-portal-[0-9a-f]{16}_bg\.wasm$/, 'main wasm'),
    splitLoader: one(/^__wasm_split-[0-9a-f]{16}\.js$/, 'split loader'),
  };
}

/// When the split loader's `prefetchChunks` (scripts/build-wasm.mjs) runs. Pointing at,
/// focusing or touching an in-app link fetches that route's chunks at once, then the rest; the
/// rest also comes when the browser is idle 2 s after the signed-in navigation appears. A user
/// who asked to save data (or is on 2G) gets only the chunks of the links they point at.
function prefetchTriggers() {
  return `const connection = navigator.connection;
const saveData = Boolean(connection && (connection.saveData || /2g/.test(connection.effectiveType)));
const inAppRoute = (link) => '/' + link.pathname.slice(new URL(document.baseURI).pathname.length);
const onIntent = (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || link.origin !== location.origin) return;
  prefetchChunks(inAppRoute(link));
  if (!saveData) prefetchChunks();
};
for (const type of ['pointerover', 'focusin', 'touchstart']) addEventListener(type, onIntent, { capture: true, passive: true });
if (!saveData) {
  const navigation = new MutationObserver(() => {
    if (!document.querySelector('nav a[href]')) return;
    navigation.disconnect();
    setTimeout(() => idle(() => prefetchChunks(), { timeout: 5000 }), 2000);
  });
  navigation.observe(document.documentElement, { childList: true, subtree: true });
}
// Nobody signed in (index.html's early session answer): the sign-in page's code comes next.
const earlySession = window.rewardsEarly && window.rewardsEarly.session;
if (earlySession) {
  earlySession.then((response) => (response && response.ok ? response.clone().json() : null))
    .then((answer) => { if (answer && !answer.me) prefetchChunks('sign_in_page'); })
    .catch(() => {});
}`;
}

/// Chromium loads its calendar and time zone data on the first `Intl.DateTimeFormat` (about
/// 0.2 s on a phone, longer than the render that needs it for the overview's dates): load it
/// while the WebAssembly downloads and the main thread has nothing to do.
function intlWarmUp() {
  return `idle(() => {
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(0);
  new Intl.NumberFormat().format(0);
});`;
}

/// The loader Trunk writes for a `rel="rust"` asset (so tools that wait for
/// `TrunkApplicationStarted` keep working), with integrity: an import map pins
/// the JS modules' hashes, the wasm is fetched with its hash, and the preloads
/// carry the same hashes.
function addLoader(page, dir) {
  if (page.includes('<script type="module">')) return page; // already done (re-run)
  page = page.replace(/[ \t]*<link data-trunk rel="rust"[^>]*>\n?/, '');
  const { js, wasm, splitLoader } = wasmFiles(dir);
  const [jsHash, wasmHash, loaderHash] = [js, wasm, splitLoader].map((f) => sri(readFileSync(join(dir, f))));
  const integrity = { [js]: jsHash, [splitLoader]: loaderHash };
  // Order matters: the import map before any module fetch (Firefox ignores a map added after
  // one has started, and with it the integrity entries), and the wasm download started by a
  // classic script next to the preloads instead of a `<link rel="preload" as="fetch">`, which
  // WebKit does not match to the later fetch and so downloads twice.
  const tags = [
    `<script type="importmap">${JSON.stringify({ integrity })}</script>`,
    `<link rel="modulepreload" href="${js}" crossorigin="anonymous" integrity="${jsHash}">`,
    `<link rel="modulepreload" href="${splitLoader}" crossorigin="anonymous" integrity="${loaderHash}">`,
    `<script id="wasm-download">window.rewardsWasm = fetch('${wasm}', { integrity: '${wasmHash}', credentials: 'same-origin' });</script>`,
    `<script type="module">
import init, * as bindings from '${js}';
import { prefetchChunks } from '${splitLoader}';
const idle = self.requestIdleCallback ?? ((callback) => setTimeout(callback, 0));
${prefetchTriggers()}
${intlWarmUp()}
const wasm = await init({ module_or_path: window.rewardsWasm });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>`,
  ];
  return page.replace('</head>', `${tags.join('\n')}\n</head>`);
}

/// The base path is only known once index.html's first script has run, but the
/// browser's preload scanner fetches the URLs it sees ahead of any script —
/// relative to the deep link, so wrongly under a sub-path. The page's asset
/// tags therefore wait in a <template> that the script adds after <base>.
function deferUntilBase(page) {
  if (page.includes('<template id="app-head">')) return page;
  const tags = [];
  const take = (pattern) => {
    page = page.replace(pattern, (tag) => {
      tags.push(tag.trim());
      return '';
    });
  };
  // In the order of addLoader: the import map first, the wasm download after the preloads.
  take(/<script type="importmap">[\s\S]*?<\/script>\n?/g);
  // HTML allows `integrity` only on stylesheets and (module)preloads; Trunk puts one on the icon too.
  page = page.replace(/(<link\b[^>]*\brel="icon"[^>]*?)\s+integrity="[^"]*"/g, '$1');
  take(/[ \t]*<link\b[^>]*\bhref="(?:\.\/[^"]*|config\.json)"[^>]*>\n?/g);
  take(/<script id="wasm-download">[\s\S]*?<\/script>\n?/g);
  take(/<script type="module">[\s\S]*?<\/script>\n?/g);
  const marker = '<script id="base-path">';
  if (!page.includes(marker) || !tags.some((t) => t.startsWith('<script type="module">'))) {
    fail('index.html lacks the base-path script or the module loader');
  }
  const template = `<template id="app-head">\n${tags.join('\n')}\n</template>\n    `;
  return page.replace(marker, `${template}${marker}`);
}

function withBaseMeta(page, base) {
  const meta = `<meta name="rewards-base" content="${base}">`;
  const without = page.replace(/<meta name="rewards-base"[^>]*>/, '');
  return without.replace('<head>', `<head>${meta}`);
}

function readConfig(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  } catch {
    return {};
  }
}

/// Same algorithm as crates/rewards-server/src/security_headers.rs: sha256 of
/// every inline script (one without src), connect-src for an absolute apiBase.
function securityHeaders(page, config, ancestors) {
  const hashes = [];
  for (const m of page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script/gi)) {
    const hasSrc = m[1].split(/\s+/).some((a) => a.toLowerCase().startsWith('src=') || a.toLowerCase() === 'src');
    if (!hasSrc && m[2].length > 0) hashes.push(`'sha256-${createHash('sha256').update(m[2]).digest('base64')}'`);
  }
  let connect = "'self'";
  // An exact origin only, as rewards_core::embed::is_exact_origin accepts.
  const api = /^(https?):\/\/([A-Za-z0-9.:[\]-]+)(?:\/|$)/.exec(config.apiBase ?? '');
  if (api) connect += ` ${api[1]}://${api[2]}`;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors.trim().split(/\s+/).join(' ')}`,
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/// Trunk names hashed files `name-<up to 16 hex>.ext` (`…_bg.wasm` for the wasm).
function isHashed(name) {
  return /-[0-9a-f]{8,16}(_bg)?\.[a-z0-9]+$/.test(name);
}

function netlifyHeaders(security, hashedFiles) {
  const block = (path, entries) => `${path}\n${Object.entries(entries).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;
  const noCache = [basePath, `${basePath}index.html`, `${basePath}config.json`, ...ROUTE_ROOTS.map((r) => `${basePath}${r}/*`)];
  return [
    '# Generated by scripts/host-config.mjs (Netlify and Cloudflare Pages).',
    block(`${basePath}*`, security),
    ...noCache.map((p) => block(p, { 'Cache-Control': NO_CACHE })),
    ...hashedFiles.map((f) => block(`${basePath}${f}`, { 'Cache-Control': IMMUTABLE })),
  ].join('\n');
}

function netlifyRedirects() {
  const lines = ['# Generated by scripts/host-config.mjs (Netlify and Cloudflare Pages).'];
  if (basePath !== '/') lines.push(`${basePath.slice(0, -1)}  ${basePath}  301`);
  lines.push(`${basePath}*  ${basePath}index.html  200`);
  return `${lines.join('\n')}\n`;
}

function azureConfig(security, hashedFiles) {
  const lower = Object.fromEntries(Object.entries(security).map(([k, v]) => [k.toLowerCase(), v]));
  const routes = [
    ...hashedFiles.map((f) => ({ route: `${basePath}${f}`, headers: { 'cache-control': IMMUTABLE } })),
    ...['index.html', 'config.json'].map((f) => ({ route: `${basePath}${f}`, headers: { 'cache-control': NO_CACHE } })),
  ];
  if (basePath !== '/') routes.push({ route: basePath.slice(0, -1), redirect: basePath, statusCode: 301 });
  return {
    $comment: 'Generated by scripts/host-config.mjs (Azure Static Web Apps).',
    routes,
    navigationFallback: {
      rewrite: `${basePath}index.html`,
      exclude: [`${basePath}*.{js,wasm,css,svg,json}`],
    },
    globalHeaders: { ...lower, 'cache-control': NO_CACHE },
    mimeTypes: { '.wasm': 'application/wasm', '.json': 'application/json' },
  };
}

/// An nginx `server` block (include it in `http {}`). `add_header` in a location drops the
/// server's, so every location repeats the whole set; `always` adds them to errors too.
/// The hashed files, listed by name, get no SPA fallback (one missing from an incomplete upload
/// is a 404, never index.html cached for a year); config.json is never taken from a
/// precompressed sibling.
function nginxSite(security, hashedFiles) {
  const escape = (text) => text.replace(/[.]/g, '\\.');
  // Cache-Control without `always`: an error (a 404 during an incomplete upload) must not be
  // cached for a year.
  const headerLines = (indent, cache) => [
    ...Object.entries(security).map(([name, value]) => `${indent}add_header ${name} "${value}" always;`),
    ...(cache ? [`${indent}add_header Cache-Control "${cache}";`] : []),
  ];
  const exactly = (files) => `"^${escape(basePath)}(?:${files.map(escape).join('|')})$"`;
  const wasm = hashedFiles.filter((f) => f.endsWith('.wasm'));
  const other = hashedFiles.filter((f) => !f.endsWith('.wasm'));
  const inner = '        ';
  const lines = [
    '# Generated by scripts/host-config.mjs (nginx 1.22+). Include it in the http {} block, e.g. as',
    '# /etc/nginx/sites-enabled/rewards.conf. Precompressed brotli needs the brotli_static module',
    '# (Debian: libnginx-mod-http-brotli-static, which adds to nginx.conf:',
    '#   load_module modules/ngx_http_brotli_static_module.so;',
    '# ). Set listen and server_name, and in alias the directory holding this build (keep its',
    '# trailing slash). See docs/hosting.md.',
    'server {',
    `    ${PLACEHOLDER_LISTEN}`,
    '    server_name _;',
    '    absolute_redirect off;',
    '    brotli_static on;',
    '    gzip_static on;',
    '    gzip_vary on;',
    ...headerLines('    '),
    '',
  ];
  if (basePath !== '/') {
    lines.push(
      `    location = ${basePath.slice(0, -1)} {`,
      `        return 301 ${basePath};`,
      '    }',
      '    location / {',
      '        return 404;',
      '    }',
      '',
    );
  }
  lines.push(
    `    location ${basePath} {`,
    `        alias ${PLACEHOLDER_DIR}/;`,
    ...headerLines(inner, NO_CACHE),
    // Deep links (and unknown paths) get the SPA shell.
    `        try_files $uri $uri/ ${basePath}index.html;`,
    '',
    `        location = ${basePath}config.json {`,
    '            brotli_static off;',
    '            gzip_static off;',
    ...headerLines(`${inner}    `, NO_CACHE),
    '        }',
  );
  if (wasm.length) {
    lines.push(
      `        location ~ ${exactly(wasm)} {`,
      // Streaming compilation needs this type (also for the .br/.gz copies).
      '            types { application/wasm wasm; }',
      ...headerLines(`${inner}    `, IMMUTABLE),
      '        }',
    );
  }
  if (other.length) {
    lines.push(`        location ~ ${exactly(other)} {`, ...headerLines(`${inner}    `, IMMUTABLE), '        }');
  }
  lines.push('    }', '}', '');
  return lines.join('\n');
}

/// A Caddy site (Caddy 2.6+; `import` it from the Caddyfile, or use it as one).
function caddySite(security, hashedFiles) {
  const headerBlock = (indent) => [
    `${indent}header {`,
    ...Object.entries(security).map(([name, value]) => `${indent}\t${name} "${value}"`),
    `${indent}}`,
  ];
  const body = (t) => [
    `${t}root * ${PLACEHOLDER_DIR}`,
    ...(hashedFiles.length
      ? [
          `${t}@immutable path ${hashedFiles.map((f) => `/${f}`).join(' ')}`,
          `${t}handle @immutable {`,
          `${t}\theader Cache-Control "${IMMUTABLE}"`,
          `${t}\tfile_server {`,
          `${t}\t\tprecompressed br gzip`,
          `${t}\t}`,
          `${t}}`,
        ]
      : []),
    // Edited after the build: always the file itself.
    `${t}handle /config.json {`,
    `${t}\theader Cache-Control "${NO_CACHE}"`,
    `${t}\tfile_server`,
    `${t}}`,
    // index.html, deep links (the SPA fallback) and the other files.
    `${t}handle {`,
    `${t}\theader Cache-Control "${NO_CACHE}"`,
    `${t}\ttry_files {path} /index.html`,
    `${t}\tfile_server {`,
    `${t}\t\tprecompressed br gzip`,
    `${t}\t}`,
    `${t}}`,
  ];
  const lines = [
    '# Generated by scripts/host-config.mjs (Caddy 2.6+): a site to `import` into the Caddyfile.',
    "# Set the site's address (on the next line) and, in root, the directory holding this build.",
    '# See docs/hosting.md.',
    `${PLACEHOLDER_SITE} {`,
    ...headerBlock('\t'),
  ];
  if (basePath === '/') {
    lines.push(...body('\t'));
  } else {
    lines.push(
      `\tredir ${basePath.slice(0, -1)} ${basePath} 301`,
      // The base is stripped inside, so the paths below are those of the build.
      `\thandle_path ${basePath}* {`,
      ...body('\t\t'),
      '\t}',
      '\thandle {',
      '\t\trespond 404',
      '\t}',
    );
  }
  // An error (a hashed file missing from an incomplete upload) must not be cached for a year.
  lines.push('\thandle_errors {', `\t\theader Cache-Control "${NO_CACHE}"`, '\t\trespond "" {err.status_code}', '\t}');
  lines.push('}', '');
  return lines.join('\n');
}
