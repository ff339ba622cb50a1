// What SQLite's synchronous=FULL (the app's setting: a commit is on disk before it returns)
// costs against synchronous=NORMAL (WAL's usual: a power loss may lose the last commits), on
// an order-shaped write transaction through the app's own knex adapter: under the order's lock,
// an order added, moved to paid, two verification codes issued. Rounds alternate the two
// settings on fresh file databases; medians are reported with the ratio, measured in one run.
// Needs the build (`npx tsc -p .`): it imports from dist/.
//
//   node scripts/bench/sqlite-durability-bench.mjs [--transactions=2000] [--rounds=3] [--dir=/tmp]
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('../../', import.meta.url);
const { values: args } = parseArgs({
  options: {
    transactions: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    dir: { type: 'string', default: '/tmp' },
  },
});
const { createKnex, migrateLatest, knexRepositories, KnexUnitOfWork } = await import(new URL('dist/adapters/knex/index.js', root).href);
const { ORDER_MOVES, orderLock } = await import(new URL('dist/core/index.js', root).href);

const transactions = Number(args.transactions);
const folder = mkdtempSync(join(args.dir, 'o2o-durability-'));

async function round(mode, n) {
  const knex = createKnex(`sqlite:${join(folder, `${mode}-${n}.sqlite`)}`);
  try {
    await knex.raw(`PRAGMA synchronous = ${mode}`);
    const [{ synchronous }] = await knex.raw('PRAGMA synchronous');
    if (synchronous !== (mode === 'FULL' ? 2 : 1)) throw new Error(`synchronous is ${synchronous}, not ${mode}`);
    await migrateLatest(knex);
    const user = await knexRepositories(knex).users.findOrCreateByMobile('13800000001', 'bench', new Date());
    const uow = new KnexUnitOfWork(knex);
    const started = performance.now();
    for (let i = 0; i < transactions; i += 1) {
      const now = new Date();
      const orderNo = `${n}${String(i).padStart(20, '0')}`;
      await uow.run(async ({ locks, orders }) => {
        await locks.acquire(orderLock(orderNo));
        const order = await orders.add({
          operId: 1, orderNo, userId: user.id, notifyMobile: null, merchantId: 1, merchantName: 'm', goodsId: 1, goodsName: 'g',
          goodsPic: '', goodsThumbUrl: '', price: 19900, buyNumber: 2, payPrice: 39800, createdAt: now,
        });
        await orders.transition(order.id, ORDER_MOVES.pay, { payTime: now, transactionId: `tx${orderNo}` }, now);
        await orders.addItem(order.id, `1${String(i * 2).padStart(11, '0')}`.slice(-12), now);
        await orders.addItem(order.id, `2${String(i * 2 + 1).padStart(11, '0')}`.slice(-12), now);
      });
    }
    return transactions / ((performance.now() - started) / 1000);
  } finally {
    await knex.destroy();
  }
}

const results = { NORMAL: [], FULL: [] };
try {
  for (let n = 1; n <= Number(args.rounds); n += 1) {
    for (const mode of n % 2 === 1 ? ['NORMAL', 'FULL'] : ['FULL', 'NORMAL']) results[mode].push(await round(mode, n));
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const normal = median(results.NORMAL);
const full = median(results.FULL);
console.log(`order-shaped write transactions on a file database in ${args.dir} (WAL), ${transactions} per round, ${args.rounds} rounds`);
console.log(`synchronous=NORMAL: ${normal.toFixed(0)} tx/s (rounds: ${results.NORMAL.map((v) => v.toFixed(0)).join(', ')})`);
console.log(`synchronous=FULL:   ${full.toFixed(0)} tx/s (rounds: ${results.FULL.map((v) => v.toFixed(0)).join(', ')})`);
console.log(`FULL / NORMAL: ${(full / normal).toFixed(2)}`);
