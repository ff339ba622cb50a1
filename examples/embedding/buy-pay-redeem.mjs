// Embedding the O2O domain in another program: no Koa, no knex, no network. The program keeps its
// data in the in-memory adapters, plays its own payment provider behind core's WechatPay port, and
// drives three use cases: a user buys, the provider's signed payment notification confirms the
// payment (a forged one is refused), the shop redeems the codes and the order completes.
//
//   npm run build && node examples/embedding/buy-pay-redeem.mjs
//
// It imports the package by name (package.json `exports`), as a program depending on it would.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { NodeRandom } from 'o2o-user-api/adapters/crypto';
import { InMemoryStore, InMemoryUnitOfWork, inMemoryRepositories } from 'o2o-user-api/adapters/memory';
import {
  BuyGoods,
  ConfirmPayment,
  GoodsStatus,
  MerchantStatus,
  NotificationRejected,
  OperStatus,
  OrderStatus,
  RedeemCode,
  formatShanghaiDate,
  systemClock,
} from 'o2o-user-api/core';

/**
 * The program's payment provider behind core's WechatPay port. Its notifications are JSON signed
 * with HMAC-SHA256 under a key it shares with the program: `openPaymentNotice` refuses any other,
 * which is the port's contract (a notification that is not genuine changes nothing). The real
 * adapter (adapters/wechat-pay) does the same with WeChat Pay's RSA signatures and AES-GCM.
 */
class SignedNoticePayments {
  #key;
  constructor(key) {
    this.#key = key;
  }
  async prepay(_oper, request) {
    return { prepayId: `prepay-${request.outTradeNo}` };
  }
  sdkConfig(_oper, appid, prepayId) {
    return { appId: appid, timestamp: '0', nonceStr: 'embedded', package: `prepay_id=${prepayId}`, signType: 'RSA', paySign: 'not-for-wx' };
  }
  async query() {
    return { tradeState: 'NOTPAY', payment: null };
  }
  async close() {}
  async refund() {
    throw new Error('this example takes no refunds');
  }
  /** What the provider sends once the payer paid: a signed notification. */
  notification(outTradeNo, amountFen, payerOpenId) {
    const body = JSON.stringify({ mchid: pay.mchid, appid, outTradeNo, transactionId: `T${outTradeNo}`, tradeState: 'SUCCESS', amountFen, payerOpenId, successTime: new Date().toISOString() });
    return { headers: { 'x-signature': this.#sign(body) }, body };
  }
  openPaymentNotice(_oper, { headers, body }) {
    const given = Buffer.from(headers['x-signature'] ?? '', 'hex');
    const expected = Buffer.from(this.#sign(body), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new NotificationRejected('bad signature');
    const notice = JSON.parse(body);
    return { ...notice, successTime: new Date(notice.successTime) };
  }
  openRefundNotice() {
    throw new NotificationRejected('this example takes no refunds');
  }
  #sign(body) {
    return createHmac('sha256', this.#key).update(body).digest('hex');
  }
}

// The program's data: one oper with a payment account, a shop, goods on sale, a user.
const store = new InMemoryStore();
const repositories = inMemoryRepositories(store);
const uow = new InMemoryUnitOfWork(store);
const clock = systemClock;
const random = new NodeRandom();
const payments = new SignedNoticePayments('a key the program shares with its provider');
const settings = { payTimeoutMs: 30 * 60_000, paymentNotifyUrl: () => 'https://shop.example/pay', refundNotifyUrl: () => 'https://shop.example/refund' };

const appid = 'wx00000000000000e1';
const pay = { mchid: '1900000001', merchantSerial: 'S1', sealedPrivateKey: '-', sealedApiV3Key: '-', platformPublicKey: '-', platformSerial: 'P1' };
const oper = await store.addOper({ id: 1, name: '嵌入运营中心', status: OperStatus.Enabled, miniProgram: { appid, sealedSecret: '-' }, pay });
const categoryId = await store.addCategory({ pid: 0, name: '美食', icon: '', status: 1, sort: 0 });
const place = { province: '北京市', provinceId: 110000, city: '北京市', cityId: 110100, area: '东城区', areaId: 110101 };
const merchantId = await store.addMerchant({
  operId: oper.id, categoryId, name: '嵌入小馆', brand: '', region: 1, address: '东城区某路1号', ...place,
  location: { lng: 116.4074, lat: 39.9042 }, businessTime: ['10:00:00', '22:00:00'], logo: '', descPic: '', desc: '',
  contacter: '', contacterPhone: '', status: MerchantStatus.Normal, createdAt: clock.now(),
});
const today = formatShanghaiDate(clock.now());
const goodsId = await store.addGoods({
  operId: oper.id, merchantId, name: '双人套餐', desc: '', marketPrice: 19_800, price: 12_800, startDate: today, endDate: today,
  businessTime: ['10:00:00', '22:00:00'], thumbUrl: '', pic: '', picList: [], buyInfo: '', status: GoodsStatus.OnShelf,
  stock: null, sellNumber: 0, createdAt: clock.now(),
});
const user = await repositories.users.findOrCreateByMobile('13800138000', '嵌入用户', clock.now());
const caller = { operId: oper.id, appid, openId: 'o-embedded-user', user };

// 1. Buy two units: an unpaid order, and the payment configuration for the client.
const bought = await new BuyGoods(repositories, uow, payments, settings, random, clock).execute({ caller, goodsId, number: 2, notifyMobile: null });
assert.equal(bought.order.status, OrderStatus.Unpaid);
assert.equal(bought.order.payPrice, 25_600);
console.log(`bought: order ${bought.order.orderNo}, ${bought.order.payPrice} fen, ${bought.sdkConfig?.package}`);

// 2. Pay by notification: a forged one changes nothing; the signed one pays the order, once.
const confirm = new ConfirmPayment(repositories, uow, payments, random, clock);
const genuine = payments.notification(bought.order.orderNo, bought.order.payPrice, caller.openId);
const forged = { ...genuine, body: genuine.body.replace('"amountFen":25600', '"amountFen":1') };
assert.equal(await confirm.execute({ operId: oper.id, notification: forged }), 'rejected');
assert.equal(await confirm.execute({ operId: oper.id, notification: genuine }), 'recorded');
assert.equal(await confirm.execute({ operId: oper.id, notification: genuine }), 'already-recorded');
const codes = (await repositories.orders.itemsOf([bought.order.id])).get(bought.order.id).map((item) => item.verifyCode);
assert.equal(codes.length, 2);
console.log(`paid: forged notification rejected, genuine one recorded once, codes ${codes.join(' ')}`);

// 3. The shop redeems both codes: the order is completed.
const redeem = new RedeemCode(uow, clock);
for (const verifyCode of codes) await redeem.execute({ verifyCode, merchantId });
const done = await repositories.orders.findByNo(bought.order.orderNo);
assert.equal(done.status, OrderStatus.Completed);
console.log(`redeemed: ${codes.length} codes, order status ${done.status}`);
