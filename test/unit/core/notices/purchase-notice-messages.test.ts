import { expect } from 'chai';
import { type PurchaseNoticeContent, purchaseNoticeMessages, shortOrderNo } from '../../../../core/index.js';

const code = (n: number) => String(n).padStart(12, '7');
const content = (codes: number, overrides: Partial<PurchaseNoticeContent> = {}): PurchaseNoticeContent => ({
  orderNo: '20261128100000123456789012',
  goodsName: '双人火锅套餐',
  buyNumber: codes,
  endDate: '2026-12-31',
  codes: Array.from({ length: codes }, (_, i) => code(i + 1)),
  ...overrides,
});

describe('purchaseNoticeMessages: the template parameters within the provider’s limit', () => {
  it('fills the template: order number shortened to its first and last 6 digits, name, number, end date, code', () => {
    expect(purchaseNoticeMessages(content(1), 12)).to.deep.equal([
      { orderNo: '202611789012', name: '双人火锅套餐', number: '1', endDate: '2026-12-31', verifyCode: code(1) },
    ]);
  });

  it('keeps an order number of 12 digits or fewer whole', () => {
    expect(shortOrderNo('202611281000')).to.equal('202611281000');
    expect(shortOrderNo('2026112810001')).to.equal('202611810001');
  });

  it('cuts the goods name at 20 characters, or at the parameter limit when that is less', () => {
    const name = '一二三四五六七八九十abcdefghij123';
    expect(purchaseNoticeMessages(content(1, { goodsName: name }), 12)[0]!.name).to.equal('一二三四五六七八九十ab');
    expect(purchaseNoticeMessages(content(1, { goodsName: name }), 40)[0]!.name).to.equal('一二三四五六七八九十abcdefghij');
    expect(purchaseNoticeMessages(content(1, { goodsName: '😀'.repeat(30) }), 20)[0]!.name).to.equal('😀'.repeat(20));
  });

  it('gives each code its own message under Tencent’s limit of 12 characters, each a whole notice', () => {
    const messages = purchaseNoticeMessages(content(3), 12);
    expect(messages.map((m) => m.verifyCode)).to.deep.equal([code(1), code(2), code(3)]);
    for (const message of messages) expect(message).to.include({ orderNo: '202611789012', number: '3', endDate: '2026-12-31' });
  });

  it('packs whole codes joined by commas into a longer parameter, and moves the rest to further messages', () => {
    const messages = purchaseNoticeMessages(content(5), 37);
    expect(messages.map((m) => m.verifyCode)).to.deep.equal([
      `${code(1)},${code(2)}`,
      `${code(3)},${code(4)}`,
      code(5),
    ]);
    expect(purchaseNoticeMessages(content(5), 64).map((m) => m.verifyCode)).to.deep.equal([
      [1, 2, 3, 4, 5].map(code).join(','),
    ]);
  });

  it('never makes a parameter longer than the limit, and never loses or repeats a code', () => {
    for (const limit of [12, 13, 25, 26, 38, 100, 300]) {
      for (const units of [1, 2, 7, 99]) {
        const messages = purchaseNoticeMessages(content(units), limit);
        for (const message of messages) {
          for (const value of Object.values(message)) expect(Array.from(value as string).length).to.be.at.most(limit);
        }
        expect(messages.flatMap((m) => m.verifyCode.split(','))).to.deep.equal(content(units).codes);
      }
    }
  });

  it('refuses a limit that cannot hold a whole code', () => {
    expect(() => purchaseNoticeMessages(content(1), 11)).to.throw(RangeError);
  });
});
