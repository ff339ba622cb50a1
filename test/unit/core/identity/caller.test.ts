import { expect } from 'chai';
import { type Caller, requireUser, type User } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';

const user: User = { id: 7, name: '138****8000', mobile: '13800138000', createdAt: new Date('2026-11-28T02:00:00Z') };
const caller = (bound: User | null): Caller => ({ operId: 1, appid: 'wx0000000000000001', openId: 'openid-a', user: bound });

describe('requireUser', () => {
  it("returns the caller's user when the openId is bound", () => {
    expect(requireUser(caller(user))).to.equal(user);
  });

  it('refuses with 10003 when the openId is not bound to a user', async () => {
    const error = await domainErrorOf(Promise.resolve().then(() => requireUser(caller(null))), 10003);
    expect(error.message).to.equal('未登录');
  });
});
