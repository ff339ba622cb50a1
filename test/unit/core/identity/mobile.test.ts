import { expect } from 'chai';
import { DomainError, Mobile } from '../../../../core/index.js';

function rejectionOf(raw: string, parameter?: string): DomainError {
  try {
    Mobile.create(raw, parameter);
  } catch (error) {
    expect(error).to.be.instanceOf(DomainError);
    return error as DomainError;
  }
  return expect.fail(`expected "${raw}" to be refused`);
}

describe('Mobile', () => {
  it('accepts 11 digits starting 13 to 19 and keeps them as given', () => {
    for (const raw of ['13800138000', '14500000000', '15912345678', '16600000001', '17700000000', '18888888888', '19999999999']) {
      const mobile = Mobile.create(raw);
      expect(mobile.value).to.equal(raw);
      expect(mobile.toString()).to.equal(raw);
    }
  });

  it('refuses a second digit 0, 1 or 2', () => {
    for (const raw of ['10800138000', '11800138000', '12800138000']) {
      expect(rejectionOf(raw).code, raw).to.equal(10001);
    }
  });

  it('refuses numbers that are not 11 plain ASCII digits', () => {
    const refused = [
      '',
      '1380013800', // 10 digits
      '138001380001', // 12 digits
      '23800138000', // not starting with 1
      '+8613800138000',
      '138 0013 8000',
      '1380013800a',
      '13800138000\n',
      ' 13800138000',
      '１３８００１３８０００', // full-width digits
    ];
    for (const raw of refused) {
      expect(rejectionOf(raw).code, JSON.stringify(raw)).to.equal(10001);
    }
  });

  it('names the parameter and the rule in the message', () => {
    expect(rejectionOf('123').message).to.equal('参数不合法: mobile 须为11位手机号');
    expect(rejectionOf('123', 'notify_mobile').message).to.equal('参数不合法: notify_mobile 须为11位手机号');
  });

  it('masks the middle four digits', () => {
    expect(Mobile.create('13800138000').masked()).to.equal('138****8000');
    expect(Mobile.create('19912345678').masked()).to.equal('199****5678');
  });
});
