import { expect } from 'chai';
import { createPublicKey } from 'node:crypto';
import { APP_1, APP_2, startTestSandbox, type TestSandbox } from './sandbox-harness.js';
import { enrol, payCall, testKeyPair, testMerchant, type TestMerchant } from './pay-harness.js';

describe('wechat sandbox merchant enrolment (POST/GET /wechat-sandbox/merchants)', () => {
  let sandbox: TestSandbox;
  let merchant: TestMerchant;
  before(async () => {
    sandbox = await startTestSandbox();
    merchant = await testMerchant(1, [APP_1.appid, APP_2.appid]);
  });
  after(async () => {
    await sandbox.close();
  });

  const post = (body: unknown) =>
    fetch(`${sandbox.url}/wechat-sandbox/merchants`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const enrolment = (overrides: Record<string, unknown> = {}) => ({
    mchid: merchant.mchid,
    merchantSerial: merchant.serial,
    merchantPublicKey: merchant.publicKeyPem,
    apiV3Key: merchant.apiV3Key,
    appids: merchant.appids,
    ...overrides,
  });

  it('answers the platform serial (PUB_KEY_ID_ and hex) and an RSA-2048 public key in PEM', async () => {
    const response = await post(enrolment());
    expect(response.status).to.equal(200);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).to.deep.equal(['platformPublicKey', 'platformSerial']);
    expect(body.platformSerial).to.match(/^PUB_KEY_ID_[0-9A-F]+$/);
    expect(body.platformPublicKey).to.match(/^-----BEGIN PUBLIC KEY-----\n/);
    const key = createPublicKey(body.platformPublicKey!);
    expect(key.asymmetricKeyType).to.equal('rsa');
    expect(key.asymmetricKeyDetails?.modulusLength).to.equal(2048);
  });

  it('keeps one platform key per sandbox, whoever enrols', async () => {
    const first = await enrol(sandbox, merchant);
    const other = await enrol(sandbox, await testMerchant(2));
    expect(other).to.deep.equal(first);
  });

  it('shows an enrolment without the API v3 key', async () => {
    const platform = await enrol(sandbox, merchant);
    const response = await fetch(`${sandbox.url}/wechat-sandbox/merchants/${merchant.mchid}`);
    expect(response.status).to.equal(200);
    const text = await response.text();
    expect(text).to.not.include(merchant.apiV3Key);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).to.include({
      mchid: merchant.mchid,
      merchantSerial: merchant.serial,
      merchantPublicKey: merchant.publicKeyPem,
      platformSerial: platform.platformSerial,
      platformPublicKey: platform.platformPublicKey,
    });
    expect(body.appids).to.deep.equal([APP_1.appid, APP_2.appid]);
    expect(body).to.not.have.property('apiV3Key');
  });

  it('answers 404 for a merchant never enrolled', async () => {
    const response = await fetch(`${sandbox.url}/wechat-sandbox/merchants/1999999999`);
    expect(response.status).to.equal(404);
    expect(await response.json()).to.include({ code: 'NOT_FOUND' });
  });

  it('enrols again idempotently, replacing the keys: the old key no longer signs', async () => {
    await enrol(sandbox, merchant);
    const query = `/v3/pay/transactions/out-trade-no/NEVER000001?mchid=${merchant.mchid}`;
    expect((await payCall(sandbox, merchant, 'GET', query)).status).to.equal(404);
    const replaced: TestMerchant = { ...merchant, ...(await testKeyPair('replacement')), serial: 'AAAABBBBCCCCDDDD' };
    const platform = await enrol(sandbox, replaced);
    expect(platform).to.deep.equal(await enrol(sandbox, replaced));
    expect((await payCall(sandbox, merchant, 'GET', query)).json).to.include({ code: 'SIGN_ERROR' });
    expect((await payCall(sandbox, replaced, 'GET', query)).json).to.include({ code: 'ORDER_NOT_EXIST' });
    await enrol(sandbox, merchant);
  });

  it('refuses malformed enrolments with 400 PARAM_ERROR', async () => {
    const bad: unknown[] = [
      'not json',
      [],
      enrolment({ mchid: '' }),
      enrolment({ merchantSerial: undefined }),
      enrolment({ merchantPublicKey: 'not a key' }),
      enrolment({ apiV3Key: 'too-short' }),
      enrolment({ apiV3Key: '密'.repeat(32) }),
      enrolment({ appids: [] }),
      enrolment({ appids: 'wx0000000000000001' }),
    ];
    for (const body of bad) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body).slice(0, 60)).to.equal(400);
      const answer = (await response.json()) as { code: string; message: string };
      expect(answer.code).to.equal('PARAM_ERROR');
      expect(answer.message).to.be.a('string').and.not.equal('');
    }
  });
});
