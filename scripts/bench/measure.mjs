// Load generation (autocannon) and the small HTTP helpers of the bench.
import autocannon from 'autocannon';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/** One request; resolves to {status, headers, text, wireBytes} (decoded when compressed). */
export function call(base, { method = 'GET', path, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const plain = encoding === 'br' ? brotliDecompressSync(wire) : encoding === 'gzip' ? gunzipSync(wire) : wire;
        resolve({ status: res.statusCode, headers: res.headers, text: plain.toString('utf8'), wireBytes: wire.length });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `call` + JSON.parse of the envelope. */
export async function api(base, request) {
  const answer = await call(base, request);
  return JSON.parse(answer.text);
}

/**
 * Runs autocannon against every base URL at once (connections shared out) for `duration` seconds.
 * `requests`: autocannon's request list. `expectBody`: every answer must be this text. `verify`:
 * called with each answer's body text; answers false are counted as wrong.
 */
export async function load(bases, { requests, duration, connections, expectBody, verify }) {
  let wrong = 0;
  const single = requests.length === 1 && !requests[0].setupRequest ? requests[0] : null;
  const runs = bases.map((base) =>
    autocannon({
      url: single ? `${base}${single.path}` : base,
      connections: Math.max(1, Math.round(connections / bases.length)),
      duration,
      // One plain request goes as the top-level options (autocannon checks expectBody only there).
      ...(single ? { method: single.method, headers: single.headers ?? {}, ...(single.body ? { body: single.body } : {}) } : { requests }),
      ...(expectBody === undefined ? {} : { expectBody }),
      ...(verify ? { setupClient: (client) => client.on('body', (body) => void (verify(body.toString('utf8')) || wrong++)) } : {}),
    }),
  );
  const results = await Promise.all(runs);
  return {
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx + (r.mismatches ?? 0), 0) + wrong,
    requests: results.reduce((sum, r) => sum + r.requests.total, 0),
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
