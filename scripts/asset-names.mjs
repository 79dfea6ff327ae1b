// Content hashes shared by the build scripts (build-wasm.mjs, host-config.mjs).
import { createHash } from 'node:crypto';

/** Subresource Integrity value of `bytes`. */
export function sri(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/** 16 hex digits of the content's SHA-256, for immutable file names. */
export function shortHash(bytes) {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** `name-<hash>.ext`, the pattern the hosting configs treat as immutable. */
export function hashedName(file, hash) {
  const dot = file.lastIndexOf('.');
  return `${file.slice(0, dot).replace(/[^A-Za-z0-9_]+/g, '_')}-${hash}${file.slice(dot)}`;
}
