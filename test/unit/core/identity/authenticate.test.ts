import { expect } from 'chai';
import { Authenticate, type WechatSession, WxLogin } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { APP1, APP2, APP_DISABLED, DAY, type IdentityWorld, identityWorld, START } from '../../support/identity-world.js';
import { LabellingHasher } from '../../support/labelling-hasher.js';
import { ScriptedRandom } from '../../support/scripted-random.js';

const THIRTY_DAYS = 30 * DAY;

describe('Authenticate', () => {
  let world: IdentityWorld;
  let authenticate: Authenticate;
  /** Logs `openid-<code>` in to the mini program the way /wxLogin does; the token is `tok-<n>`. */
  let login: (appid: string, code: string) => Promise<string>;

  beforeEach(async () => {
    world = await identityWorld();
    const hasher = new LabellingHasher();
    const wechat = { codeToSession: async (_oper: unknown, code: string): Promise<WechatSession> => ({ openId: `openid-${code}` }) };
    const wxLogin = new WxLogin(world.repositories, wechat, new ScriptedRandom({ tokens: ['tok-1', 'tok-2'] }), hasher, world.clock);
    login = async (appid, code) => (await wxLogin.execute({ appid, code })).token;
    authenticate = new Authenticate(world.repositories, hasher, world.clock);
  });

  /** A session stored as WxLogin would, for cases WxLogin itself cannot produce. */
  async function storeSession(token: string, operId: number, appid: string, openId: string): Promise<void> {
    await world.repositories.sessions.add({
      tokenHash: `hash(${token})`,
      operId,
      appid,
      openId,
      createdAt: START,
      expiresAt: new Date(START.getTime() + THIRTY_DAYS),
    });
  }

  describe('10007', () => {
    it('when there is no token', async () => {
      await domainErrorOf(authenticate.execute({ token: null, requestAppid: APP1 }), 10007);
      await domainErrorOf(authenticate.execute({ token: '', requestAppid: APP1 }), 10007);
    });

    it('for a token never issued', async () => {
      await login(APP1, 'a');
      await domainErrorOf(authenticate.execute({ token: 'tok-9', requestAppid: APP1 }), 10007);
    });

    it('for the stored hash presented as a token', async () => {
      await login(APP1, 'a');
      await domainErrorOf(authenticate.execute({ token: 'hash(tok-1)', requestAppid: APP1 }), 10007);
    });

    it('from the expiry instant on, and not one millisecond before', async () => {
      const token = await login(APP1, 'a');
      world.clock.advance(THIRTY_DAYS - 1);
      expect((await authenticate.execute({ token, requestAppid: APP1 })).openId).to.equal('openid-a');
      world.clock.advance(1);
      await domainErrorOf(authenticate.execute({ token, requestAppid: APP1 }), 10007);
      world.clock.advance(DAY);
      await domainErrorOf(authenticate.execute({ token, requestAppid: APP1 }), 10007);
    });

    it('before looking at the appid, for an expired token from another mini program', async () => {
      const token = await login(APP1, 'a');
      world.clock.advance(THIRTY_DAYS);
      await domainErrorOf(authenticate.execute({ token, requestAppid: APP2 }), 10007);
    });
  });

  describe('70010', () => {
    it('for a token issued in another mini program than the Referer names', async () => {
      const token = await login(APP1, 'a');
      await domainErrorOf(authenticate.execute({ token, requestAppid: APP2 }), 70010);
    });

    it("when the token's openId is no longer a known identity", async () => {
      await storeSession('tok-gone', 1, APP1, 'openid-removed');
      await domainErrorOf(authenticate.execute({ token: 'tok-gone', requestAppid: APP1 }), 70010);
    });
  });

  describe('70011', () => {
    it("when the token's oper has been disabled", async () => {
      await world.repositories.wechatIdentities.ensure(APP_DISABLED, 'openid-a', START);
      await storeSession('tok-d', 9, APP_DISABLED, 'openid-a');
      await domainErrorOf(authenticate.execute({ token: 'tok-d', requestAppid: APP_DISABLED }), 70011);
    });

    it("when the token's oper no longer exists", async () => {
      await world.repositories.wechatIdentities.ensure(APP1, 'openid-a', START);
      await storeSession('tok-x', 42, APP1, 'openid-a');
      await domainErrorOf(authenticate.execute({ token: 'tok-x', requestAppid: APP1 }), 70011);
    });

    it("when the token's oper now owns another mini program", async () => {
      await world.repositories.wechatIdentities.ensure(APP1, 'openid-a', START);
      await storeSession('tok-m', 2, APP1, 'openid-a');
      await domainErrorOf(authenticate.execute({ token: 'tok-m', requestAppid: APP1 }), 70011);
    });
  });

  it('resolves an unbound openId to a caller without a user', async () => {
    const token = await login(APP2, 'a');
    expect(await authenticate.execute({ token, requestAppid: APP2 })).to.deep.equal({
      operId: 2,
      appid: APP2,
      openId: 'openid-a',
      user: null,
      tokenHash: `hash(${token})`,
    });
  });

  it('accepts a request that names no appid, taking the oper from the token', async () => {
    const token = await login(APP2, 'a');
    expect((await authenticate.execute({ token, requestAppid: null })).operId).to.equal(2);
  });

  it('resolves a bound openId to its user, bound after the token was issued', async () => {
    const token = await login(APP1, 'a');
    const user = await world.repositories.users.findOrCreateByMobile('13800138000', '138****8000', START);
    await world.repositories.wechatIdentities.bind(APP1, 'openid-a', user.id, START);
    expect(await authenticate.execute({ token, requestAppid: APP1 })).to.deep.equal({
      operId: 1,
      appid: APP1,
      openId: 'openid-a',
      user: { id: user.id, name: '138****8000', mobile: '13800138000', createdAt: START },
      tokenHash: `hash(${token})`,
    });
  });

  it('tells two tokens apart', async () => {
    const first = await login(APP1, 'a');
    const second = await login(APP1, 'b');
    expect((await authenticate.execute({ token: first, requestAppid: APP1 })).openId).to.equal('openid-a');
    expect((await authenticate.execute({ token: second, requestAppid: APP1 })).openId).to.equal('openid-b');
  });
});
