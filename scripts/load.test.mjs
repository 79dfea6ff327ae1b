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
