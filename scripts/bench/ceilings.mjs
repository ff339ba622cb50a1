// What bounds /order/buy on this machine, measured in the bench's own run beside the load:
// RSA-2048 signatures per second (the ceiling), fsync'd SQLite commits per second, and
// the CPU each process spends per order (read from /proc before and after the load).
import Database from 'better-sqlite3';
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Signatures one order needs from the app: the prepay request to WeChat Pay and `paySign`. */
const APP_SIGNATURES_PER_ORDER = 2;
/** Commits one order makes (order created and marked prepaid in one transaction). */
export const COMMITS_PER_ORDER = 1;

/** RSA-2048 SHA-256 signatures per second on one thread of this process: the ceiling of /order/buy (two per order). */
export function signingCeiling(seconds = 2) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const message = Buffer.from('POST\n/v3/pay/transactions/jsapi\n1700000000\nnonce\n{"amount":{"total":1990}}\n');
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    sign('sha256', message, privateKey);
    n++;
  }
  const perSecond = n / ((performance.now() - started) / 1000);
  return { signaturesPerSecond: perSecond, signaturesPerOrder: APP_SIGNATURES_PER_ORDER, ordersPerSecond: perSecond / APP_SIGNATURES_PER_ORDER };
}

/**
 * Commits per second of an order-shaped write transaction on a SQLite file in `folder` (the bench
 * database's disk), WAL with synchronous=FULL, one at a time (each commit fsyncs the WAL before it
 * returns, blocking the one thread that runs it): a row inserted into a table with the orders'
 * five secondary indexes and a stock row updated, so that each commit writes about as many pages
 * as a buy's. How many orders/s one fsync per order would allow; the app shares one sync among the
 * commits made while the previous one runs (group commit), off its event loop.
 */
export function commitCeiling(folder, seconds = 2) {
  const file = join(folder, 'commit-ceiling.sqlite');
  const remove = () => ['', '-wal', '-shm'].forEach((suffix) => rmSync(`${file}${suffix}`, { force: true }));
  remove();
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE goods (id INTEGER PRIMARY KEY, stock INTEGER);
      INSERT INTO goods (id, stock) VALUES (1, NULL);
      CREATE TABLE orders (id INTEGER PRIMARY KEY, oper_id INTEGER, order_no TEXT NOT NULL UNIQUE, user_id INTEGER, status INTEGER,
        created_at INTEGER, next_check_at INTEGER, body TEXT NOT NULL);
      CREATE INDEX orders_oper ON orders (oper_id); CREATE INDEX orders_user ON orders (user_id, created_at);
      CREATE INDEX orders_status ON orders (status, created_at); CREATE INDEX orders_check ON orders (status, next_check_at);`);
    const insert = db.prepare('INSERT INTO orders (oper_id, order_no, user_id, status, created_at, next_check_at, body) VALUES (1, ?, ?, 1, ?, ?, ?)');
    const reserve = db.prepare('UPDATE goods SET stock = stock - 1 WHERE id = 1');
    const body = 'x'.repeat(300);
    const write = db.transaction((n) => {
      reserve.run();
      insert.run(`2026120100000000${String(n).padStart(8, '0')}`, n % 20, Date.now(), Date.now() + 10_000, body);
    });
    let n = 0;
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) write.immediate(n++);
    const perSecond = n / ((performance.now() - started) / 1000);
    return { commitsPerSecond: perSecond, commitsPerOrder: COMMITS_PER_ORDER, ordersPerSecond: perSecond / COMMITS_PER_ORDER };
  } finally {
    db.close();
    remove();
  }
}

/**
 * CPU time (user + system, ms) of the processes named by `pids` and of this process, so far;
 * `since(earlier)` gives each one's share over a measurement.
 */
export function cpuSnapshot(pids) {
  const ticks = 100; // USER_HZ on Linux
  const of = (pid) => {
    const stat = readStat(pid);
    return stat === null ? null : { user: (Number(stat[11]) * 1000) / ticks, system: (Number(stat[12]) * 1000) / ticks };
  };
  const own = process.cpuUsage();
  return { at: performance.now(), processes: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, of(pid)])), bench: { user: own.user / 1000, system: own.system / 1000 } };
}

/**
 * Per order: CPU ms of each process between two snapshots (user + system, and the system part
 * apart), their sum, and the bound it sets on this machine's cores.
 */
export function cpuPerOrder(before, after, orders) {
  const perOrder = {};
  const systemPerOrder = {};
  const spent = (name, then, now) => {
    if (then === null || now === null) return;
    perOrder[name] = (now.user + now.system - then.user - then.system) / orders;
    systemPerOrder[name] = (now.system - then.system) / orders;
  };
  for (const [name, now] of Object.entries(after.processes)) spent(name, before.processes[name], now);
  spent('load generator', before.bench, after.bench);
  const total = Object.values(perOrder).reduce((sum, ms) => sum + ms, 0);
  const wallSeconds = (after.at - before.at) / 1000;
  return { msPerOrder: perOrder, systemMsPerOrder: systemPerOrder, totalMsPerOrder: total, cores: cpus().length, ordersPerSecond: (cpus().length * 1000) / total, busyCores: (total * orders) / 1000 / wallSeconds };
}

function readStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}
