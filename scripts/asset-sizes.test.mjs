// node --test scripts/asset-sizes.test.mjs — what the precompression writes next to a build.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { initialFiles, precompress } from './asset-sizes.mjs';

test('precompress writes brotli and gzip siblings, but none for the runtime config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'precompress-'));
  try {
    const script = 'console.log("rewards");'.repeat(20);
    writeFileSync(join(dir, 'app.js'), script);
    writeFileSync(join(dir, 'config.json'), '{"apiBase":"/api/v1"}');
    // Left by an earlier build: the server would send it instead of the edited file.
    writeFileSync(join(dir, 'config.json.br'), 'stale');

    precompress(dir);

    assert.equal(brotliDecompressSync(readFileSync(join(dir, 'app.js.br'))).toString(), script);
    assert.equal(gunzipSync(readFileSync(join(dir, 'app.js.gz'))).toString(), script);
    assert.equal(existsSync(join(dir, 'config.json.br')), false);
    assert.equal(existsSync(join(dir, 'config.json.gz')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the initial files are what index.html references: stylesheet, modules and the wasm its script fetches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'initial-'));
  try {
    const files = ['app-1.css', 'rewards-portal-1.js', '__wasm_split-1.js', 'rewards-portal-1_bg.wasm', 'chunk-1.wasm'];
    for (const file of files) writeFileSync(join(dir, file), file);
    writeFileSync(
      join(dir, 'index.html'),
      `<template id="app-head"><link rel="stylesheet" href="./app-1.css">
<link rel="modulepreload" href="./rewards-portal-1.js">
<script id="wasm-download">window.rewardsWasm = fetch('./rewards-portal-1_bg.wasm', { integrity: 'sha384-x' });</script>
<script type="module">import init from './rewards-portal-1.js'; import { prefetchChunks } from './__wasm_split-1.js';</script></template>`,
    );
    const initial = initialFiles(dir).map((r) => r.file).sort();
    assert.deepEqual(initial, ['__wasm_split-1.js', 'app-1.css', 'index.html', 'rewards-portal-1.js', 'rewards-portal-1_bg.wasm']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
