#!/usr/bin/env node
// Builds the SPA's WebAssembly, split per route, into Trunk's staging directory.
//
// Trunk 0.21 cannot split a wasm module, so this replaces its Rust pipeline (Trunk.toml runs it
// as the pre_build hook; Trunk still builds the page, the CSS and the hashes of everything else):
//   1. cargo build of the bin, linked with `--emit-relocs` (wasm-split needs the relocations;
//      added here, not in .cargo/config.toml, so that no other build carries them);
//   2. wasm-split-cli cuts it at the `#[lazy_route]` split points (src/app.rs): the main
//      module keeps what the first route needs, each lazy route gets a chunk, code shared by
//      several lazy routes a shared chunk, and a small JS loader fetches them on demand;
//   3. wasm-bindgen on the main module (it keeps the exports the chunks link against);
//   4. wasm-opt -Oz on the main module and every chunk (release only);
//   5. content-hashed names (`name-<16 hex>.ext`, immutable caching), references rewritten, the
//      chunk fetches given their SRI hash, then the files copied into the staging directory.
// scripts/host-config.mjs (post_build) then adds the loader script, preloads and integrity to
// index.html.
//
//   node scripts/build-wasm.mjs [--release] [--out DIR]
// Without flags it follows Trunk's hook environment (TRUNK_PROFILE, TRUNK_STAGING_DIR).
// WASM_KEEP_NAMES=1 keeps function names in the output, for CPU profiles (bigger files).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hashedName, shortHash, sri } from './asset-names.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = 'rewards-portal';
const argv = process.argv.slice(2);
const release = argv.includes('--release') || process.env.TRUNK_PROFILE === 'release';
const outIndex = argv.indexOf('--out');
const out = resolve(outIndex >= 0 ? argv[outIndex + 1] : (process.env.TRUNK_STAGING_DIR ?? join(ROOT, 'dist')));
const profile = release ? 'wasm-release' : 'dev';
const keepNames = process.env.WASM_KEEP_NAMES === '1';
// Target features the browsers of our audience have; wasm-opt must be told to keep them.
const WASM_OPT_FEATURES = [
  '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
];

// A failed chunk load is a panic in the app (leptos's lazy routes expect their code), so the
// loader treats chunks like the API client treats reads: offline, it waits for the connection;
// a network error or a 5xx is retried (0.5, 1, 2 s). What is left (a 404 after a new deployment,
// an integrity mismatch) fails, and the recovery page offers a reload.
const FETCH_CHUNK = `const CHUNK_RETRIES = 3;
const online = () => new Promise((resolve) => addEventListener("online", resolve, { once: true }));
async function fetchChunk(url, init) {
    for (let attempt = 0; ; attempt++) {
        if (!navigator.onLine) await online();
        try {
            const response = await fetch(url, init);
            if (response.status < 500 || attempt >= CHUNK_RETRIES) return response;
        } catch (error) {
            if (navigator.onLine && attempt >= CHUNK_RETRIES) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
}`;

const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(ROOT, 'target');
const work = join(targetDir, 'wasm-split', profile);
const splitDir = join(work, 'split');
const bindgenDir = join(work, 'bindgen');

// The release build's stack: 512 KiB instead of rustc's 1 MiB for wasm32. The stack sits at the
// bottom of linear memory (lld's --stack-first), so its size is memory every visit holds. Every
// page's deepest stack measured about 11 KB (tests/e2e/specs/memory.spec.ts keeps it under a
// quarter); an overflow would trap (below address 0), as with the default size, rather than
// overwrite data. Debug builds, with their larger frames, keep the default.
const STACK_BYTES = 512 * 1024;
const linkArgs = ['--emit-relocs', ...(release ? [`-zstack-size=${STACK_BYTES}`] : [])];
// `--config` arrays are appended to .cargo/config.toml's rustflags (erase_components stays).
run('cargo', [
  'build', '--bin', BIN, '--target', 'wasm32-unknown-unknown', '--profile', profile,
  '--config', `target.wasm32-unknown-unknown.rustflags=[${linkArgs.map((a) => `"-Clink-args=${a}"`).join(',')}]`,
]);
const linked = join(targetDir, 'wasm32-unknown-unknown', profile === 'dev' ? 'debug' : profile, `${BIN}.wasm`);

rmSync(work, { recursive: true, force: true });
mkdirSync(splitDir, { recursive: true });
mkdirSync(bindgenDir, { recursive: true });
run('wasm-split-cli', [linked, splitDir, '--out-name', BIN, '--target', 'web']);
run('wasm-bindgen', [
  '--target=web', '--keep-lld-exports', '--no-demangle', '--no-typescript', ...(keepNames ? ['--keep-debug'] : []),
  `--out-dir=${bindgenDir}`, `--out-name=${BIN}`, join(splitDir, `${BIN}.wasm`),
]);

const mainWasm = join(bindgenDir, `${BIN}_bg.wasm`);
const chunks = readdirSync(splitDir).filter((f) => f.endsWith('.wasm') && f !== `${BIN}.wasm`);
const loaderName = readdirSync(splitDir).find((f) => f.endsWith('.js'));
if (!loaderName) fail('wasm-split-cli wrote no loader module');
if (release) {
  for (const file of [mainWasm, ...chunks.map((c) => join(splitDir, c))]) {
    // Quiet: it warns about every chunk's name section, which wasm-split writes in a newer format.
    run('wasm-opt', ['-Oz', ...WASM_OPT_FEATURES, ...(keepNames ? ['-g'] : []), file, '-o', file], { quiet: true });
  }
}

// Names: chunks are leaves, hashed by their own bytes. The JS glue and the loader import each
// other, so they (and the main wasm) share one hash over what is written (the chunks' names
// are in the loader): whatever changes, in the build or in this script's rewriting, both get
// new names together and a cached copy of one never meets a new copy of the other.
mkdirSync(out, { recursive: true });
const written = [];
let loader = readFileSync(join(splitDir, loaderName), 'utf8');
const routeChunks = chunksByRoute(loader);
const prefetchOrder = chunksBySharing(Object.values(routeChunks));
const prefetchList = [];
let glue = readFileSync(join(bindgenDir, `${BIN}.js`), 'utf8');
const wasmBytes = readFileSync(mainWasm);
for (const chunk of chunks) {
  const bytes = readFileSync(join(splitDir, chunk));
  const name = hashedName(chunk, shortHash(bytes));
  const integrity = sri(bytes);
  writeFileSync(join(out, name), bytes);
  written.push(`${name} ${kib(bytes.length)}`);
  prefetchList[prefetchOrder.indexOf(chunk)] = [name, integrity];
  // Every chunk fetch carries its integrity, like the main module's.
  loader = replaceOnce(
    loader,
    `fetch(new URL("./${chunk}", import.meta.url))`,
    `fetchChunk(new URL("./${name}", import.meta.url), { integrity: "${integrity}", credentials: "same-origin" })`,
  );
}
const routeIndexes = Object.fromEntries(
  Object.entries(routeChunks).map(([route, files]) => [route, files.map((file) => prefetchOrder.indexOf(file))]),
);
loader = `${FETCH_CHUNK}\n${prefetchChunks(prefetchList, routeIndexes)}\n${loader}`;
const mainHash = shortHash(Buffer.concat([wasmBytes, Buffer.from(glue), Buffer.from(loader)]));
const loaderFile = hashedName(loaderName, mainHash);
loader = replaceOnce(loader, `from "./${BIN}.js"`, `from "./${BIN}-${mainHash}.js"`);
writeFileSync(join(out, loaderFile), loader);
const linkName = `./${loaderName}`;
if (!glue.includes(`from "${linkName}"`)) fail(`the JS glue does not import ${linkName}`);
glue = glue.replaceAll(`from "${linkName}"`, `from "./${loaderFile}"`);
writeFileSync(join(out, `${BIN}-${mainHash}.js`), glue);
copyFileSync(mainWasm, join(out, `${BIN}-${mainHash}_bg.wasm`));

console.log(`build-wasm: ${profile}, main ${kib(wasmBytes.length)}, ${chunks.length} chunks (${written.join(', ')}) → ${out}`);

/**
 * The chunk files in the order to prefetch them: those more routes need first, so whichever
 * route is visited next has most of its code soonest.
 */
function chunksBySharing(routeFiles) {
  const users = new Map(chunks.map((file) => [file, 0]));
  for (const file of routeFiles.flat()) users.set(file, users.get(file) + 1);
  return [...users].sort(([a, n], [b, m]) => m - n || a.localeCompare(b)).map(([file]) => file);
}

/**
 * The chunk files each lazy route needs, by its path (and each `#[lazy]` function, by its
 * name): src/app.rs pairs paths with route types
 * (`path!("/x") view={Lazy::<XRoute>::new()}`), `#[lazy_route]` names the split point after
 * the type (`__x_route_view_<hash>`), and the loader lists each split point's own module and
 * the shared chunks it waits for. Every lazy route must be found on both sides.
 */
function chunksByRoute(loaderSource) {
  const fileOf = new Map(
    [...loaderSource.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+\.wasm)"/g)]
      .map(([, name, file]) => [name, file]),
  );
  const splits = [...loaderSource.matchAll(
    /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+\.wasm)"[\s\S]*?\n, \[([\w, ]*)\]\)\);/g,
  )].map(([, split, file, deps]) => [split, [file, ...deps.split(', ').filter(Boolean).map((d) => fileOf.get(d))]]);
  // `#[lazy]` functions (the sign-in page, the embedding bridge) are split points too, listed
  // under their function's name (`sign_in_page`) instead of a path.
  const isRoute = ([split]) => /_route_view_\d+$/.test(split);
  const routeSplits = splits.filter(isRoute);
  const lazyFunctions = splits.filter((split) => !isRoute(split)).map(([split, files]) => {
    if (files.includes(undefined)) fail(`no complete split point for ${split} in the loader`);
    return [split.replace(/_\d+$/, ''), files];
  });
  const routes = [...readFileSync(join(ROOT, 'src/app.rs'), 'utf8').matchAll(/path!\("([^"]+)"\)\s+view=\{Lazy::<(\w+)>::new\(\)\}/g)];
  if (routes.length === 0 || routes.length !== routeSplits.length) {
    fail(`src/app.rs names ${routes.length} lazy routes, the loader ${routeSplits.length} route split points`);
  }
  return Object.fromEntries([...routes.map(([, path, type]) => {
    const snake = type.replace(/[A-Z]/g, (c, at) => (at ? '_' : '') + c.toLowerCase());
    const found = routeSplits.find(([split]) => split.startsWith(`__${snake}_view_`));
    if (!found || found[1].includes(undefined)) fail(`no complete split point for ${type} (${path}) in the loader`);
    return [path, found[1]];
  }), ...lazyFunctions]);
}

/**
 * Route chunks go into the HTTP cache before their route is first visited (they are
 * immutable, so that visit does not wait for a download). One at a time, so the first ones
 * are complete soon; a failure is ignored: the route fetches (and retries) its chunk itself.
 * `prefetchChunks()` queues every chunk; `prefetchChunks(path)` puts the chunks of the route
 * at that in-app path first. The page decides when (scripts/host-config.mjs).
 */
function prefetchChunks(list, routes) {
  return `const PREFETCH = ${JSON.stringify(list)};
const ROUTE_CHUNKS = ${JSON.stringify(routes)};
const started = new Set();
let pending = [];
let downloading = false;
export function prefetchChunks(route) {
    const wanted = (route === undefined ? PREFETCH : (ROUTE_CHUNKS[route] ?? []).map((i) => PREFETCH[i]))
        .filter((chunk) => !started.has(chunk));
    pending = route === undefined
        ? [...pending, ...wanted.filter((chunk) => !pending.includes(chunk))]
        : [...wanted, ...pending.filter((chunk) => !wanted.includes(chunk))];
    if (!downloading) downloadPending();
}
async function downloadPending() {
    downloading = true;
    while (pending.length > 0) {
        const chunk = pending.shift();
        started.add(chunk);
        const url = new URL(\`./\${chunk[0]}\`, import.meta.url);
        await fetch(url, { integrity: chunk[1], credentials: "same-origin", priority: "low" }).then((r) => r.arrayBuffer()).catch(() => {});
    }
    downloading = false;
}`;
}

function run(command, args, { quiet = false } = {}) {
  try {
    execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', quiet ? 'pipe' : 'inherit'] });
  } catch (error) {
    if (quiet && error.stderr) process.stderr.write(error.stderr);
    fail(`${command} failed`);
  }
}

function replaceOnce(text, from, to) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) fail(`expected exactly one ${from}`);
  return text.replace(from, to);
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function fail(message) {
  console.error(`build-wasm: ${message}`);
  process.exit(1);
}
