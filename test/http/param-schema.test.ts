import { expect } from 'chai';
import { positiveId, strictNumber } from '../../apps/http/edge/strict-number.js';
import { ParamSchema } from '../../apps/http/edge/validation.js';
import { DomainError } from '../../core/index.js';

const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('strict numbers', () => {
  it('reads decimal digits and decimal notation, and nothing Number() would guess', () => {
    expect(strictNumber('42', 'integer', false)).to.equal(42);
    expect(strictNumber('007', 'integer', false)).to.equal(7);
    expect(strictNumber('-3', 'integer', true)).to.equal(-3);
    expect(strictNumber('-3', 'integer', false)).to.equal(null);
    expect(strictNumber('116.397', 'number', true)).to.equal(116.397);
    expect(strictNumber('1.5', 'integer', true)).to.equal(null);
    for (const text of ['', '-', '1e3', '0x10', 'Infinity', 'NaN', ' 1', '1 ', '+1', '.5', '5.', '1_0', '١٢']) {
      expect(strictNumber(text, 'number', true), JSON.stringify(text)).to.equal(null);
    }
    expect(strictNumber('9'.repeat(400), 'integer', false)).to.equal(Infinity);
  });

  it('reads a path id as a positive 32-bit integer or nothing', () => {
    expect(positiveId('2')).to.equal(2);
    for (const text of ['0', '-1', '0x1', '2147483648', '1e1']) expect(positiveId(text), text).to.equal(null);
  });
});

describe('ParamSchema', () => {
  const schema = new ParamSchema<{ n: number; lng?: number; s?: string }>({
    type: 'object',
    properties: {
      n: { type: 'integer', minimum: 1, maximum: 10 },
      lng: { type: 'number', minimum: -180, maximum: 180, nullable: true },
      s: { type: 'string', nullable: true },
    },
    required: ['n'],
  });

  it('takes numbers as text in every source, strictly, and JSON numbers as they are', () => {
    expect(schema.parse({ n: '3', lng: '-1.5' }, 'text')).to.deep.equal({ n: 3, lng: -1.5 });
    expect(schema.parse({ n: '3' }, 'json')).to.deep.equal({ n: 3 });
    expect(schema.parse({ n: 3, lng: null }, 'json')).to.deep.equal({ n: 3 });
  });

  it('names each bad parameter once, with its rule', () => {
    const error = refusal(() => schema.parse({ n: '0x3', lng: 'Infinity', s: '1' }, 'text'));
    expect(error.code).to.equal(10001);
    expect(error.message).to.equal('参数不合法: n 应为十进制整数；lng 应为十进制数');
    expect(refusal(() => schema.parse({ n: Infinity }, 'json')).message).to.equal('参数不合法: n 超出范围');
    expect(refusal(() => schema.parse({ n: ['1', '2'] }, 'text')).message).to.equal('参数不合法: n 应为整数');
    expect(refusal(() => schema.parse({ n: '11' }, 'text')).message).to.equal('参数不合法: n 不能大于10');
    expect(refusal(() => schema.parse({ s: 5 }, 'json')).message).to.equal('参数不合法: n 必填；s 应为字符串');
  });

  it('keeps a __proto__ key as data: required parameters cannot be inherited', () => {
    const body = JSON.parse('{"__proto__": {"n": 3}}') as unknown;
    expect(refusal(() => schema.parse(body, 'json')).message).to.equal('参数不合法: n 必填');
  });

  it('refuses at start a numeric parameter without bounds, so that no value out of range reaches SQL', () => {
    expect(
      () => new ParamSchema<{ n: number }>({ type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] }),
    ).to.throw('numeric parameter n needs minimum and maximum, or enum');
  });
});
