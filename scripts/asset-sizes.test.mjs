// node --test scripts/asset-sizes.test.mjs — what the precompression writes next to a build.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompress } from './asset-sizes.mjs';

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
