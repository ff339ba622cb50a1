import { expect } from 'chai';
import sinon from 'sinon';
import { DomainError, defaultVerifyCodePolicy, SendVerifyCode, type SmsSender } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { HOUR, type IdentityWorld, identityWorld, MINUTE, mobileNumber, SECOND, START } from '../../support/identity-world.js';
import { labellingDigest } from '../../support/labelling-digest.js';
import { ScriptedRandom, sixDigitCodes } from '../../support/scripted-random.js';

const MOBILE = '13800138000';
const IP = '203.0.113.7';

describe('SendVerifyCode', () => {
  let world: IdentityWorld;
  let random: ScriptedRandom;
  let sendSms: sinon.SinonStub<Parameters<SmsSender['sendVerifyCode']>, Promise<void>>;
  let sendVerifyCode: SendVerifyCode;

  beforeEach(async () => {
    world = await identityWorld();
    random = new ScriptedRandom({ digits: sixDigitCodes(40) });
    sendSms = sinon.stub<Parameters<SmsSender['sendVerifyCode']>, Promise<void>>().resolves();
    sendVerifyCode = new SendVerifyCode(world.uow, { sendVerifyCode: sendSms }, random, labellingDigest, world.clock, defaultVerifyCodePolicy);
  });

  const send = (mobile = MOBILE, ip = IP, requester: string | null = null) => sendVerifyCode.execute({ mobile, ip, requester });
  const sentToday = (mobile = MOBILE) => world.repositories.verifyCodes.countSentToMobileSince(mobile, new Date(0));

  it('sends the next random code by SMS, valid 5 minutes, and returns it', async () => {
    expect(await send()).to.deep.equal({ code: '100001' });
    expect(sendSms.args).to.deep.equal([[MOBILE, '100001', 5]]);
    expect(await world.repositories.verifyCodes.findLatest(MOBILE)).to.deep.equal({
      id: 1,
      mobile: MOBILE,
      codeHash: 'digest(13800138000:100001)',
      ip: IP,
      requester: null,
      sentAt: START,
      expiresAt: new Date('2026-11-28T02:05:00.000Z'),
      failedAttempts: 0,
      consumedAt: null,
    });
  });

  it('follows the configured policy for length and lifetime', async () => {
    const policy = { ...defaultVerifyCodePolicy, length: 4, ttlMs: 10 * MINUTE };
    const short = new SendVerifyCode(world.uow, { sendVerifyCode: sendSms }, new ScriptedRandom({ digits: ['0042'] }), labellingDigest, world.clock, policy);
    expect(await short.execute({ mobile: MOBILE, ip: IP, requester: null })).to.deep.equal({ code: '0042' });
    expect(sendSms.args).to.deep.equal([[MOBILE, '0042', 10]]);
    expect((await world.repositories.verifyCodes.findLatest(MOBILE))?.expiresAt).to.deep.equal(new Date('2026-11-28T02:10:00.000Z'));
  });

  it('refuses an invalid mobile with 10001, drawing, storing and sending nothing', async () => {
    await domainErrorOf(send('1380013800'), 10001);
    expect(random.digitsLeft).to.equal(40);
    sinon.assert.notCalled(sendSms);
    expect(await world.repositories.verifyCodes.findLatest('1380013800')).to.equal(null);
  });

  describe('60-second cooldown per mobile', () => {
    it('refuses at once, saying how long to wait', async () => {
      await send();
      const error = await domainErrorOf(send(), 20003);
      expect(error.message).to.equal('发送过于频繁，请60秒后再试');
    });

    it('still refuses at 59.999 s and sends again at exactly 60 s', async () => {
      await send();
      world.clock.advance(60 * SECOND - 1);
      const error = await domainErrorOf(send(), 20003);
      expect(error.message).to.equal('发送过于频繁，请1秒后再试');
      world.clock.advance(1);
      expect(await send()).to.deep.equal({ code: '100002' });
      expect(sendSms.callCount).to.equal(2);
    });

    it('does not hold back another mobile', async () => {
      await send(mobileNumber(1));
      expect(await send(mobileNumber(2))).to.deep.equal({ code: '100002' });
    });
  });

  describe('10 codes a day per mobile, the day in Shanghai', () => {
    /** Sends `count` codes to MOBILE a minute apart, each from its own IP; the clock ends a minute after the last. */
    async function sendMinutely(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        await send(MOBILE, `198.51.100.${i}`);
        world.clock.advance(MINUTE);
      }
    }

    it('refuses the 11th code of the day', async () => {
      await sendMinutely(10);
      const error = await domainErrorOf(send(), 20003);
      expect(error.message).to.equal('发送过于频繁，该手机号今日发送次数已达上限');
      expect(await sentToday()).to.equal(10);
    });

    it('counts again from Shanghai midnight, 16:00 UTC', async () => {
      await sendMinutely(10); // from 10:00 in Shanghai
      world.clock.advance(new Date('2026-11-28T15:59:59.999Z').getTime() - world.clock.now().getTime());
      await domainErrorOf(send(), 20003);
      world.clock.advance(1);
      expect(await send()).to.deep.equal({ code: '100011' });
    });

    it('does not count again at UTC midnight, 08:00 in Shanghai', async () => {
      world.clock.advance(new Date('2026-11-28T23:00:00.000Z').getTime() - START.getTime()); // 07:00 on the 29th
      await sendMinutely(10);
      world.clock.advance(new Date('2026-11-29T00:00:00.000Z').getTime() - world.clock.now().getTime());
      await domainErrorOf(send(), 20003);
    });
  });

  describe('30 codes an hour per IP', () => {
    async function sendToThirtyMobiles(): Promise<void> {
      for (let n = 1; n <= 30; n++) await send(mobileNumber(n));
    }

    it('refuses the 31st code from one IP within the hour, but not from another IP', async () => {
      await sendToThirtyMobiles();
      const error = await domainErrorOf(send(mobileNumber(31)), 20003);
      expect(error.message).to.equal('发送过于频繁，请稍后再试');
      expect(await send(mobileNumber(31), '198.51.100.1')).to.deep.equal({ code: '100031' });
    });

    it('counts a code sent exactly an hour ago, and frees the IP a millisecond later', async () => {
      await sendToThirtyMobiles();
      world.clock.advance(HOUR);
      await domainErrorOf(send(mobileNumber(31)), 20003);
      world.clock.advance(1);
      expect(await send(mobileNumber(31))).to.deep.equal({ code: '100031' });
    });
  });

  describe('5 codes an hour per token', () => {
    const TOKEN_HASH = 'a'.repeat(64);
    const fromToken = (n: number, ip = `198.51.100.${n}`) => send(mobileNumber(n), ip, TOKEN_HASH);

    it('refuses the 6th code one token asks for within the hour, whatever the mobiles and addresses', async () => {
      for (let n = 1; n <= 5; n++) await fromToken(n);
      const error = await domainErrorOf(fromToken(6), 20003);
      expect(error.message).to.equal('发送过于频繁，请稍后再试');
      expect(sendSms.callCount).to.equal(5);
      expect(await send(mobileNumber(6), '198.51.100.6', 'b'.repeat(64))).to.deep.equal({ code: '100006' });
    });

    it('records the token with the code, and frees the token an hour and a millisecond later', async () => {
      for (let n = 1; n <= 5; n++) await fromToken(n);
      expect((await world.repositories.verifyCodes.findLatest(mobileNumber(1)))?.requester).to.equal(TOKEN_HASH);
      world.clock.advance(HOUR);
      await domainErrorOf(fromToken(6), 20003);
      world.clock.advance(1);
      expect(await fromToken(6)).to.deep.equal({ code: '100006' });
    });

    it('follows the configured cap', async () => {
      const once = new SendVerifyCode(world.uow, { sendVerifyCode: sendSms }, random, labellingDigest, world.clock, { ...defaultVerifyCodePolicy, hourlyPerToken: 1 });
      await once.execute({ mobile: mobileNumber(1), ip: IP, requester: TOKEN_HASH });
      await domainErrorOf(once.execute({ mobile: mobileNumber(2), ip: IP, requester: TOKEN_HASH }), 20003);
    });

    it('lets one of several parallel asks of one token through when one is left', async () => {
      for (let n = 1; n <= 4; n++) await fromToken(n);
      const outcomes = await Promise.allSettled([5, 6, 7, 8].map((n) => fromToken(n)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
      expect(sendSms.callCount).to.equal(5);
    });
  });

  it('sends one code when the same mobile asks several times at once', async () => {
    const outcomes = await Promise.allSettled([send(), send(), send(), send(), send()]);
    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
    const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(fulfilled).to.deep.equal([{ status: 'fulfilled', value: { code: '100001' } }]);
    expect(refusals.map((e: DomainError) => e.code)).to.deep.equal([20003, 20003, 20003, 20003]);
    expect(sendSms.callCount).to.equal(1);
    expect(await sentToday()).to.equal(1);
  });

  describe('when the SMS cannot be sent', () => {
    it('lets the failure through and deletes the code, so the mobile may ask again at once', async () => {
      const failure = new DomainError(20004);
      sendSms.onFirstCall().rejects(failure);
      expect(await domainErrorOf(send(), 20004)).to.equal(failure);
      expect(await world.repositories.verifyCodes.findLatest(MOBILE)).to.equal(null);
      expect(await send()).to.deep.equal({ code: '100002' });
      expect(await sentToday()).to.equal(1);
    });

    it('does not count the failed code against the daily cap', async () => {
      sendSms.onFirstCall().rejects(new Error('provider unreachable'));
      const failure = await send().then(() => null, (error: Error) => error);
      expect(failure?.message).to.equal('provider unreachable');
      for (let i = 0; i < 10; i++) {
        await send(MOBILE, `198.51.100.${i}`);
        world.clock.advance(MINUTE);
      }
      expect(await sentToday()).to.equal(10);
      expect(sendSms.callCount).to.equal(11);
    });
  });
});
