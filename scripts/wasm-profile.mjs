// Where a WebAssembly binary's bytes go: code size per function, grouped by crate, plus data
// and other sections. Needs the `name` section, so point it at Cargo's output (before
// wasm-bindgen/wasm-opt strip names), e.g. target/wasm32-unknown-unknown/wasm-release/rewards-portal.wasm.
// Usage: node scripts/wasm-profile.mjs FILE.wasm [--top N] [--json]
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const topArg = process.argv.indexOf('--top');
const top = topArg > 0 ? Number(process.argv[topArg + 1]) : 40;
const asJson = process.argv.includes('--json');
if (!file) {
  console.error('usage: node scripts/wasm-profile.mjs FILE.wasm [--top N] [--json]');
  process.exit(2);
}
const bytes = readFileSync(file);

let pos = 8; // magic + version
function leb() {
  let result = 0, shift = 0, byte;
  do {
    byte = bytes[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
}
function name() {
  const len = leb();
  const text = bytes.toString('utf8', pos, pos + len);
  pos += len;
  return text;
}

const sections = {};
const bodySizes = []; // code body sizes, by defined-function index
let importedFunctions = 0;
const functionNames = new Map();
let dataSegments = [];
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = leb();
  const start = pos;
  const end = start + size;
  let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id] ?? `id${id}`;
  if (id === 0) {
    label = `custom:${name()}`;
    if (label === 'custom:name') {
      while (pos < end) {
        const sub = bytes[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) functionNames.set(leb(), name());
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) { leb; leb(); importedFunctions++; }
      else if (kind === 1) { pos++; const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 3) { pos += 2; }
      else if (kind === 4) { pos++; leb(); }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const bodySize = leb();
      bodySizes.push(bodySize);
      pos += bodySize;
    }
  } else if (id === 11) {
    for (let n = leb(); n > 0; n--) {
      const segStart = pos;
      const flags = leb();
      if (flags === 2) leb();
      if (flags !== 1) { while (bytes[pos] !== 0x0b) pos++; pos++; }
      const len = leb();
      dataSegments.push({ offset: pos, len });
      pos += len;
      void segStart;
    }
  }
  sections[label] = (sections[label] ?? 0) + size;
  pos = end;
}

// Crate of a (mangled or demangled) Rust symbol: the first path segment.
function crateOf(symbol) {
  const legacy = symbol.match(/^_ZN(?:\d+)([A-Za-z_][A-Za-z0-9_]*)/);
  if (legacy) return legacy[1].replace(/\.\.$/, '');
  // `<Type as Trait>::f`: the type's crate, or the trait's when the type is generic or built in.
  const qualified = symbol.match(/^_?<(?:&(?:mut )?)?(?:dyn )?([A-Za-z0-9_:]+?)(?:<.*?)? as ([A-Za-z0-9_]+)::/);
  if (qualified) {
    const typeCrate = qualified[1].split('::')[0];
    return qualified[1].includes('::') && !['core', 'alloc', 'std'].includes(typeCrate) ? typeCrate : qualified[2];
  }
  const generic = symbol.match(/^_?<?(?:&(?:mut )?)?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)::/);
  if (generic) return generic[1];
  const v0 = symbol.match(/^_R.*?C[a-zA-Z0-9_]+_(\d+)([a-z_][a-z0-9_]*)/);
  if (v0) return v0[2].slice(0, Number(v0[1]));
  return symbol.startsWith('_ZN') ? 'rust (other)' : symbol.split(/[:<(]/)[0] || 'unnamed';
}
function demangleLegacy(symbol) {
  if (!symbol.startsWith('_ZN')) return symbol;
  const parts = [];
  let i = 3;
  while (i < symbol.length && symbol[i] !== 'E') {
    const m = symbol.slice(i).match(/^(\d+)/);
    if (!m) break;
    i += m[1].length;
    parts.push(symbol.slice(i, i + Number(m[1])));
    i += Number(m[1]);
  }
  if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ')
    .replace(/\$RF\$/g, '&').replace(/\$C\$/g, ',').replace(/\.\./g, '::').replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}');
}

const functions = bodySizes.map((size, i) => {
  const raw = functionNames.get(importedFunctions + i) ?? `func${importedFunctions + i}`;
  const symbol = demangleLegacy(raw);
  return { symbol, size, crate: crateOf(symbol) };
});
const byCrate = {};
for (const f of functions) byCrate[f.crate] = (byCrate[f.crate] ?? 0) + f.size;
const crates = Object.entries(byCrate).sort((a, b) => b[1] - a[1]);
functions.sort((a, b) => b.size - a.size);
const dataBytes = dataSegments.reduce((t, s) => t + s.len, 0);

if (asJson) {
  console.log(JSON.stringify({ file, total: bytes.length, sections, dataBytes, crates, top: functions.slice(0, top) }, null, 2));
} else {
  const kib = (n) => (n / 1024).toFixed(1).padStart(9) + ' KiB';
  console.log(`${file}: ${kib(bytes.length).trim()}, ${functions.length} functions, named: ${functionNames.size > 0}`);
  console.log('\nsections');
  for (const [label, size] of Object.entries(sections).sort((a, b) => b[1] - a[1])) console.log(kib(size) + '  ' + label);
  console.log('\ncode by crate');
  for (const [crate, size] of crates.slice(0, top)) console.log(kib(size) + '  ' + crate);
  console.log(`\nlargest ${top} functions`);
  for (const f of functions.slice(0, top)) console.log(kib(f.size) + '  ' + f.symbol.slice(0, 150));
}
