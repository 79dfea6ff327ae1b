// node --test scripts/load.test.mjs — the load generator's bounds, error counting and percentiles.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { runLoad, percentile, isLoopback } from './load.mjs';

async function withServer(handler, body) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await body(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test('percentile is nearest-rank', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.equal(percentile(ten, 50), 5);
  assert.equal(percentile(ten, 99), 10);
  assert.equal(percentile(ten, 0), 1);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('only loopback targets are accepted', async () => {
  assert.ok(isLoopback('http://127.0.0.1:8080/x'));
  assert.ok(isLoopback('http://127.4.5.6/'));
  assert.ok(isLoopback('http://localhost:1/'));
  assert.ok(isLoopback('http://[::1]:8080/'));
  assert.ok(!isLoopback('http://10.0.0.1/'));
  assert.ok(!isLoopback('http://127.0.0.1.example.com/'));
  await assert.rejects(runLoad({ url: 'http://192.168.1.1/' }), /non-loopback/);
});

test('sends exactly the requested count and counts non-2xx as errors', async () => {
  let served = 0;
  await withServer(
    (req, res) => {
      served += 1;
      res.statusCode = req.url === '/bad' ? 503 : 200;
      res.end('ok');
    },
    async (base) => {
      const r = await runLoad({
        url: (i) => (i % 10 === 0 ? `${base}/bad` : `${base}/good`),
        concurrency: 4,
        requests: 50,
      });
      assert.equal(r.count, 50);
      assert.equal(served, 50);
      assert.equal(r.errors, 5);
      assert.deepEqual(r.statuses, { 200: 45, 503: 5 });
      assert.match(r.errorSamples[0], /\/bad → 503/);
      assert.ok(r.p50Ms <= r.p99Ms && r.p99Ms <= r.maxMs);
      assert.ok(r.throughputPerSec > 0);
    },
  );
});

test('stops at the time bound', async () => {
  await withServer(
    (req, res) => setTimeout(() => res.end('slow'), 20),
    async (base) => {
      const r = await runLoad({ url: base, concurrency: 2, requests: 1_000_000, maxDurationMs: 200 });
      assert.ok(r.count > 0 && r.count < 100, `count ${r.count}`);
      assert.ok(r.durationMs < 1000, `duration ${r.durationMs}`);
      assert.equal(r.errors, 0);
    },
  );
});

test('a refused connection is an error, not a crash', async () => {
  const port = await withServer((req, res) => res.end(), async (base) => new URL(base).port);
  const r = await runLoad({ url: `http://127.0.0.1:${port}/`, concurrency: 2, requests: 4 });
  assert.equal(r.count, 4);
  assert.equal(r.errors, 4);
  assert.match(r.errorSamples[0], /ECONNREFUSED/);
});

// Open loop: a fixed arrival rate, latency from the scheduled start. The timing bounds are loose
// (the machine may be shared and busy); each test warms fetch and the server up first, since a
// cold first run on a busy machine takes hundreds of milliseconds by itself.
const warmUp = (base) => runLoad({ url: base, concurrency: 4, requests: 40 });

test('open loop keeps the schedule: rate × duration requests, spread over the duration', async () => {
  const arrivals = [];
  await withServer(
    (req, res) => {
      arrivals.push(performance.now());
      res.end('ok');
    },
    async (base) => {
      await warmUp(base);
      arrivals.length = 0;
      const r = await runLoad({ url: base, ratePerSecond: 200, durationMs: 1000 });
      assert.equal(r.mode, 'open');
      assert.equal(r.scheduled, 200);
      assert.equal(r.count, 200);
      assert.equal(arrivals.length, 200);
      assert.equal(r.dropped, 0);
      assert.equal(r.errors, 0);
      // Not a burst: the arrivals span the second (request 199 is due at 995 ms).
      const span = arrivals.at(-1) - arrivals[0];
      assert.ok(span > 900 && span < 3000, `arrivals spread over ${span} ms`);
      assert.ok(r.achievedRatePerSec > 100 && r.achievedRatePerSec <= 201, `achieved ${r.achievedRatePerSec}/s`);
      assert.ok(r.p50Ms <= r.p90Ms && r.p90Ms <= r.p99Ms && r.p99Ms <= r.maxMs);
    },
  );
});

test('open loop: requests keep arriving while the server holds its answers for 200 ms, and their wait counts', async () => {
  const arrivals = [];
  let stallFrom = Infinity;
  let stallUntil = 0;
  let measuring = false;
  await withServer(
    (req, res) => {
      const now = performance.now();
      arrivals.push(now);
      if (arrivals.length === 60 && stallFrom === Infinity && measuring) {
        // One stall: nothing is answered for 200 ms (a lock, a GC pause, a slow disk).
        stallFrom = now;
        stallUntil = now + 200;
      }
      setTimeout(() => res.end('ok'), Math.max(0, stallUntil - now));
    },
    async (base) => {
      await warmUp(base);
      arrivals.length = 0;
      measuring = true;
      const r = await runLoad({ url: base, ratePerSecond: 200, durationMs: 1000 });
      assert.equal(r.count, 200);
      assert.equal(r.dropped, 0);
      assert.equal(r.errors, 0);
      // Open loop: about 40 requests arrived during the stall instead of waiting for it to end.
      const during = arrivals.filter((t) => t > stallFrom && t < stallUntil).length;
      assert.ok(during >= 30, `${during} requests arrived during the stall`);
      // They queued: the first waited ~200 ms, the rest less; p99 and max show it.
      assert.ok(r.maxMs >= 190, `max ${r.maxMs}`);
      assert.ok(r.p99Ms >= 150, `p99 ${r.p99Ms}`);
      // ~30 of the ~40 that queued waited 50 ms or more: more than a tenth of all requests.
      assert.ok(r.p90Ms >= 50, `p90 ${r.p90Ms}`);
      assert.ok(r.p50Ms < r.p99Ms, `p50 ${r.p50Ms}`);
    },
  );
});

test('open loop measures from the scheduled time: a stall of the generator itself counts', async () => {
  // The server runs in this process; blocking its event loop for 200 ms blocks the generator too.
  // The requests due meanwhile are sent late, all at once, and each latency includes its lateness
  // (measured from the send instead, they would all look fast: coordinated omission).
  let served = 0;
  let stalls = 0;
  await withServer(
    (req, res) => {
      served += 1;
      if (served === 40 && stalls > 0) {
        stalls -= 1;
        const until = performance.now() + 400;
        while (performance.now() < until) {
          // busy: nothing else in this process runs
        }
      }
      res.end('ok');
    },
    async (base) => {
      await warmUp(base);
      served = 0;
      stalls = 1;
      const r = await runLoad({ url: base, ratePerSecond: 200, durationMs: 1000 });
      assert.equal(r.count, 200, 'the late requests are sent, not skipped');
      assert.equal(r.dropped, 0);
      assert.ok(r.maxStartLagMs >= 350, `start lag ${r.maxStartLagMs}`);
      assert.ok(r.maxMs >= 390, `max ${r.maxMs}`);
      assert.ok(r.p99Ms >= 300, `p99 ${r.p99Ms}`);
      // ~50 of them were due 150 ms or more before the block ended: a quarter of all requests.
      // Measured from the send, only the one or two in flight during the block look slow.
      assert.ok(r.p90Ms >= 150, `p90 ${r.p90Ms}`);

      // The closed loop over the same stall sees one slow request: its p99 stays lower.
      served = 0;
      stalls = 1;
      const c = await runLoad({ url: base, concurrency: 1, requests: 200 });
      assert.ok(c.maxMs >= 390, `closed max ${c.maxMs}`);
      assert.ok(c.p99Ms < r.p99Ms, `closed p99 ${c.p99Ms} vs open ${r.p99Ms}`);
    },
  );
});

test('open loop is bounded: beyond maxInFlight a scheduled request is dropped and reported', async () => {
  let served = 0;
  await withServer(
    (req, res) => {
      served += 1;
      setTimeout(() => res.end('slow'), 500);
    },
    async (base) => {
      const r = await runLoad({ url: base, ratePerSecond: 100, durationMs: 300, maxInFlight: 5 });
      assert.equal(r.scheduled, 30);
      assert.equal(r.count, 5);
      assert.equal(served, 5);
      assert.equal(r.dropped, 25);
      assert.equal(r.errors, 0);
      assert.ok(r.p50Ms >= 490, `p50 ${r.p50Ms}`);
    },
  );
});

test('targets: requests alternate between several base URLs, counted per target', async () => {
  const seen = { a: [], b: [] };
  const methods = [];
  await withServer(
    (req, res) => {
      if (req.url === '/y') methods.push(req.method);
      seen.a.push(req.url);
      res.end('a');
    },
    (a) =>
      withServer(
        (req, res) => {
          if (req.url === '/y') methods.push(req.method);
          seen.b.push(req.url);
          res.statusCode = req.url === '/x/3' ? 500 : 200;
          res.end('b');
        },
        async (b) => {
          const r = await runLoad({ targets: [a, `${b}/`], url: (i) => `/x/${i}`, ratePerSecond: 100, durationMs: 100 });
          assert.equal(r.count, 10);
          assert.deepEqual(seen.a, ['/x/0', '/x/2', '/x/4', '/x/6', '/x/8']);
          assert.deepEqual(seen.b, ['/x/1', '/x/3', '/x/5', '/x/7', '/x/9']);
          assert.deepEqual(r.byTarget, { [a]: { count: 5, errors: 0 }, [b]: { count: 5, errors: 1 } });
          const c = await runLoad({
            targets: [a, b],
            url: '/y',
            method: (i) => (i < 2 ? 'GET' : 'POST'),
            body: (i) => (i < 2 ? undefined : 'x'),
            concurrency: 1,
            requests: 4,
          });
          assert.equal(c.count, 4);
          assert.deepEqual(methods, ['GET', 'GET', 'POST', 'POST']);
          assert.equal(seen.a.filter((u) => u === '/y').length, 2);
        },
      ),
  );
  await assert.rejects(runLoad({ targets: ['http://127.0.0.1:1', 'http://10.0.0.1'], url: '/' }), /non-loopback/);
});

test('open loop option checks', async () => {
  await assert.rejects(runLoad({ url: 'http://127.0.0.1:1/', ratePerSecond: 0, durationMs: 100 }), /ratePerSecond/);
  await assert.rejects(runLoad({ url: 'http://127.0.0.1:1/', ratePerSecond: 10 }), /durationMs/);
  await assert.rejects(runLoad({ url: 'http://127.0.0.1:1/', ratePerSecond: 10, durationMs: 100, maxInFlight: 0 }), /maxInFlight/);
});
