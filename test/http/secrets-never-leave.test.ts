import { expect } from 'chai';
import { Writable } from 'node:stream';
import { SecretBox } from '../../adapters/crypto/secret-box.js';
import { listMerchantAccounts } from '../../adapters/knex/knex-oper-writer.js';
import { createLogger } from '../../apps/composition/logger.js';
import { enrolMerchantsInSandbox } from '../../apps/composition/sandbox-enrolment.js';
import { TOKENS } from '../../adapters/tokens.js';
import { DEMO_APPS } from '../../apps/wechat-sandbox/demo-apps.js';
import { type RunningSandbox, startSandboxServer } from '../../apps/wechat-sandbox/sandbox-server.js';
import type { SmsSender } from '../../core/index.js';
import { APP1, APP2, fromMiniProgram } from '../support/http-client.js';
import { Shopper } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';
import { type Exchange, recordFetch } from '../support/traffic-recorder.js';

const SECRET_KEY = Buffer.from('a test key of exactly 32 bytes!!', 'utf8');

/** A secret and where the contract lets it appear: only in the answer that hands it out. */
interface Secret {
  readonly kind: string;
  readonly value: string;
  /** The one answer (by its place in the recording) allowed to carry it. */
  readonly handedOutIn?: Exchange;
}

/** Whether `text` contains `value`; short all-digit values only as a whole number. */
function contains(text: string, value: string): boolean {
  if (/^\d{1,8}$/.test(value)) return new RegExp(`(?<![0-9])${value}(?![0-9])`).test(text);
  return text.includes(value);
}

for (const database of testDatabases()) {
  describe(`secrets never leave: the whole flow at LOG_LEVEL=debug, test behaviours off [${database.name}]`, function () {
    this.timeout(60_000);
    let sandbox: RunningSandbox;
    let server: TestServer;
    const logLines: string[] = [];
    const sms: Array<{ mobile: string; code: string }> = [];
    const recorder: SmsSender = {
      async sendVerifyCode(mobile, code) {
        sms.push({ mobile, code });
      },
    };
    let traffic: ReturnType<typeof recordFetch>;

    before(async () => {
      traffic = recordFetch();
      sandbox = await startSandboxServer({ port: 0, host: '127.0.0.1', pay: { notifyRetryDelaysMs: [20, 50, 100] } });
      const wechat = `${sandbox.url}/wechat-sandbox`;
      const logDestination = new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
          done();
        },
      });
      server = await startTestServer(
        {
          WECHAT_MODE: 'live',
          WECHAT_API_BASE_URL: wechat,
          WECHAT_PAY_API_BASE_URL: wechat,
          SECRET_KEY: SECRET_KEY.toString('base64'),
          LOG_LEVEL: 'debug',
          ORDER_SWEEP_SECONDS: '0',
        },
        { smsSender: recorder, logDestination },
        database,
      );
      // Live mode enrols nobody: the merchants introduce themselves to WeChat Pay, as on its platform.
      await enrolMerchantsInSandbox(server.db, new SecretBox(SECRET_KEY), wechat, createLogger('silent'));
    });
    after(async () => {
      traffic?.stop();
      await server?.close();
      await sandbox?.close();
    });

    /** Logs in with a wx.login code and binds the mobile with the code the SMS recorder saw. */
    async function signUp(appid: string, wxCode: string, mobile: string): Promise<Shopper> {
      const { token } = await server.api.wxLogin(appid, wxCode);
      const shopper = new Shopper(server, appid, token);
      expect((await shopper.post('/sms/verify_code', { mobile })).body).to.deep.equal({ code: 0, message: '请求成功', data: {} });
      const code = [...sms].reverse().find((sent) => sent.mobile === mobile)!.code;
      const wrong = code === '000000' ? '000001' : '000000';
      expect((await shopper.post('/login', { mobile, verify_code: wrong })).body.code).to.equal(20001);
      expect((await shopper.post('/login', { mobile, verify_code: code })).body.code).to.equal(0);
      return shopper;
    }

    const succeed = async (orderNo: string) => {
      const response = await fetch(`${sandbox.url}/wechat-sandbox/pay/${orderNo}/succeed`, { method: 'POST' });
      expect(response.status).to.equal(200);
    };
    const untilStatus = async (shopper: Shopper, orderNo: string, status: number) => {
      for (let i = 0; i < 100; i++) {
        if ((await shopper.detail(orderNo))['status'] === status) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`order ${orderNo} never reached status ${status}`);
    };

    it('runs login, SMS, buy, pay, refund, bridge and scene, then finds no secret outside the answer that hands it out', async () => {
      // Login and SMS, then buy and pay in the buyer's own oper, then refund.
      const buyer = await signUp(APP1, 'secret-buyer', '13700001111');
      const own = await buyer.buy('双人涮肉套餐');
      expect(own.body.data!['sdk_config']['paySign']).to.be.a('string');
      const ownNo = own.body.data!['order_no'] as string;
      await succeed(ownNo);
      await untilStatus(buyer, ownNo, 4);
      expect((await buyer.post('/order/refund', { order_no: ownNo })).body.code).to.equal(0);
      await untilStatus(buyer, ownNo, 6);

      // Bridge and scene: another oper's goods, paid in its mini program by a fresh openId.
      const foreignNo = (await buyer.buy('四人火锅套餐')).body.data!['order_no'] as string;
      const bridge = await buyer.post('/order/bridge', { order_no: foreignNo });
      const page = await fetch(bridge.body.data!['url'] as string);
      expect(page.status).to.equal(200);
      await page.text();
      const codes = (await (await fetch(`${sandbox.url}/wechat-sandbox/wxacodes`)).json()) as Array<{ scene: string }>;
      const payer = new Shopper(server, APP2, (await server.api.wxLogin(APP2, 'secret-payer')).token);
      expect((await payer.post('/loginWithSceneId', { sceneId: codes[0]!.scene })).body.code).to.equal(0);
      expect((await payer.post('/order/pay', { order_no: foreignNo })).body.code).to.equal(0);
      await succeed(foreignNo);
      await untilStatus(buyer, foreignNo, 4);
      expect((await payer.get('/order/detail', { order_no: foreignNo })).body.data!['status']).to.equal(4);
      // A few refusals and a stolen token's misuse, which log too.
      expect((await server.api.get('/api/user/orders', { token: 'not-a-token' }, fromMiniProgram(APP1))).body.code).to.equal(10007);
      expect((await server.api.get('/api/user/orders', { token: buyer.token }, fromMiniProgram(APP2))).body.code).to.equal(70010);

      traffic.stop();
      const exchanges = traffic.exchanges;
      const answers = exchanges.filter((e) => e.url.startsWith(server.url));
      const secrets: Secret[] = [];
      for (const answer of answers.filter((a) => new URL(a.url).pathname === '/api/user/wxLogin')) {
        secrets.push({ kind: 'token', value: JSON.parse(answer.body).data.token, handedOutIn: answer });
      }
      for (const answer of answers.filter((a) => new URL(a.url).pathname === '/api/user/order/bridge')) {
        secrets.push({ kind: 'ticket', value: new URL(JSON.parse(answer.body).data.url).searchParams.get('ticket')!, handedOutIn: answer });
      }
      for (const sent of sms) secrets.push({ kind: 'verify code', value: sent.code });
      for (const call of exchanges.filter((e) => e.url.includes('/sns/jscode2session'))) {
        secrets.push({ kind: 'session key', value: JSON.parse(call.body).session_key });
      }
      for (const app of DEMO_APPS) secrets.push({ kind: 'app secret', value: app.secret });
      const box = new SecretBox(SECRET_KEY);
      for (const account of await listMerchantAccounts(server.db)) {
        secrets.push({ kind: 'API v3 key', value: box.open(account.sealedApiV3Key) });
        const pem = box.open(account.sealedPrivateKey);
        secrets.push({ kind: 'private key', value: pem });
        for (const line of pem.split('\n').filter((l) => /^[A-Za-z0-9+/]{64}$/.test(l))) secrets.push({ kind: 'private key line', value: line });
      }
      secrets.push({ kind: 'SECRET_KEY', value: SECRET_KEY.toString('base64') }, { kind: 'SECRET_KEY', value: SECRET_KEY.toString('utf8') });

      // The run did what it says, and the search can find what it looks for.
      expect(secrets.filter((s) => s.kind === 'token')).to.have.length.greaterThanOrEqual(2);
      expect(secrets.filter((s) => s.kind === 'ticket')).to.have.length(1);
      expect(secrets.filter((s) => s.kind === 'verify code')).to.have.length(1);
      expect(secrets.filter((s) => s.kind === 'session key')).to.have.length.greaterThanOrEqual(2);
      expect(secrets.filter((s) => s.kind === 'API v3 key')).to.have.length(2);
      for (const secret of secrets.filter((s) => s.handedOutIn)) expect(contains(secret.handedOutIn!.body, secret.value)).to.equal(true);
      expect(logLines.length).to.be.greaterThan(25);
      expect(server.container.get(TOKENS.Logger).level).to.equal('debug');

      const leaks: string[] = [];
      for (const secret of secrets) {
        logLines.forEach((line, i) => {
          if (contains(line, secret.value)) leaks.push(`${secret.kind} in log line ${i}: ${line.slice(0, 200)}`);
        });
        for (const answer of answers) {
          if (answer === secret.handedOutIn) continue;
          const text = `${answer.status}\n${answer.headers}\n${answer.body}`;
          if (contains(text, secret.value)) leaks.push(`${secret.kind} in the answer to ${answer.method} ${new URL(answer.url).pathname}`);
        }
      }
      expect(leaks).to.deep.equal([]);
      expect(answers.length).to.be.greaterThan(20);
    });
  });
}
