import { expect } from 'chai';
import { TOKENS } from '../../adapters/tokens.js';
import { demoSmsTemplateId } from '../../apps/wechat-sandbox/sms-account.js';
import { NoticeStatus, type PurchaseNotice } from '../../core/index.js';
import { eventually } from '../sandbox/sandbox-harness.js';
import { APP1 } from '../support/http-client.js';
import { Shopper, goodsIdOf, sandboxPays } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

interface Sms {
  mobile: string;
  template_id: string;
  params: string[];
  time: string;
}

const DEMO_MOBILE = '13800138000';
const NOTICE = demoSmsTemplateId('notice');

for (const database of testDatabases()) {
  describe(`the purchase notice: one SMS with the codes after payment [${database.name}]`, () => {
    let server: TestServer;
    let demo: Shopper;

    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', NOTICE_POLL_MS: '20', NOTICE_RETRY_MS: '40' }, {}, database);
      demo = await Shopper.login(server, APP1, 'user');
    });
    after(async () => server?.close());
    afterEach(() => fetch(`${server.url}/wechat-sandbox/sms/faults`, { method: 'DELETE' }));

    const smsTo = async (mobile: string): Promise<Sms[]> =>
      (await (await fetch(`${server.url}/wechat-sandbox/sms?mobile=${mobile}`)).json()) as Sms[];
    const noticesOf = async (mobile: string, orderNo: string) => {
      const short = `${orderNo.slice(0, 6)}${orderNo.slice(-6)}`;
      return (await smsTo(mobile)).filter((sms) => sms.template_id === NOTICE && sms.params[0] === short);
    };
    const noticeState = async (orderNo: string): Promise<PurchaseNotice | null> => {
      const order = await server.container.get(TOKENS.Repositories).orders.findByNo(orderNo);
      return server.container.get(TOKENS.Repositories).purchaseNotices.findByOrder(order!.id);
    };
    const sent = (orderNo: string) =>
      eventually(async () => {
        const notice = await noticeState(orderNo);
        return notice?.status === NoticeStatus.Sent ? notice : undefined;
      }, 5_000);
    const buy = async (goods: string, number: number, notifyMobile?: string): Promise<string> => {
      const answer = await demo.post('/order/buy', {
        goods_id: await goodsIdOf(server, goods),
        number,
        ...(notifyMobile ? { notify_mobile: notifyMobile } : {}),
      });
      expect(answer.body.code, JSON.stringify(answer.body)).to.equal(0);
      return answer.body.data!['order_no'] as string;
    };
    const fault = (body: Record<string, unknown>) =>
      fetch(`${server.url}/wechat-sandbox/sms/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    it('sends one notice to the buyer’s mobile once paid: one SMS per code with the template’s parameters', async () => {
      const orderNo = await buy('双人涮肉套餐', 2);
      expect((await demo.detail(orderNo))['notify_mobile']).to.equal(DEMO_MOBILE);
      expect(await noticeState(orderNo)).to.equal(null);
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);
      const notice = await sent(orderNo);
      expect(notice).to.deep.include({ mobile: DEMO_MOBILE, attempts: 1, sentParts: 2, lastError: null });
      const order = await demo.detail(orderNo);
      const goods = await server.db('goods').where({ id: await goodsIdOf(server, '双人涮肉套餐') }).first();
      const messages = await noticesOf(DEMO_MOBILE, orderNo);
      expect(messages.map((sms) => sms.params).reverse()).to.deep.equal(
        order['items'].map((item: { verify_code: string }) => [
          `${orderNo.slice(0, 6)}${orderNo.slice(-6)}`,
          '双人涮肉套餐',
          '2',
          goods.end_date,
          item.verify_code,
        ]),
      );
    });

    it('sends it to the notify_mobile named at purchase', async () => {
      const orderNo = await buy('洗剪吹', 1, '13912340001');
      expect((await demo.detail(orderNo))['notify_mobile']).to.equal('13912340001');
      await sandboxPays(server, orderNo);
      await sent(orderNo);
      expect(await noticesOf('13912340001', orderNo)).to.have.length(1);
      expect(await noticesOf(DEMO_MOBILE, orderNo)).to.have.length(0);
    });

    it('sends still one notice when WeChat notifies six times at once', async () => {
      const orderNo = await buy('100元代金券', 1);
      const deliveries = await Promise.all(Array.from({ length: 6 }, () => sandboxPays(server, orderNo)));
      expect(deliveries.map((d) => d.status)).to.deep.equal([200, 200, 200, 200, 200, 200]);
      await sent(orderNo);
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);
      expect(await noticeState(orderNo)).to.deep.include({ status: NoticeStatus.Sent, attempts: 1 });
      expect(await noticesOf(DEMO_MOBILE, orderNo)).to.have.length(1);
    });

    it('retries a notice Tencent refuses until it is sent, leaving the payment untouched', async () => {
      expect((await fault({ fault: 'LimitExceeded.PhoneNumberDailyLimit', times: 2, mobile: '13912340002' })).status).to.equal(200);
      const orderNo = await buy('小包3小时欢唱', 1, '13912340002');
      await sandboxPays(server, orderNo);
      const paid = await demo.detail(orderNo);
      expect(paid['status']).to.equal(4);
      const notice = await sent(orderNo);
      expect(notice).to.deep.include({ attempts: 3, sentParts: 1, lastError: null });
      expect(await noticesOf('13912340002', orderNo)).to.have.length(1);
      expect(await demo.detail(orderNo)).to.deep.equal(paid);
    });

    it('sends login codes through the same Tencent Cloud SMS', async () => {
      const { token } = await server.api.wxLogin(APP1, 'notice-login');
      const answer = await server.api.post('/api/user/sms/verify_code', { token, mobile: '13912340003' }, { 'X-Appid': APP1 });
      expect(answer.body.code, JSON.stringify(answer.body)).to.equal(0);
      const [sms] = await smsTo('13912340003');
      expect(sms).to.deep.include({ template_id: demoSmsTemplateId('verify'), params: [answer.body.data!['verify_code'], '5'] });
    });
  });
}
