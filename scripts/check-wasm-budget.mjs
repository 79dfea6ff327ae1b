// Fails when the build's wasm, brotli-compressed, is more than the tolerance over the budgets
// committed in perf-budget.json: the main module (what every first visit downloads) and all
// modules together (main + the route chunks, so no chunk grows unnoticed).
// Raising a budget is a deliberate commit of that file.
// Usage: node scripts/check-wasm-budget.mjs [dist]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetSizes, wasmSizes } from './asset-sizes.mjs';

const dist = process.argv[2] ?? 'dist';
const budgetFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'perf-budget.json');
const { wasmBrotliBytes, wasmAllBrotliBytes, wasmTolerance } = JSON.parse(readFileSync(budgetFile, 'utf8'));
const { main, all } = wasmSizes(assetSizes(dist));
if (!main) {
  console.error(`expected one main module (rewards-portal-*_bg.wasm) in ${dist}`);
  process.exit(1);
}
const failures = [
  check(`main wasm ${main.file}`, main.brotli, wasmBrotliBytes),
  check(`all wasm (${all.count} modules)`, all.brotli, wasmAllBrotliBytes),
].filter(Boolean);
if (failures.length) {
  console.error(`${failures.join('\n')}\nShrink it, or raise perf-budget.json in a deliberate commit.`);
  process.exit(1);
}

function check(what, brotli, budget) {
  if (!Number.isFinite(budget)) return `${what}: no budget in perf-budget.json.`;
  const limit = Math.floor(budget * (1 + wasmTolerance));
  const verdict = `${what}: ${brotli} bytes brotli; budget ${budget} (+${wasmTolerance * 100} % = ${limit})`;
  if (brotli > limit) return `wasm size budget exceeded — ${verdict}.`;
  console.log(`wasm size budget holds — ${verdict}`);
  return null;
}
