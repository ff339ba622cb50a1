import { expect } from 'chai';
import sinon from 'sinon';
import { DomainError, type WechatAuth, type WechatSession, WxLogin } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { APP1, APP2, APP_DISABLED, type IdentityWorld, identityWorld, MINUTE, START } from '../../support/identity-world.js';
import { LabellingHasher } from '../../support/labelling-hasher.js';
import { ScriptedRandom } from '../../support/scripted-random.js';

describe('WxLogin', () => {
  let world: IdentityWorld;
  let random: ScriptedRandom;
  let codeToSession: sinon.SinonStub<Parameters<WechatAuth['codeToSession']>, Promise<WechatSession>>;
  let wxLogin: WxLogin;

  beforeEach(async () => {
    world = await identityWorld();
    random = new ScriptedRandom({ tokens: ['tok-1', 'tok-2', 'tok-3'] });
    codeToSession = sinon.stub<Parameters<WechatAuth['codeToSession']>, Promise<WechatSession>>();
    codeToSession.callsFake(async (_oper, code) => ({ openId: `openid-${code}` }));
    wxLogin = new WxLogin(world.repositories, { codeToSession }, random, new LabellingHasher(), world.clock);
  });

  async function bindToNewUser(appid: string, openId: string, mobile = '13800138000') {
    const user = await world.repositories.users.findOrCreateByMobile(mobile, '老王', START);
    await world.repositories.wechatIdentities.bind(appid, openId, user.id, START);
    return user;
  }

  describe('refuses with 70011 and calls nobody', () => {
    const cases: Array<[string, string | null]> = [
      ['when the request names no appid', null],
      ['for an appid no oper owns', 'wx00000000000000ff'],
      ['for the mini program of a disabled oper', APP_DISABLED],
    ];
    for (const [title, appid] of cases) {
      it(title, async () => {
        await domainErrorOf(wxLogin.execute({ appid, code: 'a' }), 70011);
        sinon.assert.notCalled(codeToSession);
        expect(random.tokensLeft).to.equal(3);
      });
    }
  });

  it("asks WeChat with the oper of the request's mini program and the code", async () => {
    await wxLogin.execute({ appid: APP2, code: 'a' });
    sinon.assert.calledOnce(codeToSession);
    expect(codeToSession.firstCall.args).to.deep.equal([await world.repositories.opers.findById(2), 'a']);
  });

  it('returns the scripted token and stores only its hash, valid exactly 30 days', async () => {
    const result = await wxLogin.execute({ appid: APP1, code: 'a' });
    expect(result).to.deep.equal({ token: 'tok-1' });
    expect(await world.repositories.sessions.findByTokenHash('hash(tok-1)')).to.deep.equal({
      tokenHash: 'hash(tok-1)',
      operId: 1,
      appid: APP1,
      openId: 'openid-a',
      createdAt: START,
      expiresAt: new Date('2026-12-28T02:00:00.000Z'),
    });
    expect(await world.repositories.sessions.findByTokenHash('tok-1')).to.equal(null);
  });

  it('dates the session from the clock at login', async () => {
    world.clock.advance(7 * MINUTE);
    await wxLogin.execute({ appid: APP1, code: 'a' });
    const session = await world.repositories.sessions.findByTokenHash('hash(tok-1)');
    expect(session?.createdAt).to.deep.equal(new Date('2026-11-28T02:07:00.000Z'));
    expect(session?.expiresAt).to.deep.equal(new Date('2026-12-28T02:07:00.000Z'));
  });

  it('records a new openId as an identity of the mini program, bound to nobody', async () => {
    await wxLogin.execute({ appid: APP1, code: 'a' });
    expect(await world.repositories.wechatIdentities.find(APP1, 'openid-a')).to.deep.equal({
      appid: APP1,
      openId: 'openid-a',
      userId: null,
    });
  });

  it('returns userInfo when the openId is bound to a user', async () => {
    const user = await bindToNewUser(APP1, 'openid-a');
    const result = await wxLogin.execute({ appid: APP1, code: 'a' });
    expect(result).to.deep.equal({ token: 'tok-1', userInfo: { id: user.id, name: '老王', mobile: '13800138000' } });
  });

  it('keeps the binding across logins and issues a new token each time', async () => {
    const user = await bindToNewUser(APP1, 'openid-a');
    const first = await wxLogin.execute({ appid: APP1, code: 'a' });
    const second = await wxLogin.execute({ appid: APP1, code: 'a' });
    const userInfo = { id: user.id, name: '老王', mobile: '13800138000' };
    expect([first, second]).to.deep.equal([
      { token: 'tok-1', userInfo },
      { token: 'tok-2', userInfo },
    ]);
    expect(await world.repositories.wechatIdentities.find(APP1, 'openid-a')).to.deep.equal({
      appid: APP1,
      openId: 'openid-a',
      userId: user.id,
    });
    expect(await world.repositories.sessions.findByTokenHash('hash(tok-1)')).to.not.equal(null);
    expect(await world.repositories.sessions.findByTokenHash('hash(tok-2)')).to.not.equal(null);
  });

  it('treats the same openId in another mini program as another, unbound identity', async () => {
    await bindToNewUser(APP1, 'openid-a');
    const result = await wxLogin.execute({ appid: APP2, code: 'a' });
    expect(result).to.deep.equal({ token: 'tok-1' });
    expect((await world.repositories.sessions.findByTokenHash('hash(tok-1)'))?.operId).to.equal(2);
  });

  it('lets a WeChat failure (70012) through and writes nothing', async () => {
    const failure = new DomainError(70012);
    codeToSession.rejects(failure);
    const error = await domainErrorOf(wxLogin.execute({ appid: APP1, code: 'a' }), 70012);
    expect(error).to.equal(failure);
    expect(random.tokensLeft).to.equal(3);
    expect(await world.repositories.wechatIdentities.find(APP1, 'openid-a')).to.equal(null);
    expect(await world.repositories.sessions.findByTokenHash('hash(tok-1)')).to.equal(null);
  });

  it('lets a code WeChat rejects (10001) through', async () => {
    codeToSession.rejects(new DomainError(10001, '参数不合法: code 无效'));
    const error = await domainErrorOf(wxLogin.execute({ appid: APP1, code: 'stale' }), 10001);
    expect(error.message).to.equal('参数不合法: code 无效');
  });
});
