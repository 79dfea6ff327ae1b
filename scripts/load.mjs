// A small, bounded HTTP load generator on Node's built-in fetch, closed- or open-loop.
//
//   import { runLoad } from './load.mjs';
//   // closed loop: 8 workers, each sends its next request when its previous one answered
//   const r = await runLoad({ url: 'http://127.0.0.1:8201/api/v1/health', concurrency: 8, requests: 2000 });
//   // → { count, errors, errorSamples, statuses, durationMs, throughputPerSec, p50Ms, p90Ms, p99Ms, maxMs }
//   // open loop: 300 requests a second for 5 s, whatever is outstanding; latency from the scheduled start
//   const o = await runLoad({ url: '…', ratePerSecond: 300, durationMs: 5000 });
//   // → also { mode: 'open', ratePerSecond, scheduled, dropped, achievedRatePerSec, maxStartLagMs }
//   // several instances: request i goes to targets[i % targets.length] + url(i)
//   await runLoad({ targets: ['http://127.0.0.1:8208', 'http://127.0.0.1:8209'], url: '/api/v1/health', … });
//
// A closed loop under-reports latency when the server stalls: its workers wait, so the requests that
// would have arrived meanwhile are never sent and never measured (coordinated omission). The open
// loop keeps the schedule and measures each latency from the request's scheduled start time, so a
// request that waited — in the server's queue or because the generator itself was late — counts
// its wait.
//
// Bounded: at most `requests` requests and `maxDurationMs` of wall time (closed loop), or
// rate × duration requests and at most `maxInFlight` outstanding (open loop: a scheduled request
// beyond that is not sent and counts as dropped). Only loopback targets are accepted, so a mistyped
// URL can never load someone else's server.

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
 * Closed loop (default): sends requests from `concurrency` parallel workers until `requests` were
 * sent or `maxDurationMs` passed; the latency is measured from the moment a request is sent.
 *
 * Open loop (`ratePerSecond` and `durationMs` given): request k is scheduled at k / ratePerSecond
 * seconds after the start, for round(ratePerSecond × durationMs / 1000) requests (at most
 * `requests` when given), and started at that time however many are still outstanding; the
 * latency is measured from its scheduled time. When `maxInFlight` requests are outstanding at a
 * scheduled time, that request is not sent and counts as `dropped`. `maxStartLagMs` is how late
 * the generator started a request (a busy event loop); that lateness is inside the latencies.
 *
 * A response counts as an error when `isOk(status)` is false (default: 2xx) or the request failed
 * (connection error, timeout after `timeoutMs`). Every response body is read in full, so the
 * latency is the time to the last byte.
 *
 * `url`, `method`, `headers` and `body` may be functions of the request index `i` (request mixes). With
 * `targets` (a list of base URLs, e.g. several instances), request i goes to
 * `targets[i % targets.length] + url(i)` and the result has per-target counts in `byTarget`.
 */
export async function runLoad({
  url,
  targets,
  method = 'GET',
  headers = {},
  body,
  concurrency = 8,
  requests,
  maxDurationMs = 30_000,
  ratePerSecond,
  durationMs,
  maxInFlight = 256,
  timeoutMs = 10_000,
  isOk = (status) => status >= 200 && status < 300,
}) {
  const at = (value, i) => (typeof value === 'function' ? value(i) : value);
  const open = ratePerSecond !== undefined || durationMs !== undefined;
  if (open) {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) throw new Error('ratePerSecond must be positive');
    if (!(durationMs > 0) || !Number.isFinite(durationMs)) throw new Error('durationMs must be positive');
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new Error('maxInFlight must be a positive integer');
  } else {
    requests ??= 1000;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
    if (!(maxDurationMs > 0)) throw new Error('maxDurationMs must be positive');
  }
  if (requests !== undefined && (!Number.isInteger(requests) || requests < 1)) {
    throw new Error('requests must be a positive integer');
  }
  if (targets !== undefined) {
    if (!Array.isArray(targets) || targets.length === 0) throw new Error('targets must be a non-empty list of base URLs');
    targets = targets.map((t) => String(t).replace(/\/$/, ''));
    for (const t of targets) if (!isLoopback(t)) throw new Error(`refusing a non-loopback target: ${t}`);
  }
  const target = (i) => (targets ? targets[i % targets.length] + at(url, i) : at(url, i));
  const firstUrl = target(0);
  if (!isLoopback(firstUrl)) throw new Error(`refusing a non-loopback target: ${firstUrl}`);

  const latencies = [];
  const statuses = {};
  const errorSamples = [];
  const byTarget = targets ? Object.fromEntries(targets.map((t) => [t, { count: 0, errors: 0 }])) : undefined;
  let errors = 0;

  // Sends request i; its latency is counted from `from` (the send time, or the scheduled time).
  const one = async (i, from) => {
    const to = target(i);
    const verb = at(method, i);
    if (!isLoopback(to)) throw new Error(`refusing a non-loopback target: ${to}`);
    const t0 = from ?? performance.now();
    let failure = null;
    try {
      const res = await fetch(to, {
        method: verb,
        headers: at(headers, i),
        body: at(body, i),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (!isOk(res.status)) failure = `${verb} ${to} → ${res.status}`;
    } catch (err) {
      failure = `${verb} ${to} → ${err.cause?.code ?? err.name}: ${err.message}`;
    }
    latencies.push(performance.now() - t0);
    const mine = byTarget?.[targets[i % targets.length]];
    if (mine) mine.count += 1;
    if (failure) {
      errors += 1;
      if (mine) mine.errors += 1;
      if (errorSamples.length < 5) errorSamples.push(failure);
    }
  };

  const started = performance.now();
  let extra = {};
  if (open) {
    const interval = 1000 / ratePerSecond;
    let scheduled = Math.max(1, Math.round((ratePerSecond * durationMs) / 1000));
    if (requests !== undefined) scheduled = Math.min(scheduled, requests);
    const pending = new Set();
    let dropped = 0;
    let maxStartLagMs = 0;
    for (let k = 0; k < scheduled; ) {
      const due = started + k * interval;
      const now = performance.now();
      if (now < due) {
        await new Promise((resolve) => setTimeout(resolve, due - now));
        continue;
      }
      // Everything due by now starts now (the timer or the event loop may have been late);
      // each keeps its own scheduled time.
      for (; k < scheduled && started + k * interval <= now; k += 1) {
        const at_ = started + k * interval;
        if (pending.size >= maxInFlight) {
          dropped += 1;
          continue;
        }
        maxStartLagMs = Math.max(maxStartLagMs, now - at_);
        const p = one(k, at_).finally(() => pending.delete(p));
        pending.add(p);
      }
    }
    const sendingMs = performance.now() - started;
    await Promise.all(pending);
    extra = {
      mode: 'open',
      ratePerSecond,
      scheduled,
      dropped,
      // sent over the span they were sent in (one interval per request when on time)
      achievedRatePerSec: round(((scheduled - dropped) * 1000) / (sendingMs + interval)),
      maxStartLagMs: round(maxStartLagMs),
    };
  } else {
    let next = 0;
    const deadline = started + maxDurationMs;
    const worker = async () => {
      while (next < requests && performance.now() < deadline) {
        await one(next++);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  }

  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    ...(open ? {} : { mode: 'closed' }),
    ...extra,
    count: latencies.length,
    errors,
    errorSamples,
    statuses,
    ...(byTarget ? { byTarget } : {}),
    durationMs: round(elapsedMs),
    throughputPerSec: round((latencies.length * 1000) / elapsedMs),
    p50Ms: round(percentile(latencies, 50)),
    p90Ms: round(percentile(latencies, 90)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? NaN),
  };
}
