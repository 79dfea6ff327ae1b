// Prints each file in a build directory with its raw, gzip and brotli size.
// Usage: node scripts/asset-sizes.mjs [dist] [--json]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv.find((a, i) => i >= 2 && !a.startsWith('--')) ?? 'dist';
const asJson = process.argv.includes('--json');

function* files(root) {
  for (const name of readdirSync(root)) {
    if (name.startsWith('.')) continue;
    const path = join(root, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const rows = [...files(dir)].map((path) => {
  const bytes = readFileSync(path);
  return {
    file: relative(dir, path),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
});
rows.sort((a, b) => b.raw - a.raw);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

if (asJson) {
  console.log(JSON.stringify({ files: rows, total }, null, 2));
} else {
  const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KiB';
  console.log('asset'.padEnd(48) + 'raw'.padStart(12) + 'gzip'.padStart(13) + 'brotli'.padStart(13));
  for (const r of rows) console.log(r.file.padEnd(48) + kb(r.raw) + ' ' + kb(r.gzip) + ' ' + kb(r.brotli));
  console.log('total'.padEnd(48) + kb(total.raw) + ' ' + kb(total.gzip) + ' ' + kb(total.brotli));
}
