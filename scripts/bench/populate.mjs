// A bench database from nothing: the app's migrations, area tree and demo data (opers with their
// WeChat Pay keys, the demo user), then the generated catalog, users and background orders.
import { mkdirSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createKnex, insertCategory } from '../../dist/adapters/knex/index.js';
import { loadConfig } from '../../dist/apps/composition/config.js';
import { startServer } from '../../dist/apps/start-app.js';
import { CATEGORIES, generateMerchants, emptyCounts, random, tally } from './dataset.mjs';
import { openLoader } from './load.mjs';

/** Empties the database of `url`: a new SQLite file, or every table of a MySQL database named *bench*. */
export async function freshDatabase(url) {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    mkdirSync(new URL('.', `file://${path}`).pathname, { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    return;
  }
  const database = new URL(url).pathname.slice(1);
  if (!database.includes('bench')) throw new Error(`refusing to empty MySQL database "${database}": its name must contain "bench"`);
  const knex = createKnex(url);
  try {
    const [tables] = await knex.raw('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
    await knex.raw('SET foreign_key_checks = 0');
    for (const { name } of tables) await knex.raw('DROP TABLE ??', [name]);
  } finally {
    await knex.destroy();
  }
}

/** Migrations, areas and demo data, by starting the app once in this process. */
async function migrateWithDemo(url) {
  const running = await startServer(loadConfig({ DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', APP_ENV: 'development' }));
  await running.close();
}

/**
 * Fills a fresh database with `size` merchants. Resolves to the brute-force counts, samples to aim
 * requests at, and how long the bulk load took.
 */
export async function populate(url, size) {
  await freshDatabase(url);
  await migrateWithDemo(url);
  const knex = createKnex(url);
  let demo;
  const categories = [];
  try {
    const maxOf = async (table) => Number((await knex(table).max({ m: 'id' }))[0].m ?? 0);
    demo = { merchant: await maxOf('merchants'), goods: await maxOf('goods'), user: await maxOf('users'), order: await maxOf('orders') };
    const oper = await knex('opers').where({ appid: 'wx0000000000000001' }).first('id');
    demo.operId = Number(oper.id);
    for (const [sort, [top, children]] of CATEGORIES.entries()) {
      const pid = await insertCategory(knex, { pid: 0, name: top, icon: '', status: 1, sort: 100 + sort });
      categories.push({ id: pid, pid: 0, name: top });
      for (const [i, name] of children.entries()) categories.push({ id: await insertCategory(knex, { pid, name, icon: '', status: 1, sort: i }), pid, name });
    }
    const all = await knex('merchant_categories').select('id', 'name');
    demo.categoryName = new Map(all.map((c) => [Number(c.id), c.name]));
    demo.merchants = await knex('merchants').select('*');
  } finally {
    await knex.destroy();
  }

  const started = performance.now();
  const loader = await openLoader(url);
  const generated = await generateMerchants({
    count: size, firstId: demo.merchant + 1, firstGoodsId: demo.goods + 1, operId: demo.operId, categories,
    onChunk: async ({ merchants, goods }) => {
      await loader.insert('merchants', merchants);
      await loader.insert('goods', goods);
    },
  });
  const users = Math.max(100, Math.floor(size / 10));
  const orders = Math.floor(size / 5);
  await loadUsersAndOrders(loader, { users, orders, firstUser: demo.user + 1, firstOrder: demo.order + 1, operId: demo.operId, firstGoods: demo.goods + 1, goodsCount: generated.goodsCount, firstMerchant: demo.merchant + 1, merchants: size });
  await loader.finish();
  const loadSeconds = (performance.now() - started) / 1000;

  const counts = emptyCounts();
  for (const m of demo.merchants) tally(counts, m, demo.categoryName.get(Number(m.merchant_category_id)) ?? '');
  for (const key of ['dense', 'sparse', 'city']) counts[key] += generated.counts[key];
  counts.keywords = counts.keywords.map((n, k) => n + generated.counts.keywords[k]);
  return { counts, sample: generated.sample, loadSeconds, rows: { merchants: size, goods: generated.goodsCount, users, orders } };
}

/** Users with mobiles, and closed orders spread over them (the orders table at a realistic size). */
async function loadUsersAndOrders(loader, o) {
  const next = random(7);
  const CHUNK = 5000;
  const at = Date.UTC(2025, 0, 1);
  for (let start = 0; start < o.users; start += CHUNK) {
    const rows = [];
    for (let i = start; i < Math.min(o.users, start + CHUNK); i++) {
      rows.push({ id: o.firstUser + i, name: `用户${i}`, mobile: String(15000000000 + i), created_at: at, updated_at: at });
    }
    await loader.insert('users', rows);
  }
  for (let start = 0; start < o.orders; start += CHUNK) {
    const rows = [];
    for (let i = start; i < Math.min(o.orders, start + CHUNK); i++) {
      const created = at + Math.floor(next() * 300 * 86_400_000);
      rows.push({
        id: o.firstOrder + i, oper_id: o.operId, order_no: `B${String(i).padStart(19, '0')}`, user_id: o.firstUser + Math.floor(next() * o.users),
        notify_mobile: null, merchant_id: o.firstMerchant + Math.floor(next() * o.merchants), merchant_name: '商户', goods_id: o.firstGoods + Math.floor(next() * Math.max(1, o.goodsCount)),
        goods_name: '套餐', goods_pic: '', goods_thumb_url: '', price: 1990, buy_number: 1, pay_price: 1990, pay_time: null, transaction_id: null,
        refund_price: null, refund_time: null, status: 3, created_at: created, updated_at: created,
      });
    }
    await loader.insert('orders', rows);
  }
}
