import { expect } from 'chai';
import { BindMobile, type Caller, type DomainError, SendVerifyCode, defaultVerifyCodePolicy, type VerifyCode } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { labellingDigest } from '../../support/labelling-digest.js';
import { APP1, APP2, type IdentityWorld, identityWorld, MINUTE, START } from '../../support/identity-world.js';

const MOBILE = '13800138000';
const OTHER_MOBILE = '13900139000';

describe('BindMobile', () => {
  let world: IdentityWorld;
  let bindMobile: BindMobile;

  beforeEach(async () => {
    world = await identityWorld();
    bindMobile = new BindMobile(world.uow, labellingDigest, world.clock, defaultVerifyCodePolicy);
  });

  /** A caller whose openId is a known identity of the mini program, not yet bound. */
  async function callerOf(openId: string, appid = APP1): Promise<Caller> {
    await world.repositories.wechatIdentities.ensure(appid, openId, START);
    return { operId: appid === APP1 ? 1 : 2, appid, openId, user: null };
  }

  /** Records a code as SendVerifyCode does: sent now, valid 5 minutes. */
  function issue(code: string, mobile = MOBILE): Promise<VerifyCode> {
    const now = world.clock.now();
    return world.repositories.verifyCodes.add({ mobile, codeHash: labellingDigest.digest(mobile, code), ip: '203.0.113.7', requester: null, sentAt: now, expiresAt: new Date(now.getTime() + 5 * MINUTE) });
  }

  const boundUserOf = async (openId: string, appid = APP1) => (await world.repositories.wechatIdentities.find(appid, openId))?.userId;
  const latestCode = (mobile = MOBILE) => world.repositories.verifyCodes.findLatest(mobile);

  it('creates a user named with the masked mobile, binds the openId and consumes the code', async () => {
    const caller = await callerOf('openid-a');
    await issue('246810');
    world.clock.advance(MINUTE);
    expect(await bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '246810' })).to.deep.equal({
      userInfo: { id: 1, name: '138****8000', mobile: MOBILE },
    });
    const consumedAt = new Date(START.getTime() + MINUTE);
    expect(await world.repositories.users.findById(1)).to.deep.equal({ id: 1, name: '138****8000', mobile: MOBILE, createdAt: consumedAt });
    expect(await boundUserOf('openid-a')).to.equal(1);
    expect((await latestCode())?.consumedAt).to.deep.equal(consumedAt);
  });

  it('finds the existing user of the mobile, keeping their name', async () => {
    const existing = await world.repositories.users.findOrCreateByMobile(MOBILE, '老王', START);
    const caller = await callerOf('openid-a');
    await issue('246810');
    const { userInfo } = await bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '246810' });
    expect(userInfo).to.deep.equal({ id: existing.id, name: '老王', mobile: MOBILE });
    expect(await world.repositories.users.findById(existing.id + 1)).to.equal(null);
  });

  it('refuses an invalid mobile with 10001', async () => {
    const error = await domainErrorOf(bindMobile.execute({ caller: await callerOf('openid-a'), mobile: '138', verifyCode: '246810' }), 10001);
    expect(error.message).to.equal('参数不合法: mobile 须为11位手机号');
  });

  describe('20002', () => {
    it('when no code was sent to the mobile', async () => {
      await issue('246810', OTHER_MOBILE);
      await domainErrorOf(bindMobile.execute({ caller: await callerOf('openid-a'), mobile: MOBILE, verifyCode: '246810' }), 20002);
    });

    it('from the expiry instant on, and not one millisecond before', async () => {
      const caller = await callerOf('openid-a');
      await issue('246810');
      world.clock.advance(5 * MINUTE);
      await domainErrorOf(bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '246810' }), 20002);
      await domainErrorOf(bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '000000' }), 20002);
      expect((await latestCode())?.failedAttempts).to.equal(0);

      world.clock.advance(-1);
      expect((await bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '246810' })).userInfo.id).to.equal(1);
    });

    it('for a code already used', async () => {
      const caller = await callerOf('openid-a');
      await issue('246810');
      await bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '246810' });
      await domainErrorOf(bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '246810' }), 20002);
    });
  });

  describe('wrong codes', () => {
    it('refuses with 20001, counts the try, and binds nothing', async () => {
      const caller = await callerOf('openid-a');
      await issue('246810');
      await domainErrorOf(bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '135790' }), 20001);
      expect(await latestCode()).to.include({ failedAttempts: 1, consumedAt: null });
      expect(await boundUserOf('openid-a')).to.equal(null);
      expect(await world.repositories.users.findByMobile(MOBILE)).to.equal(null);
    });

    it('still accepts the right code after 4 wrong tries', async () => {
      const caller = await callerOf('openid-a');
      await issue('246810');
      for (let i = 0; i < 4; i++) await domainErrorOf(bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '000000' }), 20001);
      expect((await bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '246810' })).userInfo.id).to.equal(1);
    });

    it('voids the code with the 5th wrong try: the right code then gets 20002', async () => {
      const caller = await callerOf('openid-a');
      await issue('246810');
      for (let i = 0; i < 5; i++) await domainErrorOf(bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '000000' }), 20001);
      expect((await latestCode())?.failedAttempts).to.equal(5);
      await domainErrorOf(bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '246810' }), 20002);
      await domainErrorOf(bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '000000' }), 20002);
      expect((await latestCode())?.failedAttempts).to.equal(5);
    });

    it('counts no more than 5 when 6 wrong tries arrive at once', async () => {
      const caller = await callerOf('openid-a');
      await issue('246810');
      const tries = Array.from({ length: 6 }, () => bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '000000' }));
      const codes = (await Promise.allSettled(tries)).map((o) => (o.status === 'rejected' ? (o.reason as DomainError).code : 'fulfilled'));
      expect(codes.sort()).to.deep.equal([20001, 20001, 20001, 20001, 20001, 20002]);
      expect((await latestCode())?.failedAttempts).to.equal(5);
    });
  });

  it('accepts only the latest code sent to the mobile', async () => {
    const caller = await callerOf('openid-a');
    await issue('111111');
    world.clock.advance(MINUTE);
    await issue('222222');
    await domainErrorOf(bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '111111' }), 20001);
    expect((await latestCode())?.failedAttempts).to.equal(1);
    expect((await bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '222222' })).userInfo.mobile).to.equal(MOBILE);
  });

  describe('re-binding', () => {
    it('moves an openId bound to another user to the user of the mobile', async () => {
      const previous = await world.repositories.users.findOrCreateByMobile(OTHER_MOBILE, '139****9000', START);
      const caller = await callerOf('openid-a');
      await world.repositories.wechatIdentities.bind(APP1, 'openid-a', previous.id, START);
      await issue('246810');
      const { userInfo } = await bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '246810' });
      expect(userInfo.id).to.not.equal(previous.id);
      expect(await boundUserOf('openid-a')).to.equal(userInfo.id);
    });

    it("unbinds the user's previous openId in that mini program, and only there", async () => {
      const user = await world.repositories.users.findOrCreateByMobile(MOBILE, '138****8000', START);
      await callerOf('openid-old');
      await world.repositories.wechatIdentities.bind(APP1, 'openid-old', user.id, START);
      await callerOf('openid-old', APP2);
      await world.repositories.wechatIdentities.bind(APP2, 'openid-old', user.id, START);
      const caller = await callerOf('openid-new');
      await issue('246810');
      await bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '246810' });
      expect(await boundUserOf('openid-new')).to.equal(user.id);
      expect(await boundUserOf('openid-old')).to.equal(null);
      expect(await boundUserOf('openid-old', APP2)).to.equal(user.id);
    });
  });

  it('lets exactly one of two simultaneous correct submissions succeed', async () => {
    const [a, b] = [await callerOf('openid-a'), await callerOf('openid-b')];
    await issue('246810');
    const outcomes = await Promise.allSettled([
      bindMobile.execute({ caller: a, mobile: MOBILE, verifyCode: '246810' }),
      bindMobile.execute({ caller: b, mobile: MOBILE, verifyCode: '246810' }),
    ]);
    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as DomainError).code] : []));
    expect(winners).to.deep.equal([{ status: 'fulfilled', value: { userInfo: { id: 1, name: '138****8000', mobile: MOBILE } } }]);
    expect(losers).to.deep.equal([20002]);
    expect([await boundUserOf('openid-a'), await boundUserOf('openid-b')].sort()).to.deep.equal([1, null]);
    expect(await world.repositories.users.findById(2)).to.equal(null);
  });

  describe('a code belongs to the token that asked for it', () => {
    const issueFor = (code: string, requester: string) => {
      const now = world.clock.now();
      return world.repositories.verifyCodes.add({
        mobile: MOBILE, codeHash: labellingDigest.digest(MOBILE, code), ip: '203.0.113.7', requester, sentAt: now, expiresAt: new Date(now.getTime() + 5 * MINUTE),
      });
    };
    const withToken = async (openId: string, tokenHash: string): Promise<Caller> => ({ ...(await callerOf(openId)), tokenHash });

    it('another token can neither use it nor void it with wrong tries; its owner then logs in', async () => {
      await issueFor('135790', 'hash(victim)');
      const attacker = await withToken('openid-attacker', 'hash(attacker)');
      for (const guess of ['000000', '111111', '222222', '333333', '444444', '135790']) {
        await domainErrorOf(bindMobile.execute({ caller: attacker, mobile: MOBILE, verifyCode: guess }), 20002);
      }
      expect(await latestCode()).to.deep.include({ failedAttempts: 0, consumedAt: null });
      const victim = await withToken('openid-victim', 'hash(victim)');
      expect((await bindMobile.execute({ caller: victim, mobile: MOBILE, verifyCode: '135790' })).userInfo.mobile).to.equal(MOBILE);
      expect(await boundUserOf('openid-attacker')).to.equal(null);
    });

    it("a code another token asked for later does not supersede the caller's own", async () => {
      await issueFor('135790', 'hash(victim)');
      world.clock.advance(MINUTE);
      await issueFor('246802', 'hash(attacker)');
      const victim = await withToken('openid-victim', 'hash(victim)');
      expect((await bindMobile.execute({ caller: victim, mobile: MOBILE, verifyCode: '135790' })).userInfo.mobile).to.equal(MOBILE);
    });
  });

  it('checks the latest code: one sent while a login is on its way supersedes the old one', async () => {
    const caller = await callerOf('openid-a');
    await issue('111111');
    world.clock.advance(MINUTE);
    const newer = { token: () => 'unused', digits: () => '222222' };
    const send = new SendVerifyCode(world.uow, { sendVerifyCode: async () => {} }, newer, labellingDigest, world.clock, defaultVerifyCodePolicy);
    const [sent, bound] = await Promise.allSettled([
      send.execute({ mobile: MOBILE, ip: '203.0.113.7', requester: null }),
      bindMobile.execute({ caller, mobile: MOBILE, verifyCode: '111111' }),
    ]);
    expect(sent).to.deep.equal({ status: 'fulfilled', value: { code: '222222' } });
    expect(bound.status === 'rejected' && (bound.reason as DomainError).code).to.equal(20001);
    expect(await latestCode()).to.deep.include({ codeHash: labellingDigest.digest(MOBILE, '222222'), failedAttempts: 1, consumedAt: null });
  });
});
