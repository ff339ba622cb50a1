import { expect } from 'chai';
import { BuyGoods, type Caller, type ErrorCode } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { orderingUseCases, goodsOf, settled } from '../../support/ordering-steps.js';
import { APP1, GOODS, MAX_UNPAID_ORDERS, MINUTE, type OrderingWorld, orderingWorld, PAY_TIMEOUT_MS, PRICE, settings, START } from '../../support/ordering-world.js';
import { ScriptedRandom } from '../../support/scripted-random.js';

describe('BuyGoods', () => {
  let world: OrderingWorld;
  let buyGoods: BuyGoods;
  let self: Caller;

  beforeEach(async () => {
    world = await orderingWorld();
    buyGoods = orderingUseCases(world).buyGoods;
    self = world.callerIn(1);
  });

  const buy = (goodsId: number, number = 1, caller = self, notifyMobile: string | null = null) =>
    buyGoods.execute({ caller, goodsId, number, notifyMobile });

  describe('refuses and writes nothing', () => {
    const cases: Array<[string, ErrorCode, () => Promise<unknown>]> = [
      ['10003 for a caller with no bound user', 10003, () => buy(GOODS.onShelf, 1, world.callerIn(1, null))],
      ['10001 for 0 units', 10001, () => buy(GOODS.onShelf, 0)],
      ['10001 for 100 units', 10001, () => buy(GOODS.onShelf, 100)],
      ['10001 for 1.5 units', 10001, () => buy(GOODS.onShelf, 1.5)],
      ['10001 for a bad notify_mobile', 10001, () => buy(GOODS.onShelf, 1, self, '12345')],
      ['40002 for goods off shelf', 40002, () => buy(GOODS.offShelf)],
      ['40002 for goods that do not exist', 40002, () => buy(999)],
      ['40001 for goods of a disabled merchant', 40001, () => buy(GOODS.ofDisabledShop)],
      ['40003 for goods not yet on sale', 40003, () => buy(GOODS.notYetOnSale)],
      ['40003 for goods no longer on sale', 40003, () => buy(GOODS.noLongerOnSale)],
      ['40004 for more units than the stock holds', 40004, () => buy(GOODS.limited, 4)],
    ];
    for (const [title, code, attempt] of cases) {
      it(title, async () => {
        await domainErrorOf(attempt(), code);
        expect(await world.repositories.orders.findById(1)).to.equal(null);
        expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 3, sellNumber: 0 });
        expect(world.wechatPay.calls).to.deep.equal([]);
      });
    }
  });

  it('names the parameter of a refused number', async () => {
    expect((await domainErrorOf(buy(GOODS.onShelf, 0), 10001)).message).to.equal('参数不合法: number 须为1到99的整数');
  });

  it('sells from the first second of the start date in Shanghai, and not a millisecond before', async () => {
    world.clock.advance(14 * 60 * MINUTE - 1); // 2026-11-28 23:59:59.999 in Shanghai
    await domainErrorOf(buy(GOODS.notYetOnSale), 40003);
    world.clock.advance(1);
    expect((await buy(GOODS.notYetOnSale)).order.status).to.equal(1);
  });

  it('creates an unpaid order of the goods as they are, pay_price = price × number, and asks WeChat Pay in the oper\'s own mini program', async () => {
    const result = await buy(GOODS.onShelf, 3, self, '13900139000');
    const orderNo = '202611281000000000000001';
    const order = {
      id: 1, operId: 1, orderNo, userId: world.alice.id, notifyMobile: '13900139000', merchantId: 11, merchantName: '商家11',
      goodsId: GOODS.onShelf, goodsName: '双人套餐101', goodsPic: 'https://cdn.example.com/pic-101.jpg',
      goodsThumbUrl: 'https://cdn.example.com/thumb-101.jpg', price: PRICE, buyNumber: 3, payPrice: 3 * PRICE,
      prepaidAt: START, payTime: null, transactionId: null, refundPrice: null, refundTime: null, status: 1, createdAt: START,
    };
    const timestamp = String(START.getTime() / 1000);
    expect(result).to.deep.equal({
      order,
      isOperSelf: true,
      sdkConfig: {
        appId: APP1, timestamp, nonceStr: `nonce-${timestamp}`, package: `prepay_id=wx-prepay-${orderNo}`,
        signType: 'RSA', paySign: `signed-by-1900000001:prepay_id=wx-prepay-${orderNo}`,
      },
    });
    expect(await world.repositories.orders.findByNo(orderNo)).to.deep.equal(order);
    expect(world.wechatPay.calls).to.deep.equal([
      {
        method: 'prepay', operId: 1,
        request: {
          appid: APP1, outTradeNo: orderNo, description: '双人套餐101', amountFen: 3 * PRICE, payerOpenId: self.openId,
          expiresAt: new Date(START.getTime() + 30 * MINUTE), notifyUrl: settings.paymentNotifyUrl(1),
        },
      },
      { method: 'sdkConfig', operId: 1, appid: APP1, prepayId: `wx-prepay-${orderNo}` },
    ]);
  });

  it('marks the order prepaid in the transaction that creates it: no write of its own outside it', async () => {
    const outside = { ...world.repositories, orders: { ...world.repositories.orders, markPrepaid: () => Promise.reject(new Error('a write outside the transaction')) } };
    const inOneTransaction = new BuyGoods(outside, world.uow, world.wechatPay, settings, world.random, world.clock);
    const result = await inOneTransaction.execute({ caller: self, goodsId: GOODS.onShelf, number: 1, notifyMobile: null });
    expect(result.sdkConfig?.package).to.equal(`prepay_id=wx-prepay-${result.order.orderNo}`);
    expect((await world.repositories.orders.findByNo(result.order.orderNo))?.prepaidAt).to.deep.equal(START);
  });

  it('takes the units from a limited stock and sells nothing before payment', async () => {
    await buy(GOODS.limited, 2);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 0 });
  });

  it('asks no prepay in the mini program of another oper (isOperSelf false)', async () => {
    const result = await buy(GOODS.onShelf, 1, world.callerIn(3));
    expect(result.isOperSelf).to.equal(false);
    expect(result).not.to.have.property('sdkConfig');
    expect(result.order.operId).to.equal(1);
    expect(world.wechatPay.calls).to.deep.equal([]);
  });

  it('keeps the order when the prepay fails, answering 70012 with its order_no', async () => {
    world.wechatPay.failing.add('prepay');
    const error = await domainErrorOf(buy(GOODS.limited, 2), 70012);
    expect(error.data).to.deep.equal({ order_no: '202611281000000000000001' });
    const kept = await world.repositories.orders.findByNo('202611281000000000000001');
    expect(kept?.status).to.equal(1);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 0 });
  });

  it('keeps the order with 70012 and its order_no when its own oper has no WeChat Pay', async () => {
    const error = await domainErrorOf(buy(GOODS.ofOper2, 1, world.callerIn(2)), 70012);
    expect(error.data).to.deep.equal({ order_no: '202611281000000000000001' });
    const stored = await world.repositories.orders.findByNo('202611281000000000000001');
    expect(stored).to.include({ payPrice: 5000, prepaidAt: null });
    expect(world.wechatPay.calls).to.deep.equal([]);
  });

  it('numbers orders with 24 digits: the Shanghai time to the second, then 10 random digits', async () => {
    world.clock.advance(Date.parse('2026-12-30T16:30:05.999Z') - START.getTime()); // 2026-12-31 00:30:05 in Shanghai
    const { order } = await buy(GOODS.onShelf);
    expect(order.orderNo).to.match(/^\d{24}$/);
    expect(order.orderNo).to.equal('202612310030050000000001');
  });

  it('draws another number when the first is taken', async () => {
    const random = new ScriptedRandom({ digits: ['4444444444', '4444444444', '5555555555'] });
    const { repositories, uow, wechatPay, clock } = world;
    const scripted = new BuyGoods(repositories, uow, wechatPay, settings, random, clock);
    const other = world.callerIn(3);
    const first = await scripted.execute({ caller: other, goodsId: GOODS.onShelf, number: 1, notifyMobile: null });
    const second = await scripted.execute({ caller: other, goodsId: GOODS.onShelf, number: 1, notifyMobile: null });
    expect([first.order.orderNo, second.order.orderNo]).to.deep.equal(['202611281000004444444444', '202611281000005555555555']);
    expect(random.digitsLeft).to.equal(0);
  });

  it('sells a stock of 3 exactly three times to 5 buyers in parallel', async () => {
    const other = world.callerIn(3);
    const { values, codes } = await settled(Array.from({ length: 5 }, () => buy(GOODS.limited, 1, other)));
    expect(values).to.have.length(3);
    expect(codes).to.deep.equal([40004, 40004]);
    const { total } = await world.repositories.orders.listByUser(world.alice.id, null, 1, 10);
    expect(total).to.equal(3);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 0, sellNumber: 0 });
  });
});

describe('BuyGoods: no hoarding', () => {
  it('refuses with 50004 beyond MAX_UNPAID_ORDERS_PER_USER unpaid orders, even in parallel, and counts only payable ones', async () => {
    const world = await orderingWorld();
    const { buyGoods, cancelOrder } = orderingUseCases(world);
    const buy = () => buyGoods.execute({ caller: world.callerIn(2), goodsId: GOODS.onShelf, number: 1, notifyMobile: null });
    const { values, codes } = await settled(Array.from({ length: MAX_UNPAID_ORDERS + 3 }, () => buy()));
    expect(values).to.have.length(MAX_UNPAID_ORDERS);
    expect(codes).to.deep.equal([50004, 50004, 50004]);
    await domainErrorOf(buyGoods.execute({ caller: world.callerIn(2), goodsId: GOODS.limited, number: 1, notifyMobile: null }), 50004);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 3, sellNumber: 0 });
    // Another user is not limited by alice's orders; a cancelled order frees a place.
    await buyGoods.execute({ caller: world.callerIn(2, world.bob), goodsId: GOODS.onShelf, number: 1, notifyMobile: null });
    await cancelOrder.execute({ caller: world.callerIn(2), orderNo: values[0]!.order.orderNo });
    await buy();
    await domainErrorOf(buy(), 50004);
    // Past the pay timeout an order no longer counts, swept or not.
    world.clock.advance(PAY_TIMEOUT_MS + 1);
    await buy();
  });
});
