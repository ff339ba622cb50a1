// `npm run bench`: the whole benchmark of issue 12, on SQLite (default) or on the MySQL / MariaDB
// database that DATABASE_URL names (its name must contain "bench": its tables are dropped).
//
//   npm run bench -- [--sizes 10000,100000,1000000] [--duration 5] [--rounds 2] [--connections 32]
//                    [--instances 1] [--no-write] [--report] [--alternatives <DATABASE_URL of a run's database>]
//
// For each size: a fresh database with the demo data and the generated dataset (bulk-loaded, timed),
// then the app in its own process (start-up time and peak RSS measured), a standalone WeChat
// sandbox, and a bare node:http server. Each round runs, one after the other with autocannon: the
// bare ceiling, every row of the issue's table, /orders of a user with 200 orders, /order/buy
// through the sandbox and the payment notification; ratios are taken within the round (req/s of
// the row over req/s of the bare server), then the median over rounds. Every measured request is
// checked first against a brute-force count of the generated data, and every answer during the
// load is checked too (identical to the checked one, or code 0). Writes bench/latest.json,
// bench/runs/<database>-<instances>.json and BENCHMARKS.md from all runs kept (unless --no-write);
// --report only renders BENCHMARKS.md again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { measureAlternatives } from './alternatives.mjs';
import { commitCeiling, cpuPerOrder, cpuSnapshot, signingCeiling } from './ceilings.mjs';
import { api, call, load, median } from './measure.mjs';
import { populate } from './populate.mjs';
import { startApp, startBare, startNotifyRelay, startSandbox } from './processes.mjs';
import { renderBenchmarks, writeReport } from './report.mjs';
import { APP1, catalogRows, REFERER } from './rows.mjs';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    instances: { type: 'string', default: '1' },
    'base-port': { type: 'string', default: process.env.BENCH_PORT ?? '3900' },
    'no-write': { type: 'boolean', default: false },
    report: { type: 'boolean', default: false },
    alternatives: { type: 'string' },
    // Where the SQLite databases go (default <tmp>/o2o-bench); BENCH_DIR says the same.
    dir: { type: 'string', default: process.env.BENCH_DIR ?? join(tmpdir(), 'o2o-bench') },
    // Only these rows (comma-separated keys, e.g. order-buy,pay-notify) besides the bare ceiling; all by default.
    only: { type: 'string' },
    // The sandbox's port (default: base port + 100).
    'sandbox-port': { type: 'string' },
  },
});
const sizes = args.sizes.split(',').map(Number);
const duration = Number(args.duration);
const rounds = Number(args.rounds);
const connections = Number(args.connections);
const instances = Number(args.instances);
const basePort = Number(args['base-port']);
const mysqlUrl = process.env.DATABASE_URL?.startsWith('mysql://') ? process.env.DATABASE_URL : null;
const folder = args.dir;
const only = args.only ? new Set(args.only.split(',')) : null;
const wanted = (key) => only === null || only.has(key);
mkdirSync(folder, { recursive: true });

async function loginBuyer(base, i) {
  const headers = { Referer: REFERER };
  const login = await api(base, { method: 'POST', path: '/api/user/wxLogin', headers, body: JSON.stringify({ code: `bench-buyer-${i}` }) });
  const token = login.data.token;
  const mobile = String(13700000000 + i);
  const sent = await api(base, { method: 'POST', path: '/api/user/sms/verify_code', headers, body: JSON.stringify({ token, mobile }) });
  if (sent.code !== 0) throw new Error(`verify_code: ${JSON.stringify(sent)}`);
  const bound = await api(base, { method: 'POST', path: '/api/user/login', headers, body: JSON.stringify({ token, mobile, verify_code: sent.data.verify_code }) });
  if (bound.code !== 0) throw new Error(`login: ${JSON.stringify(bound)}`);
  return token;
}

const buy = (base, token, goodsId) =>
  api(base, { method: 'POST', path: '/api/user/order/buy', headers: { Referer: REFERER }, body: JSON.stringify({ token, goods_id: goodsId, number: 1 }) });

async function benchSize(size) {
  const url = mysqlUrl ?? `sqlite:${join(folder, `bench-${size}.sqlite`)}`;
  console.log(`\n== ${size.toLocaleString('en')} merchants on ${mysqlUrl ? 'MariaDB' : 'SQLite'}${instances > 1 ? `, ${instances} instances` : ''}`);
  const data = await populate(url, size);
  console.log(`loaded in ${data.loadSeconds.toFixed(1)} s (${JSON.stringify(data.rows)})`);

  const sandboxPort = args['sandbox-port'] ? Number(args['sandbox-port']) : basePort + 100;
  const sandbox = await startSandbox(sandboxPort);
  // Ports: the first instance on base, the bare server base+1, the relay base+2, more instances base+3…, the sandbox base+100.
  const appPorts = Array.from({ length: instances }, (_, i) => (i === 0 ? basePort : basePort + 2 + i));
  const bases = appPorts.map((port) => `http://127.0.0.1:${port}`);
  const relay = await startNotifyRelay(basePort + 2, bases[0]);
  const apps = [];
  const children = [sandbox];
  try {
    for (const port of appPorts) {
      const app = await startApp({
        DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', APP_ENV: 'development', LOG_LEVEL: 'warn', DEMO_DATA: 'off',
        WECHAT_SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`, PUBLIC_BASE_URL: relay.url, ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0',
        RECONCILE_SECONDS: '0', SMS_HOURLY_PER_IP: '100000', SMS_DAILY_PER_MOBILE: '1000', MAX_UNPAID_ORDERS_PER_USER: '1000',
      });
      apps.push(app);
      children.push(app);
    }
    const bare = await startBare(basePort + 1);
    children.push(bare);
    const base = bases[0];

    // Who calls: the demo user (200 orders, half paid) and twenty buyers of their own.
    const token = (await api(base, { method: 'POST', path: '/api/user/wxLogin', headers: { Referer: REFERER }, body: JSON.stringify({ code: 'user' }) })).data.token;
    const goodsIds = data.sample.goodsIds;
    const existing = (await api(base, { path: `/api/user/orders?token=${token}`, headers: { Referer: REFERER } })).data.total;
    for (let i = existing; i < 200; i++) {
      const order = await buy(base, token, goodsIds[i % goodsIds.length]);
      if (order.code !== 0) throw new Error(`buy: ${JSON.stringify(order)}`);
      if (i % 2 === 0) await call(`http://127.0.0.1:${sandboxPort}`, { method: 'POST', path: `/wechat-sandbox/pay/${order.data.order_no}/succeed` });
    }
    const buyers = [];
    for (let i = 0; i < 20; i++) buyers.push(await loginBuyer(base, i));

    // Every row checked once, then its load must answer the same.
    const rows = catalogRows({ token, goodsId: goodsIds[0], merchantId: data.sample.merchantIdWithGoods, counts: data.counts }).filter((row) => wanted(row.key));
    await waitForPaidOrders(base, token);
    // On every instance: each must answer right, and the same as the others.
    for (const row of rows) {
      for (const instance of bases) {
        const answer = await call(instance, row.request);
        const problem = row.check(JSON.parse(answer.text));
        if (problem) throw new Error(`wrong answer from ${instance}: ${problem}`);
        if (row.expectBody !== undefined && answer.text !== row.expectBody) throw new Error(`${row.key}: ${instance} answers otherwise than ${base}`);
        row.expectBody = answer.text;
      }
    }
    // Each instance builds its indexes in the background after start-up: the load starts once they are all idle.
    await untilIdle(Object.fromEntries(apps.map((app, i) => [`app ${i + 1}`, app.pid])));
    console.log(`every row answers right (nearby ${data.counts.dense} / ${data.counts.sparse}, keywords ${data.counts.keywords.join(' / ')}, city ${data.counts.city})`);
    if (process.env.BENCH_DEBUG) console.log(`  after the checks: app peak RSS ${apps.map((a) => Math.round(a.peakRssMb())).join(", ")} MB, now ${apps.map((a) => Object.entries(a.rssNowMb()).map(([kind, mb]) => `${kind} ${Math.round(mb)}`).join(' ')).join('; ')} MB`);

    let buyer = 0;
    const buyGoods = goodsIds[1];
    const buyRow = {
      key: 'order-buy', label: '/order/buy through the sandbox', goal: { ofSigningCeiling: 0.6 },
      requests: [{ method: 'POST', path: '/api/user/order/buy', headers: { Referer: REFERER, 'Content-Type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ token: buyers[buyer++ % buyers.length], goods_id: buyGoods, number: 1 }) }) }],
      verify: (text) => text.includes('"code":0') && text.includes('paySign'),
    };
    const notifyRow = wanted('pay-notify') ? await heldNotifications(base, sandboxPort, relay, buyers, goodsIds[2]) : null;

    const ceiling = signingCeiling();
    // The other bounds of /order/buy, measured beside it: fsync'd commits (SQLite), and CPU per order.
    const commits = mysqlUrl ? null : commitCeiling(folder);
    const pids = Object.fromEntries([...apps.map((app, i) => [apps.length > 1 ? `app ${i + 1}` : 'app', app.pid]), ['sandbox', sandbox.pid]]);
    const measured = new Map();
    const record = (key, result) => {
      measured.set(key, [...(measured.get(key) ?? []), result]);
      // BENCH_DEBUG: which row raised the app's peak memory.
      if (process.env.BENCH_DEBUG) {
        const cpu = result.cpu ? `, CPU per request: ${Object.entries(result.cpu.msPerOrder).map(([name, ms]) => `${name} ${Math.round(ms * 1000)} µs`).join(', ')}` : '';
        console.log(`  ${key}: ${Math.round(result.rps)} req/s${cpu}, app peak RSS ${apps.map((a) => Math.round(a.peakRssMb())).join(', ')} MB, now ${apps.map((a) => Object.entries(a.rssNowMb()).map(([kind, mb]) => `${kind} ${Math.round(mb)}`).join(' ')).join('; ')} MB`);
        heapOf(base).then((heap) => console.log(`    app heap (MB): ${heap}`), () => {});
        if (process.env.BENCH_SNAPSHOT === key) process.kill(apps[0].pid, 'SIGUSR2');
      }
    };
    for (let round = 0; round < rounds; round++) {
      const bareBefore = cpuSnapshot({ bare: bare.pid });
      const bareResult = await load([`http://127.0.0.1:${basePort + 1}`], { requests: [{ method: 'GET', path: '/' }], duration, connections });
      record('bare', { ...bareResult, cpu: cpuPerOrder(bareBefore, cpuSnapshot({ bare: bare.pid }), bareResult.requests) });
      for (const row of rows) {
        const before = cpuSnapshot(pids);
        const result = await load(bases, { requests: [row.request], duration, connections, expectBody: row.expectBody });
        record(row.key, { ...result, ratio: result.rps / bareResult.rps, cpu: cpuPerOrder(before, cpuSnapshot(pids), result.requests) });
      }
      if (wanted(buyRow.key)) {
        const before = cpuSnapshot(pids);
        const bought = await load(bases, { requests: buyRow.requests, duration, connections: Math.min(connections, 16), verify: buyRow.verify });
        const cpu = cpuPerOrder(before, cpuSnapshot(pids), bought.requests);
        record(buyRow.key, { ...bought, ratio: bought.rps / bareResult.rps, ofCeiling: bought.rps / ceiling.ordersPerSecond, cpu });
      }
      if (notifyRow) {
        const notified = await load(bases, { requests: notifyRow.requests, duration, connections: Math.min(connections, 16) });
        record(notifyRow.key, { ...notified, ratio: notified.rps / bareResult.rps });
      }
      console.log(`round ${round + 1}/${rounds} done (bare ${Math.round(bareResult.rps)} req/s)`);
    }
    await notifyRow?.confirm();

    const summarise = (key) => {
      const results = measured.get(key);
      return {
        rps: median(results.map((r) => r.rps)), p50: median(results.map((r) => r.p50)), p99: median(results.map((r) => r.p99)),
        ratio: key === 'bare' ? 1 : median(results.map((r) => r.ratio)), errors: results.reduce((s, r) => s + r.errors, 0),
        ...(results[0].ofCeiling === undefined ? {} : { ofCeiling: median(results.map((r) => r.ofCeiling)) }),
        ...(results[0].cpu === undefined ? {} : { cpu: medianBy(results.map((r) => r.cpu), (c) => c.totalMsPerOrder) }),
      };
    };
    const table = [{ key: 'bare', label: 'bare node:http (envelope)', goal: null }, ...rows, buyRow, ...(notifyRow ? [notifyRow] : [])].filter((row) => measured.has(row.key)).map((row) => ({
      key: row.key, label: row.label, goal: row.goal, ...summarise(row.key),
    }));
    const wire = only === null ? await wireSizes(base, token) : [];
    const alternatives = only === null ? await measureAlternatives(url, data) : null;
    return {
      size, database: mysqlUrl ? 'mariadb' : 'sqlite', instances, loadSeconds: data.loadSeconds, rows: data.rows, counts: data.counts,
      startupMs: apps.map((a) => a.startupMs), peakRssMb: apps.map((a) => a.peakRssMb()), signing: ceiling, commits, table, wire, alternatives,
    };
  } finally {
    for (const child of children.reverse()) await child.stop();
    await relay.stop();
  }
}

/** Resolves once every process of `pids` spent under 5 % of a core over a second (at most two minutes). */
async function untilIdle(pids) {
  for (let i = 0; i < 120; i++) {
    const before = cpuSnapshot(pids);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const spent = cpuPerOrder(before, cpuSnapshot(pids), 1).msPerOrder;
    if (Object.entries(spent).every(([name, ms]) => name === 'load generator' || ms < 50)) return;
  }
  throw new Error('the app instances did not go idle within two minutes of the checks');
}

/** BENCH_DEBUG: the V8 heap of the app at `base`, from its /metrics (MB by space, and external memory). */
async function heapOf(base) {
  const text = (await call(base, { path: '/metrics' })).text;
  const mb = (pattern) => (Number(pattern.exec(text)?.[1] ?? 0) / 2 ** 20).toFixed(0);
  return `total ${mb(/^nodejs_heap_size_total_bytes (\S+)/m)}, used ${mb(/^nodejs_heap_size_used_bytes (\S+)/m)}, new ${mb(/^nodejs_heap_space_size_total_bytes\{space="new"\} (\S+)/m)}, old ${mb(/^nodejs_heap_space_size_total_bytes\{space="old"\} (\S+)/m)}, external ${mb(/^nodejs_external_memory_bytes (\S+)/m)}`;
}

/** The item whose `key` is the median (the lower middle one for an even count). */
function medianBy(items, key) {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor((items.length - 1) / 2)];
}

/** Waits until the notifications of the demo user's paid orders have been recorded (half of 200). */
async function waitForPaidOrders(base, token) {
  for (let i = 0; i < 200; i++) {
    const paid = await api(base, { path: `/api/user/orders?status=4&token=${token}`, headers: { Referer: REFERER } });
    if (paid.data?.total >= 100) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the demo user\'s payments were not recorded');
}

/**
 * The payment notification: 200 orders paid in the sandbox whose notifications the relay holds;
 * the load replays them (the first of each records the payment, the rest are the duplicates WeChat
 * Pay sends). `confirm` checks afterwards that the orders are paid.
 */
async function heldNotifications(base, sandboxPort, relay, buyers, goodsId) {
  relay.hold();
  const orders = [];
  for (let i = 0; i < 200; i++) {
    const token = buyers[i % buyers.length];
    const order = await buy(base, token, goodsId);
    if (order.code !== 0) throw new Error(`buy: ${JSON.stringify(order)}`);
    orders.push({ token, orderNo: order.data.order_no });
    await call(`http://127.0.0.1:${sandboxPort}`, { method: 'POST', path: `/wechat-sandbox/pay/${order.data.order_no}/succeed` });
  }
  for (let i = 0; relay.held.length < orders.length; i++) {
    if (i > 300) throw new Error(`only ${relay.held.length} notifications arrived`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  relay.forward();
  const held = [...relay.held];
  let next = 0;
  return {
    key: 'pay-notify', label: 'payment notification (200 orders, then duplicates)', goal: null,
    requests: [{ method: 'POST', path: held[0].path, setupRequest: (req) => {
      const n = held[next++ % held.length];
      return { ...req, path: n.path, headers: n.headers, body: n.body };
    } }],
    async confirm() {
      for (const { token, orderNo } of orders) {
        const detail = await api(base, { path: `/api/user/order/detail?order_no=${orderNo}&token=${token}`, headers: { Referer: REFERER } });
        if (detail.data?.status !== 4) throw new Error(`order ${orderNo} not paid after its notifications: ${JSON.stringify(detail).slice(0, 200)}`);
      }
    },
  };
}

/** Bytes of the rarely-changing answers: plain, gzip, brotli, and a 304 revalidation. */
async function wireSizes(base, token) {
  const sizes = [];
  for (const path of ['/api/user/area/tree', '/api/user/area/cities/withHot', '/api/user/merchant/categories/tree']) {
    const full = `${path}?token=${token}`;
    const headers = { Referer: REFERER };
    const plain = await call(base, { path: full, headers });
    const gzip = await call(base, { path: full, headers: { ...headers, 'Accept-Encoding': 'gzip' } });
    const br = await call(base, { path: full, headers: { ...headers, 'Accept-Encoding': 'br' } });
    const again = await call(base, { path: full, headers: { ...headers, 'Accept-Encoding': 'br', 'If-None-Match': plain.headers.etag } });
    if (gzip.text !== plain.text || br.text !== plain.text || again.status !== 304) throw new Error(`${path}: compression or ETag answered wrong`);
    sizes.push({ path, plain: plain.wireBytes, gzip: gzip.wireBytes, br: br.wireBytes, notModified: again.wireBytes });
  }
  return sizes;
}

if (args.report) {
  renderBenchmarks();
  process.exit(0);
}
if (args.alternatives) {
  // Measures the alternatives again on a database a run left (its largest size), into that run's record.
  const file = new URL(`../../bench/runs/${args.alternatives.startsWith('mysql://') ? 'mariadb' : 'sqlite'}-1.json`, import.meta.url);
  const run = JSON.parse(readFileSync(file, 'utf8'));
  run.results.at(-1).alternatives = await measureAlternatives(args.alternatives);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  renderBenchmarks();
  process.exit(0);
}
const results = [];
for (const size of sizes) results.push(await benchSize(size));
// A run of some rows (--only) is for looking at them: it prints them, and the records of full runs stay as they are.
writeReport(results, { duration, rounds, connections, instances, write: !args['no-write'] && only === null, argv: process.argv.slice(2) });
