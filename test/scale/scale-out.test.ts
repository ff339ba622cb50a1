import { type ChildProcess, spawn } from 'node:child_process';
import { type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex } from '../../adapters/knex/connect.js';
import { type RunningSandbox, startSandboxServer } from '../../apps/wechat-sandbox/sandbox-server.js';
import { APP1, APP2, type ApiAnswer, ApiClient, fromMiniProgram } from '../support/http-client.js';
import { freePort } from '../support/app-process.js';
import { emptyTestDatabase } from '../support/test-databases.js';
import { migrations } from '../../adapters/knex/migrate.js';

// Three app processes on one MySQL database, started at once on an empty database, behind a
// small round-robin proxy (where WeChat Pay's notifications arrive), with one shared sandbox.
// Every race the app guards against within one process is run again spread over the instances.
const url = process.env['TEST_MYSQL_URL'];
const INSTANCES = 3;
const MAIN = fileURLToPath(new URL('../../apps/main.js', import.meta.url));

if (!url) {
  const note = 'the scale-out suite (three app processes on MySQL) is off: set TEST_MYSQL_URL to run it';
  describe(note, () => {});
  console.log(`  (${note})`);
} else {
  describe('several app instances on one MySQL database [mysql, 3 processes]', function () {
    this.timeout(120_000);
    const children: ChildProcess[] = [];
    const output: string[] = [];
    let sandbox: RunningSandbox | undefined;
    let proxy: Server | undefined;
    let db: Knex | undefined;
    let clients: ApiClient[] = [];
    let demoToken = '';
    let demoUserId = 0;
    let limitedOrders: string[] = [];

    /** Request `i` goes to instance `i mod 3`. */
    const api = (i: number) => clients[i % INSTANCES]!;
    const post = (i: number, appid: string, path: string, body: Record<string, unknown>): Promise<ApiAnswer> =>
      api(i).post(`/api/user${path}`, body, fromMiniProgram(appid));
    const get = (i: number, appid: string, path: string, query: Record<string, string>): Promise<ApiAnswer> =>
      api(i).get(`/api/user${path}`, query, fromMiniProgram(appid));
    const spread = <T>(n: number, call: (i: number) => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: n }, (_, i) => call(i)));
    const goodsId = async (name: string) => Number((await db!('goods').where({ name }).first('id')).id);
    const buy = async (i: number, name: string, number: number) => {
      const answer = await post(i, APP1, '/order/buy', { token: demoToken, goods_id: await goodsId(name), number });
      expect(answer.body.code, JSON.stringify(answer.body)).to.equal(0);
      return answer.body.data!['order_no'] as string;
    };
    const sandboxPays = (orderNo: string) => fetch(`${sandbox!.url}/wechat-sandbox/pay/${orderNo}/succeed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const detail = async (i: number, orderNo: string) => (await get(i, APP1, '/order/detail', { token: demoToken, order_no: orderNo })).body.data as Record<string, any>;
    const count = async (query: Knex.QueryBuilder) => Number((await query.count({ n: '*' }))[0]!['n']);

    before(async function () {
      this.timeout(90_000);
      await emptyTestDatabase({ name: 'mysql', url });
      db = createKnex(url);
      sandbox = await startSandboxServer({ port: 0, host: '127.0.0.1', pay: { notifyRetryDelaysMs: [20, 50, 100] } });
      const ports = await Promise.all(Array.from({ length: INSTANCES }, freePort));
      clients = ports.map((port) => new ApiClient(`http://127.0.0.1:${port}`));
      proxy = await roundRobinProxy(ports);
      const env = {
        ...process.env,
        APP_ENV: 'test',
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        WECHAT_SANDBOX_URL: sandbox.url,
        PUBLIC_BASE_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
        ORDER_SWEEP_SECONDS: '1',
        RECONCILE_SECONDS: '1',
        MAX_UNPAID_ORDERS_PER_USER: '1000',
        PAY_TIMEOUT_MINUTES: '1',
        SMS_HOURLY_PER_IP: '1000',
        NOTICE_POLL_MS: '50',
        NOTICE_RETRY_MS: '100',
        LOG_LEVEL: 'warn',
      };
      // Should mocha itself die, the instances go with it.
      process.once('exit', killLeftovers);
      // All three at once, on the empty database: they race for the migrations and the demo data.
      for (const [index, port] of ports.entries()) {
        const child = spawn(process.execPath, ['--enable-source-maps', MAIN], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
        const keep = (chunk: Buffer) => output.push(`[instance ${index}] ${chunk.toString().trimEnd()}`);
        child.stdout!.on('data', keep);
        child.stderr!.on('data', keep);
        children.push(child);
      }
      await Promise.all(ports.map((_, index) => ready(children[index]!, clients[index]!, output)));
      const login = await api(0).wxLogin(APP1, 'user');
      demoToken = login.token;
      demoUserId = Number(login.answer.body.data!['userInfo'].id);
    });

    const killLeftovers = () => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL'));

    after(async () => {
      await Promise.all(children.map(stop));
      process.off('exit', killLeftovers);
      await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
      proxy?.closeAllConnections();
      await sandbox?.close();
      await db?.destroy();
    });

    afterEach(function () {
      if (this.currentTest?.state === 'failed') console.log(output.slice(-40).join('\n'));
    });

    it('migrated once and loaded the demo data once while starting at the same time', async () => {
      expect(await count(db!('knex_migrations'))).to.equal(migrations.length);
      expect(await count(db!('knex_migrations_lock'))).to.equal(1);
      expect(await count(db!('opers'))).to.equal(2);
      expect(await count(db!('users').where({ mobile: '13800138000' }))).to.equal(1);
      expect(await count(db!('goods').where({ name: '限量特价单人餐' }))).to.equal(1);
      expect(children.every((child) => child.exitCode === null)).to.equal(true);
    });

    it('sells exactly the stock of 5 under parallel buys spread over the instances', async () => {
      const id = await goodsId('限量特价单人餐');
      const answers = await spread(12, (i) => post(i, APP1, '/order/buy', { token: demoToken, goods_id: id, number: 1 }));
      const codes = answers.map((a) => a.body.code);
      expect(codes.filter((c) => c === 0)).to.have.length(5);
      expect(codes.filter((c) => c === 40004)).to.have.length(7);
      expect((await db!('goods').where({ id }).first()).stock).to.equal(0);
      limitedOrders = answers.filter((a) => a.body.code === 0).map((a) => a.body.data!['order_no'] as string);
      expect(await count(db!('orders').whereIn('order_no', limitedOrders))).to.equal(5);
    });

    it('sends one SMS code when twenty requests for one mobile arrive at the three instances', async () => {
      const { token } = await api(1).wxLogin(APP1, 'scale-sms');
      const answers = await spread(20, (i) => post(i, APP1, '/sms/verify_code', { token, mobile: '13700009999' }));
      const codes = answers.map((a) => a.body.code);
      expect(codes.filter((c) => c === 0)).to.have.length(1);
      expect(codes.filter((c) => c === 20003)).to.have.length(19);
      expect(await count(db!('sms_codes').where({ mobile: '13700009999' }))).to.equal(1);
    });

    it('sets one set of codes however often WeChat notifies, whichever instance receives it', async () => {
      const orderNo = await buy(2, '100元代金券', 3);
      const deliveries = await Promise.all(Array.from({ length: 6 }, () => sandboxPays(orderNo)));
      expect(deliveries.map((d) => d.status)).to.deep.equal([200, 200, 200, 200, 200, 200]);
      for (let i = 0; i < INSTANCES; i += 1) {
        const order = await detail(i, orderNo);
        expect(order['status']).to.equal(4);
        expect(order['items']).to.have.length(3);
        expect(new Set(order['items'].map((item: any) => item.verify_code)).size).to.equal(3);
      }
      const orderId = (await db!('orders').where({ order_no: orderNo }).first('id')).id;
      expect(await count(db!('order_items').where({ order_id: orderId }))).to.equal(3);
    });

    it('sends each purchase notice once, all three instances sending and retrying, whichever received the payment', async () => {
      const smsOf = async (orderNo: string) => {
        const list = (await (await fetch(`${sandbox!.url}/wechat-sandbox/sms?mobile=13800138000`)).json()) as Array<{ params: string[] }>;
        return list.filter((sms) => sms.params[0] === `${orderNo.slice(0, 6)}${orderNo.slice(-6)}`);
      };
      // Tencent refuses the first four sends to the demo mobile: the notices are retried, by any instance.
      const fault = await fetch(`${sandbox!.url}/wechat-sandbox/sms/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fault: 'LimitExceeded.PhoneNumberDailyLimit', times: 4, mobile: '13800138000' }),
      });
      expect(fault.status).to.equal(200);
      const orders = await Promise.all(Array.from({ length: 6 }, (_, i) => buy(i, '湖景下午茶双人套餐', 1 + (i % 3))));
      await Promise.all(orders.flatMap((orderNo) => [sandboxPays(orderNo), sandboxPays(orderNo)]));
      const ids = (await db!('orders').whereIn('order_no', orders).select('id')).map((row) => row.id);
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && (await count(db!('purchase_notices').whereIn('order_id', ids).where({ status: 2 }))) < orders.length) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await count(db!('purchase_notices').whereIn('order_id', ids).where({ status: 2 }))).to.equal(orders.length);
      expect(await count(db!('purchase_notices').whereIn('order_id', ids).where('attempts', '>', 1))).to.be.greaterThan(0);
      for (const [i, orderNo] of orders.entries()) expect((await smsOf(orderNo)).length, orderNo).to.equal(1 + (i % 3));
    });

    it('refunds once when ten refunds of a paid order arrive at the three instances', async () => {
      const orderNo = await buy(0, '双人涮肉套餐', 2);
      expect((await sandboxPays(orderNo)).status).to.equal(200);
      const answers = await spread(10, (i) => post(i, APP1, '/order/refund', { token: demoToken, order_no: orderNo }));
      expect(answers.every((a) => a.body.code === 0 || a.body.code === 50002), JSON.stringify(answers.map((a) => a.body))).to.equal(true);
      const ok = answers.filter((a) => a.body.code === 0);
      expect(ok.length).to.be.greaterThan(0);
      expect(new Set(ok.map((a) => a.body.data!['id'])).size).to.equal(1);
      expect(await count(db!('refunds').where({ order_no: orderNo }))).to.equal(1);
      expect(await detail(1, orderNo)).to.deep.include({ status: 6, refund_price: '336.00' });
    });

    it('finds a payment whose notification was lost once, the three instances reconciling', async () => {
      const orderNo = await buy(1, '双人涮肉套餐', 2);
      const paid = await fetch(`${sandbox!.url}/wechat-sandbox/pay/${orderNo}/succeed`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"notify":false}',
      });
      expect(paid.status).to.equal(200);
      const deadline = Date.now() + 30_000;
      while ((await db!('orders').where({ order_no: orderNo }).first('status')).status !== 4 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const orderId = (await db!('orders').where({ order_no: orderNo }).first('id')).id;
      expect(await count(db!('order_items').where({ order_id: orderId }))).to.equal(2);
      const calls = (await (await fetch(`${sandbox!.url}/wechat-sandbox/calls?api=pay-query`)).json()) as Array<{ path: string }>;
      expect(calls.filter((call) => call.path.includes(orderNo))).to.have.length(1);
    });

    it('makes mini-program codes from every instance, and lets one of ten scene logins through', async () => {
      const orderNo = await buy(1, '四人火锅套餐', 1);
      const codesBefore = (await (await fetch(`${sandbox!.url}/wechat-sandbox/wxacodes`)).json()) as unknown[];
      // A ticket minted on one instance opens the page on every instance.
      const minted = await post(0, APP1, '/order/bridge', { token: demoToken, order_no: orderNo });
      expect(minted.body.code, JSON.stringify(minted.body)).to.equal(0);
      const { pathname, search } = new URL(minted.body.data!['url'] as string);
      expect(new URLSearchParams(search).get('userId')).to.equal(String(demoUserId));
      for (let i = 0; i < INSTANCES; i += 1) {
        const page = await fetch(`${api(i).baseUrl}${pathname}${search}`);
        const html = await page.text();
        expect(page.status, `instance ${i}: ${html.slice(0, 300)}`).to.equal(200);
        expect(html).to.match(/src="data:image\/png;base64,[A-Za-z0-9+/=]{100,}"/);
      }
      const codes = (await (await fetch(`${sandbox!.url}/wechat-sandbox/wxacodes`)).json()) as Array<{ appid: string; scene: string }>;
      expect(codes.length - codesBefore.length).to.equal(INSTANCES);
      expect(codes[0]!.appid).to.equal(APP2);

      const { token } = await api(2).wxLogin(APP2, 'scale-in-app2');
      const send = await post(0, APP2, '/sms/verify_code', { token, mobile: '13500005555' });
      expect(send.body.code, JSON.stringify(send.body)).to.equal(0);
      const bind = await post(1, APP2, '/login', { token, mobile: '13500005555', verify_code: send.body.data!['verify_code'] });
      expect(bind.body.code, JSON.stringify(bind.body)).to.equal(0);
      const answers = await spread(10, (i) => post(i, APP2, '/loginWithSceneId', { token, sceneId: codes[0]!.scene }));
      expect(answers.filter((a) => a.body.code === 0)).to.have.length(1);
      expect(answers.filter((a) => a.body.code === 60001)).to.have.length(9);
      // The grant the winner gave the token holds on every instance.
      const pay = await post(2, APP2, '/order/pay', { token, order_no: orderNo });
      expect(pay.body.code, JSON.stringify(pay.body)).to.equal(0);
    });

    it('answers the area tree and geodata (cached per process) the same on every instance', async () => {
      const probes: Array<[string, Record<string, string>]> = [
        ['/area/tree', {}],
        ['/area/tree', { tier: '2' }],
        ['/area/cities/withHot', {}],
        ['/area/getByGps', { lng: '116.3975', lat: '39.9087' }],
        ['/area/getByGps', { lng: '104.0486', lat: '30.6466' }],
      ];
      for (const [path, query] of probes) {
        const answers = await spread(INSTANCES, (i) => get(i, APP1, path, { token: demoToken, ...query }));
        expect(answers[0]!.body.code, path).to.equal(0);
        expect(answers[1]!.body, path).to.deep.equal(answers[0]!.body);
        expect(answers[2]!.body, path).to.deep.equal(answers[0]!.body);
      }
    });

    it('closes the unpaid orders once the timeout passes, all three sweeping, and gives the stock back once', async function () {
      this.timeout(110_000);
      const id = await goodsId('限量特价单人餐');
      const deadline = Date.now() + 100_000;
      let statuses: number[] = [];
      while (Date.now() < deadline) {
        statuses = (await db!('orders').whereIn('order_no', limitedOrders).select('status')).map((row) => Number(row.status));
        if (statuses.length === 5 && statuses.every((status) => status === 3)) break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(statuses).to.deep.equal([3, 3, 3, 3, 3]);
      const pay = await post(0, APP1, '/order/pay', { token: demoToken, order_no: limitedOrders[0] });
      expect(pay.body.code).to.equal(50002);
      // A late sweep on another instance could still return the stock twice, were it to. Stopping
      // an instance waits for its sweep in progress: once all three have exited, none can. (The
      // last test of the suite: the instances are not needed after it.)
      await Promise.all(children.map(stop));
      expect(children.map((child) => child.exitCode)).to.deep.equal([0, 0, 0]);
      expect((await db!('goods').where({ id }).first()).stock).to.equal(5);
    });
  });
}

/** Waits until an instance answers its API (not its 503 "starting"), or fails if it exited. */
async function ready(child: ChildProcess, client: ApiClient, output: readonly string[]): Promise<void> {
  const deadline = Date.now() + 80_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`an instance exited with ${child.exitCode}:\n${output.join('\n')}`);
    const answer = await client.get('/api/user/area/tree').catch(() => null);
    if (answer && answer.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`an instance did not start in time:\n${output.join('\n')}`);
}

/** SIGTERM, then SIGKILL if the process has not exited after 5 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A load balancer in miniature: each request goes to the next instance. */
async function roundRobinProxy(ports: readonly number[]): Promise<Server> {
  let next = 0;
  const server = createServer((req, res) => {
    const port = ports[next++ % ports.length]!;
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return server;
}
