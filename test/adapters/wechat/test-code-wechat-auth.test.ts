import { expect } from 'chai';
import sinon from 'sinon';
import type { WechatAuth } from '../../../core/identity/wechat-auth.js';
import { DomainError } from '../../../core/shared/domain-error.js';
import { TestCodeWechatAuth } from '../../../adapters/wechat/test-code-wechat-auth.js';
import { caught } from '../support/caught.js';
import { operWith } from './wechat-fixtures.js';

describe('TestCodeWechatAuth', () => {
  const oper = operWith('wx0000000000000001', 'sealed');
  const openIdFor = (appid: string) => `demo-openid-${appid}`;

  it('answers the code `user` with the demo openId of the appid, without calling WeChat', async () => {
    const inner = { codeToSession: sinon.stub<Parameters<WechatAuth['codeToSession']>>().rejects(new Error('called')) };
    const auth = new TestCodeWechatAuth(inner, openIdFor);
    expect(await auth.codeToSession(oper, 'user')).to.deep.equal({ openId: 'demo-openid-wx0000000000000001' });
    expect(await auth.codeToSession(operWith('wx0000000000000002', 's'), 'user')).to.deep.equal({
      openId: 'demo-openid-wx0000000000000002',
    });
    sinon.assert.notCalled(inner.codeToSession);
  });

  it('passes every other code to WeChat, with its answer and its refusals', async () => {
    const inner = { codeToSession: sinon.stub<Parameters<WechatAuth['codeToSession']>>().resolves({ openId: 'o-other' }) };
    inner.codeToSession.withArgs(oper, 'real-code').resolves({ openId: 'o-real' });
    inner.codeToSession.withArgs(oper, 'bad').rejects(new DomainError(10001));
    const auth = new TestCodeWechatAuth(inner, openIdFor);
    expect(await auth.codeToSession(oper, 'real-code')).to.deep.equal({ openId: 'o-real' });
    expect(await caught(auth.codeToSession(oper, 'bad'))).to.be.instanceOf(DomainError).with.property('code', 10001);
    expect(await auth.codeToSession(oper, 'User')).to.deep.equal({ openId: 'o-other' });
    expect(await auth.codeToSession(oper, ' user')).to.deep.equal({ openId: 'o-other' });
    sinon.assert.callCount(inner.codeToSession, 4);
  });
});
