import { expect } from 'chai';
import mysql from 'mysql2/promise';
import { type CapturedLogger, capturedLogger } from '../adapters/support/captured-logger.js';
import { APP1 } from '../support/http-client.js';
import { Shopper, goodsIdOf } from '../support/shop.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

const url = process.env['TEST_MYSQL_URL'];
const count = async (server: TestServer, table: string) => Number((await server.db(table).count({ n: '*' }))[0]!['n']);
const stockOf = async (server: TestServer, goodsId: number) => (await server.db('goods').where({ id: goodsId }).first('stock')).stock as number;

if (!url) {
  const note = 'the database-fault suite (connections killed on MariaDB, the server gone and back) is off: set TEST_MYSQL_URL to run it';
  describe(note, () => {});
  console.log(`  (${note})`);
} else {
  describe('a connection killed in the middle of a transaction [mysql]', function () {
    this.timeout(60_000);
    let server: TestServer;
    let log: CapturedLogger;
    let demo: Shopper;

    before(async () => {
      log = capturedLogger();
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0' }, { logger: log.logger }, { name: 'mysql', url });
      demo = await Shopper.login(server, APP1, 'user');
    });
    after(async () => server?.close());

    it('answers the envelope 500, leaves no partial write, and the next request succeeds', async () => {
      const goodsId = await goodsIdOf(server, '限量特价单人餐');
      const stock = await stockOf(server, goodsId);
      const orders = await count(server, 'orders');
      // A second connection holds the end of `orders` (a next-key lock, REPEATABLE READ), so the
      // buy's transaction takes the stock, then waits on its INSERT: that connection is killed there.
      const blocker = await mysql.createConnection(url);
      try {
        await blocker.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        await blocker.beginTransaction();
        await blocker.query('SELECT id FROM orders WHERE id > 0 FOR UPDATE');
        const buying = demo.post('/order/buy', { goods_id: goodsId, number: 2 });
        let victim: number | undefined;
        for (let i = 0; i < 500 && victim === undefined; i++) {
          const [rows] = await blocker.query<mysql.RowDataPacket[]>(
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND INFO LIKE 'insert into `orders`%'",
          );
          victim = rows[0]?.['ID'] as number | undefined;
          if (victim === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        expect(victim, 'the buy never reached its INSERT').to.be.a('number');
        await blocker.query(`KILL ${Number(victim)}`);
        const answer = await buying;
        expect(answer.status).to.equal(200);
        expect(answer.body).to.deep.equal({ code: 500, message: '服务器内部错误' });
        expect(answer.headers.get('x-request-id')).to.be.a('string');
      } finally {
        await blocker.rollback();
        await blocker.end();
      }
      // The stock the killed transaction had taken is back; no order came of it.
      expect(await stockOf(server, goodsId)).to.equal(stock);
      expect(await count(server, 'orders')).to.equal(orders);
      expect(log.entries().some((e) => e['msg'] === 'request failed' && e['level'] === 50)).to.equal(true);

      const next = await demo.post('/order/buy', { goods_id: goodsId, number: 2 });
      expect(next.body.code, JSON.stringify(next.body)).to.equal(0);
      expect(await stockOf(server, goodsId)).to.equal(stock - 2);
      expect(await count(server, 'orders')).to.equal(orders + 1);
    });
  });

  // Restarting the MariaDB server itself from a test is not possible honestly here: on CI and on
  // this machine one server holds the databases of every suite (and of other work running at the
  // same time), and CI starts it outside the tests. A proxy between the app and the server does to
  // the app what a restart does: every connection dropped at once, new ones refused while it is
  // down, accepted again on the same address after. What a restart loses on the server side
  // (uncommitted transactions) is what the KILL test above covers.
  describe('the database server going away under a running instance and coming back [mysql, via a proxy]', function () {
    this.timeout(60_000);
    let proxy: TcpProxy;
    let server: TestServer;
    let demo: Shopper;

    before(async () => {
      const target = new URL(url);
      proxy = await TcpProxy.start(target.hostname, Number(target.port || 3306));
      target.hostname = '127.0.0.1';
      target.port = String(proxy.listeningPort);
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0' }, { logger: capturedLogger().logger }, { name: 'mysql', url: target.toString() });
      demo = await Shopper.login(server, APP1, 'user');
    });
    after(async () => {
      await server?.close();
      await proxy?.down();
    });

    it('answers 500 in the envelope while the server is down, and serves again by itself once it is back', async () => {
      const before = (await demo.get('/orders')).body;
      expect(before.code).to.equal(0);

      await proxy.down();
      const during = await demo.get('/orders');
      expect(during.body).to.deep.equal({ code: 500, message: '服务器内部错误' });

      await proxy.up();
      // No restart of the app, no retry by the client: the very next request is served.
      const after = await demo.get('/orders');
      expect(after.body).to.deep.equal(before);
      const bought = await demo.buy('双人涮肉套餐');
      expect(bought.body.code, JSON.stringify(bought.body)).to.equal(0);
    });
  });
}
