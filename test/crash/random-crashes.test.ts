import { expect } from 'chai';
import { APP1, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { CrashWorld } from './crash-world.js';
import { violatedInvariants } from './invariants.js';
import { seeded } from './seeded-random.js';

const SEED = Number(process.env['CRASH_SEED'] ?? 20261201);
const ROUNDS = 2;
const WORKERS = 6;

// Parallel buyers paying and cancelling while the process is killed (SIGKILL, from outside) at a
// random moment; after each restart the whole database must be whole, and WeChat's retried
// notifications of what it took during the round are recorded once. Needs no reconciliation.
for (const database of testDatabases()) {
  describe(`random crashes under parallel load [${database.name}, real process, seed ${SEED}]`, function () {
    this.timeout(180_000);
    let world: CrashWorld;

    before(async () => {
      world = await CrashWorld.open(database);
    });
    after(async () => world?.close());
    afterEach(function () {
      if (this.currentTest?.state === 'failed') console.log(`CRASH_SEED=${SEED}\n${world.transcript()}`);
    });

    it('keeps the database whole through kills at random moments, and records the payments WeChat took exactly once after', async () => {
      const random = seeded(SEED);
      await world.start();
      const token = (await world.api.wxLogin(APP1, 'user')).token;
      const goods = await world.db('goods').whereIn('name', ['限量特价单人餐', '双人涮肉套餐', '100元代金券']).select('id', 'stock');
      const initialStock = new Map(goods.filter((g) => g.stock !== null).map((g) => [Number(g.id), Number(g.stock)]));
      const paidInWechat = new Set<string>();

      for (let round = 0; round < ROUNDS; round++) {
        let running = true;
        const post = (path: string, body: Record<string, unknown>) =>
          world.api.post(`/api/user${path}`, { token, ...body }, fromMiniProgram(APP1));
        const worker = async (w: number) => {
          while (running) {
            const pick = goods[Math.floor(random() * goods.length)]!;
            const bought = await post('/order/buy', { goods_id: pick.id, number: 1 + (w % 2) });
            const orderNo = bought.body.data?.['order_no'] as string | undefined;
            if (!orderNo) continue;
            // Pay or cancel, never both: a payment landing on a cancelled order is another story.
            if (random() < 0.6) {
              // 200: WeChat took the money (an order of another oper has no transaction here).
              if ((await world.wechatPays(orderNo)) === 200) paidInWechat.add(orderNo);
            } else await post('/order/cancel', { order_no: orderNo });
          }
        };
        const workers = Array.from({ length: WORKERS }, (_, w) => worker(w).catch(() => undefined));
        await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(random() * 1200)));
        await world.kill();
        running = false;
        await Promise.all(workers);

        await world.start();
        expect(await violatedInvariants(world.db, initialStock), `round ${round}`).to.deep.equal([]);
        // WeChat retries what it took: each such order ends paid, once.
        for (const orderNo of paidInWechat) await world.wechatPays(orderNo);
        for (const orderNo of paidInWechat) {
          for (let i = 0; i < 200; i++) {
            const row = await world.db('orders').where({ order_no: orderNo }).first('status');
            if (row?.status === 4) break;
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
          expect((await world.db('orders').where({ order_no: orderNo }).first('status'))?.status, orderNo).to.equal(4);
        }
        expect(await violatedInvariants(world.db, initialStock), `round ${round}, after the retries`).to.deep.equal([]);
      }
      expect(paidInWechat.size).to.be.greaterThan(0);
    });
  });
}
