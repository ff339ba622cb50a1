import { expect } from 'chai';
import {
  jsapiBody,
  newOutTradeNo,
  payCall,
  startPayWorld,
  testKeyPair,
  testMerchant,
  verifiesWithPlatform,
  type PayResponse,
  type PayWorld,
} from './pay-harness.js';

describe('wechat sandbox WeChat Pay v3 signatures', () => {
  let world: PayWorld;
  before(async () => {
    world = await startPayWorld();
  });
  after(async () => {
    await world.close();
  });

  const queryPath = (no: string) => `/v3/pay/transactions/out-trade-no/${no}?mchid=${world.merchant.mchid}`;

  function expectSignError(answer: PayResponse, message?: RegExp): void {
    expect(answer.status).to.equal(401);
    expect(answer.json.code).to.equal('SIGN_ERROR');
    expect(answer.json.message).to.be.a('string').and.not.equal('');
    if (message) expect(answer.json.message).to.match(message);
    expect(verifiesWithPlatform(world.platform, answer.headers, answer.text)).to.equal(true);
  }

  describe('answers', () => {
    it('signs a 200 with the platform key: Wechatpay-Signature/-Timestamp/-Nonce/-Serial and Request-ID', async () => {
      const answer = await payCall(world.sandbox, world.merchant, 'POST', '/v3/pay/transactions/jsapi', jsapiBody(world, newOutTradeNo()));
      expect(answer.status).to.equal(200);
      expect(answer.headers.get('content-type')).to.match(/^application\/json/);
      expect(answer.headers.get('wechatpay-serial')).to.equal(world.platform.platformSerial);
      expect(Number(answer.headers.get('wechatpay-timestamp'))).to.be.closeTo(Date.now() / 1000, 5);
      expect(answer.headers.get('wechatpay-nonce')).to.match(/^[0-9A-Za-z]{32}$/);
      expect(answer.headers.get('request-id')).to.match(/^[0-9A-F]{32}$/);
      expect(verifiesWithPlatform(world.platform, answer.headers, answer.text)).to.equal(true);
    });

    it('signs an empty 204 over an empty body', async () => {
      const no = newOutTradeNo();
      await payCall(world.sandbox, world.merchant, 'POST', '/v3/pay/transactions/jsapi', jsapiBody(world, no));
      const answer = await payCall(world.sandbox, world.merchant, 'POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: world.merchant.mchid });
      expect(answer.status).to.equal(204);
      expect(answer.text).to.equal('');
      expect(verifiesWithPlatform(world.platform, answer.headers, '')).to.equal(true);
    });

    it('signs errors too, and a signature does not verify over another body', async () => {
      const answer = await payCall(world.sandbox, world.merchant, 'GET', queryPath('UNKNOWN0001'));
      expect(answer.status).to.equal(404);
      expect(verifiesWithPlatform(world.platform, answer.headers, answer.text)).to.equal(true);
      expect(verifiesWithPlatform(world.platform, answer.headers, `${answer.text} `)).to.equal(false);
    });

    it('answers a signed 404 NOT_FOUND for an unknown /v3/ path', async () => {
      const answer = await payCall(world.sandbox, world.merchant, 'GET', '/v3/pay/transactions/id/4200000000');
      expect(answer.status).to.equal(404);
      expect(answer.json.code).to.equal('NOT_FOUND');
      expect(verifiesWithPlatform(world.platform, answer.headers, answer.text)).to.equal(true);
    });
  });

  describe('requests', () => {
    it('accepts the path as the client sent it, with or without the /wechat-sandbox mount prefix', async () => {
      expect((await payCall(world.sandbox, world.merchant, 'GET', queryPath('UNKNOWN0002'))).status).to.equal(404);
      const prefixed = await payCall(world.sandbox, world.merchant, 'GET', queryPath('UNKNOWN0002'), undefined, {
        signedPath: `/wechat-sandbox${queryPath('UNKNOWN0002')}`,
      });
      expect(prefixed.status, prefixed.text).to.equal(404);
      expect(prefixed.json.code).to.equal('ORDER_NOT_EXIST');
    });

    it('refuses a signature over another path: without the query, or under another prefix', async () => {
      const noQuery = await payCall(world.sandbox, world.merchant, 'GET', queryPath('UNKNOWN0002'), undefined, {
        signedPath: '/v3/pay/transactions/out-trade-no/UNKNOWN0002',
      });
      expectSignError(noQuery, /签名错误/);
      expect(noQuery.json.detail.sign_information.url).to.equal(queryPath('UNKNOWN0002'));
      expectSignError(
        await payCall(world.sandbox, world.merchant, 'GET', queryPath('UNKNOWN0002'), undefined, { signedPath: `/other${queryPath('UNKNOWN0002')}` }),
        /签名错误/,
      );
    });

    it('takes nonces as WeChat Pay allows them (letters and digits, 1 to 32) and refuses others', async () => {
      for (const nonce of ['a', 'k3Jd9', 'Z'.repeat(32), '593BEC0C930BF1AFEB40B4A08C8FB242']) {
        expect((await payCall(world.sandbox, world.merchant, 'GET', queryPath('X00001'), undefined, { nonce })).status, nonce).to.equal(404);
      }
      for (const nonce of ['Z'.repeat(33), 'has space', 'dash-ed', 'under_score']) {
        expectSignError(await payCall(world.sandbox, world.merchant, 'GET', queryPath('X00001'), undefined, { nonce }), /Authorization/);
      }
    });

    it('refuses a signature by another key', async () => {
      const other = await testKeyPair('stranger');
      const answer = await payCall(world.sandbox, world.merchant, 'GET', queryPath('X00001'), undefined, { signWith: other.privateKey });
      expectSignError(answer, /签名错误/);
    });

    it('refuses a body other than the one signed', async () => {
      const body = jsapiBody(world, newOutTradeNo());
      const answer = await payCall(world.sandbox, world.merchant, 'POST', '/v3/pay/transactions/jsapi', body, {
        signedBody: JSON.stringify({ ...body, amount: { total: 1, currency: 'CNY' } }),
      });
      expectSignError(answer);
    });

    it('refuses a serial that is not the merchant’s certificate', async () => {
      expectSignError(await payCall(world.sandbox, world.merchant, 'GET', queryPath('X00001'), undefined, { serial: '0123456789ABCDEF' }), /序列号/);
    });

    it('refuses a timestamp more than five minutes old or ahead, and accepts one four minutes off', async () => {
      const now = Math.floor(Date.now() / 1000);
      for (const timestamp of [now - 301 - 5, now + 301 + 5]) {
        expectSignError(await payCall(world.sandbox, world.merchant, 'GET', queryPath('X00001'), undefined, { timestamp }), /timestamp/);
      }
      expect((await payCall(world.sandbox, world.merchant, 'GET', queryPath('X00001'), undefined, { timestamp: now - 240 })).status).to.equal(404);
    });

    it('refuses a merchant never enrolled', async () => {
      const stranger = await testMerchant(7);
      expectSignError(await payCall(world.sandbox, stranger, 'GET', `/v3/pay/transactions/out-trade-no/X00001?mchid=${stranger.mchid}`));
    });

    it('refuses a missing or malformed Authorization header', async () => {
      const good = 'mchid="1",nonce_str="2",signature="3",timestamp="4",serial_no="5"';
      for (const authorization of [null, `Bearer ${good}`, 'WECHATPAY2-SHA256-RSA2048 mchid="1900000001"', `WECHATPAY2-SHA256-RSA2048 ${good},mchid="1"`]) {
        expectSignError(await payCall(world.sandbox, world.merchant, 'GET', queryPath('X00001'), undefined, { authorization }), /Authorization/);
      }
    });

    it('records each call with the merchant and the outcome, never the signature', async () => {
      await payCall(world.sandbox, world.merchant, 'GET', queryPath('LOGGED0001'), undefined, { serial: 'BAD' });
      const [call] = await world.sandbox.calls('pay-query');
      expect(call).to.deep.include({ api: 'pay-query', mchid: world.merchant.mchid, method: 'GET', path: queryPath('LOGGED0001') });
      expect(call!.outcome).to.deep.equal({ status: 401, code: 'SIGN_ERROR' });
      expect(JSON.stringify(await world.sandbox.calls())).to.not.match(/signature=|nonce_str/);
    });
  });
});
