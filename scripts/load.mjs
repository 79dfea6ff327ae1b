// A small, bounded HTTP load generator on Node's built-in fetch.
//
//   import { runLoad } from './load.mjs';
//   const r = await runLoad({ url: 'http://127.0.0.1:8201/api/v1/health', concurrency: 8, requests: 2000 });
//   // → { count, errors, errorSamples, statuses, durationMs, throughputPerSec, p50Ms, p90Ms, p99Ms, maxMs }
//
// Bounded twice: at most `requests` requests and at most `maxDurationMs` of wall time, whichever comes
// first. Only loopback targets are accepted, so a mistyped URL can never load someone else's server.

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

/** Whether `url` points at this machine (127.0.0.0/8, ::1 or localhost). */
export function isLoopback(url) {
  const host = new URL(url).hostname;
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The nearest-rank percentile `p` (0–100) of ascending `sorted`; NaN when empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const round = (ms) => Math.round(ms * 100) / 100;

/**
 * Sends requests from `concurrency` parallel workers until `requests` were sent or `maxDurationMs`
 * passed. A response counts as an error when `isOk(status)` is false (default: 2xx) or the request
 * failed (connection error, timeout after `timeoutMs`). Every response body is read in full, so the
 * latency is the time to the last byte.
 *
 * `url`, `headers` and `body` may be functions of the request index `i` (for request mixes).
 */
export async function runLoad({
  url,
  method = 'GET',
  headers = {},
  body,
  concurrency = 8,
  requests = 1000,
  maxDurationMs = 30_000,
  timeoutMs = 10_000,
  isOk = (status) => status >= 200 && status < 300,
}) {
  const at = (value, i) => (typeof value === 'function' ? value(i) : value);
  if (!Number.isInteger(requests) || requests < 1) throw new Error('requests must be a positive integer');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
  if (!(maxDurationMs > 0)) throw new Error('maxDurationMs must be positive');
  const firstUrl = at(url, 0);
  if (!isLoopback(firstUrl)) throw new Error(`refusing a non-loopback target: ${firstUrl}`);

  const latencies = [];
  const statuses = {};
  const errorSamples = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + maxDurationMs;

  const one = async (i) => {
    const target = at(url, i);
    if (!isLoopback(target)) throw new Error(`refusing a non-loopback target: ${target}`);
    const t0 = performance.now();
    let failure = null;
    try {
      const res = await fetch(target, {
        method,
        headers: at(headers, i),
        body: at(body, i),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (!isOk(res.status)) failure = `${method} ${target} → ${res.status}`;
    } catch (err) {
      failure = `${method} ${target} → ${err.cause?.code ?? err.name}: ${err.message}`;
    }
    latencies.push(performance.now() - t0);
    if (failure) {
      errors += 1;
      if (errorSamples.length < 5) errorSamples.push(failure);
    }
  };

  const worker = async () => {
    while (next < requests && performance.now() < deadline) {
      await one(next++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));

  const durationMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    errorSamples,
    statuses,
    durationMs: round(durationMs),
    throughputPerSec: round((latencies.length * 1000) / durationMs),
    p50Ms: round(percentile(latencies, 50)),
    p90Ms: round(percentile(latencies, 90)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? NaN),
  };
}
