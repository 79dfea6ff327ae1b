// Prints each file in a build directory with its raw, gzip and brotli size, and what the
// first page load fetches (the files index.html references, plus config and first-locale files).
// Usage: node scripts/asset-sizes.mjs [dist] [--json] [--precompress]
//   --precompress  also writes the .br and .gz siblings the server sends as they are.
// Also a module: scripts/bench.mjs and scripts/check-wasm-budget.mjs import the functions.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const COMPRESSED = /\.(br|gz)$/;

function* files(root) {
  for (const name of readdirSync(root)) {
    if (name.startsWith('.')) continue;
    const path = join(root, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (!COMPRESSED.test(name)) yield path;
  }
}

export const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
export const gzip = (bytes) => gzipSync(bytes, { level: 9 });

/** Every file under `dir` with its raw, gzip and brotli size, largest first. */
export function assetSizes(dir) {
  const rows = [...files(dir)].map((path) => {
    const bytes = readFileSync(path);
    return { file: relative(dir, path), raw: bytes.length, gzip: gzip(bytes).length, brotli: brotli(bytes).length };
  });
  rows.sort((a, b) => b.raw - a.raw);
  return rows;
}

export function sum(rows) {
  return rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}

/**
 * The files a first visit downloads before the app can show anything: index.html, the
 * stylesheets, scripts and preloads it references, the runtime config, and the default
 * locale's translations when they are separate files (`<dir>/…/en…json`).
 */
export function initialFiles(dir, rows = assetSizes(dir)) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const referenced = new Set(['index.html']);
  const tag = /<(link|script)\b[^>]*>/gi;
  for (const [element] of html.matchAll(tag)) {
    const rel = element.match(/\brel="([^"]*)"/i)?.[1] ?? '';
    const url = element.match(/\b(?:href|src)="([^"]*)"/i)?.[1];
    if (url && !/^https?:/.test(url) && (/^(stylesheet|modulepreload|preload)$/i.test(rel) || element.startsWith('<script'))) {
      referenced.add(url.replace(/^\.?\//, ''));
    }
  }
  for (const [, url] of html.matchAll(/\bimport\b[^'"]*['"]([^'"]+\.js)['"]/g)) referenced.add(url.replace(/^\.?\//, ''));
  // The main wasm is fetched by an inline script (scripts/host-config.mjs, "wasm-download").
  for (const [, url] of html.matchAll(/\bfetch\(\s*['"]([^'"]+\.wasm)['"]/g)) referenced.add(url.replace(/^\.?\//, ''));
  return rows.filter(
    (r) => referenced.has(r.file) || r.file === 'config.json' || /(^|\/)(i18n|locales)\/.*\ben\b[^/]*\.json$/.test(r.file),
  );
}

/** The main module and the sum over every .wasm (check-wasm-budget.mjs, bench/run.mjs). */
export function wasmSizes(rows) {
  const modules = rows.filter((r) => r.file.endsWith('.wasm'));
  const mains = modules.filter((r) => /^rewards-portal-[0-9a-f]{16}_bg\.wasm$/.test(r.file));
  return {
    main: mains.length === 1 ? mains[0] : null,
    all: { count: modules.length, brotli: modules.reduce((t, r) => t + r.brotli, 0) },
  };
}

/** The runtime configuration: the operator edits it after the build (docs/embedding.md). */
const EDITED_AFTER_BUILD = 'config.json';

/** Writes `.br` and `.gz` next to every file, so the server sends the best compression as it is.
 *  config.json gets none (and loses stale ones): the server prefers a compressed sibling, so an
 *  edit would otherwise be shadowed by the copy made at build time. It is tens of bytes. */
export function precompress(dir) {
  for (const path of [...files(dir)]) {
    if (relative(dir, path) === EDITED_AFTER_BUILD) {
      for (const ext of ['.br', '.gz']) rmSync(path + ext, { force: true });
      continue;
    }
    const bytes = readFileSync(path);
    for (const [ext, compress] of [['.br', brotli], ['.gz', gzip]]) {
      const out = path + ext;
      const packed = compress(bytes);
      if (!existsSync(out) || !readFileSync(out).equals(packed)) writeFileSync(out, packed);
    }
  }
}

export const kib = (n) => (n / 1024).toFixed(1).padStart(8) + ' KiB';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv.find((a, i) => i >= 2 && !a.startsWith('--')) ?? 'dist';
  const rows = assetSizes(dir);
  const total = sum(rows);
  const initial = sum(initialFiles(dir, rows));
  if (process.argv.includes('--precompress')) precompress(dir);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ files: rows, total, initial }, null, 2));
  } else {
    console.log('asset'.padEnd(48) + 'raw'.padStart(12) + 'gzip'.padStart(13) + 'brotli'.padStart(13));
    for (const r of rows) console.log(r.file.padEnd(48) + kib(r.raw) + ' ' + kib(r.gzip) + ' ' + kib(r.brotli));
    console.log('total'.padEnd(48) + kib(total.raw) + ' ' + kib(total.gzip) + ' ' + kib(total.brotli));
    console.log('initial transfer (first page load)'.padEnd(48) + kib(initial.raw) + ' ' + kib(initial.gzip) + ' ' + kib(initial.brotli));
  }
}
