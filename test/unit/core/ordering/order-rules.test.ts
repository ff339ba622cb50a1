import { expect } from 'chai';
import {
  DomainError,
  Money,
  OrderNo,
  type Order,
  type OrderItem,
  isOwnedBy,
  isPayable,
  orderLock,
  payDeadlineOf,
  refundAmountOf,
  refundableItems,
} from '../../../../core/index.js';
import { SequentialRandom } from '../../support/sequential-random.js';

const START = new Date('2026-11-28T02:00:00.000Z');
const order = (overrides: Partial<Order> = {}): Order => ({
  id: 1, operId: 1, orderNo: '202611281000000000000001', userId: 7, notifyMobile: null, merchantId: 11, merchantName: 'm',
  goodsId: 101, goodsName: 'g', goodsPic: '', goodsThumbUrl: '', price: 19900, buyNumber: 3, payPrice: 59700,
  prepaidAt: null, payTime: null, transactionId: null, refundPrice: null, refundTime: null, status: 1, createdAt: START,
  ...overrides,
});
const item = (id: number, status: 1 | 2 | 3): OrderItem => ({ id, orderId: 1, verifyCode: `80000000000${id}`, status, usedAt: null });

describe('the rules beside the order', () => {
  it('payable: unpaid and strictly before its pay deadline', () => {
    const timeout = 30 * 60_000;
    expect(payDeadlineOf(order(), timeout)).to.deep.equal(new Date(START.getTime() + timeout));
    expect(isPayable(order(), new Date(START.getTime() + timeout - 1), timeout)).to.equal(true);
    expect(isPayable(order(), new Date(START.getTime() + timeout), timeout)).to.equal(false);
    for (const status of [2, 3, 4, 6, 7] as const) expect(isPayable(order({ status }), START, timeout)).to.equal(false);
  });

  it('owned by its user only', () => {
    expect(isOwnedBy(order(), 7)).to.equal(true);
    expect(isOwnedBy(order(), 8)).to.equal(false);
  });

  it('refundable: the unused codes of a paid order, at the unit price each', () => {
    const items = [item(1, 1), item(2, 2), item(3, 1), item(4, 3)];
    expect(refundableItems(order({ status: 4 }), items).map((i) => i.id)).to.deep.equal([1, 3]);
    expect(refundAmountOf(order(), refundableItems(order({ status: 4 }), items))).to.equal(2 * 19900);
    for (const status of [1, 2, 3, 6, 7] as const) expect(refundableItems(order({ status }), items)).to.deep.equal([]);
  });

  it('one lock name per order', () => {
    expect(orderLock('202611281000000000000001')).to.equal('order:202611281000000000000001');
  });
});

describe('Money', () => {
  it('is whole non-negative fen, multiplies by counts and formats as yuan', () => {
    expect(Money.fen(19900).times(3).fen).to.equal(59700);
    expect(Money.fen(5).toString()).to.equal('0.05');
    expect(Money.fen(0).equals(Money.zero)).to.equal(true);
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(() => Money.fen(bad), String(bad)).to.throw(RangeError);
    expect(() => Money.fen(1).times(-1)).to.throw(RangeError);
    expect(() => Money.fen(Number.MAX_SAFE_INTEGER).times(2)).to.throw(RangeError);
  });
});

describe('OrderNo', () => {
  it('is the Shanghai time to the second and 10 random digits', () => {
    const no = OrderNo.next(START, new SequentialRandom());
    expect(no.value).to.match(/^20261128100000\d{10}$/);
  });

  it('parses 1-32 digits and refuses anything else with 10001 naming the parameter', () => {
    expect(OrderNo.parse('1').value).to.equal('1');
    for (const bad of ['', 'a1', '1'.repeat(33), '12 3', '-1']) {
      let caught: unknown;
      try {
        OrderNo.parse(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught, bad).to.be.instanceOf(DomainError).with.property('code', 10001);
      expect((caught as DomainError).message).to.include('order_no');
    }
  });

  it('numbers refund attempts from 1, one number each, within WeChat Pay\'s 64 characters', () => {
    const no = OrderNo.parse('9'.repeat(32));
    expect(no.refundNo(1)).to.equal(`${'9'.repeat(32)}R1`);
    expect(no.refundNo(2)).to.not.equal(no.refundNo(1));
    expect(no.refundNo(999).length).to.be.at.most(64);
    expect(() => no.refundNo(0)).to.throw(RangeError);
  });
});
