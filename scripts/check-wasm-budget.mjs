// Fails when the build's wasm, brotli-compressed, is more than the tolerance over the budget
// committed in perf-budget.json. Raising the budget is a deliberate commit of that file.
// Usage: node scripts/check-wasm-budget.mjs [dist]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetSizes } from './asset-sizes.mjs';

const dist = process.argv[2] ?? 'dist';
const budgetFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'perf-budget.json');
const { wasmBrotliBytes, wasmTolerance } = JSON.parse(readFileSync(budgetFile, 'utf8'));
const wasm = assetSizes(dist).filter((r) => r.file.endsWith('.wasm'));
if (wasm.length !== 1) {
  console.error(`expected one .wasm file in ${dist}, found ${wasm.length}`);
  process.exit(1);
}
const limit = Math.floor(wasmBrotliBytes * (1 + wasmTolerance));
const { file, brotli } = wasm[0];
const verdict = `${file}: ${brotli} bytes brotli; budget ${wasmBrotliBytes} (+${wasmTolerance * 100} % = ${limit})`;
if (brotli > limit) {
  console.error(`wasm size budget exceeded — ${verdict}. Shrink it, or raise perf-budget.json in a deliberate commit.`);
  process.exit(1);
}
console.log(`wasm size budget holds — ${verdict}`);
