import { createSign, generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import {
  authorizationHeader,
  signatureMessage,
  signWithMerchantKey,
  verifyPlatformSignature,
} from '../../../adapters/wechat-pay/v3-signature.js';

describe('API v3 signature primitives', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

  it('builds the documented five-line message of the certificate download example', () => {
    const message = signatureMessage('GET', '/v3/certificates', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', '');
    expect(message.toString('utf8')).to.equal('GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n');
  });

  it('signs as openssl dgst -sha256 -sign does (PKCS#1 v1.5, deterministic), base64', async () => {
    const message = 'POST\n/v3/pay/transactions/jsapi\n1554208460\nNONCE\n{"a":"中文"}\n';
    const expected = createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
    expect(await signWithMerchantKey(privateKey, Buffer.from(message, 'utf8'))).to.equal(expected);
  });

  it('verifies a signature made apart, and refuses another message or malformed input', () => {
    const message = '1554208460\nNONCE\n{"ok":true}\n';
    const signature = createSign('RSA-SHA256').update(message).sign(privateKey, 'base64');
    expect(verifyPlatformSignature(publicKey, Buffer.from(message), signature)).to.equal(true);
    expect(verifyPlatformSignature(publicKey, Buffer.from(message.replace('true', 'false')), signature)).to.equal(false);
    expect(verifyPlatformSignature(publicKey, Buffer.from(message), 'not base64!')).to.equal(false);
    expect(verifyPlatformSignature('not a key', Buffer.from(message), signature)).to.equal(false);
  });

  it('writes the Authorization header with the scheme and the five quoted fields', () => {
    const header = authorizationHeader({ mchid: '1900009191', serialNo: 'SERIAL', nonce: 'N', timestamp: '1554208460', signature: 'S==' });
    expect(header).to.equal(
      'WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="N",signature="S==",timestamp="1554208460",serial_no="SERIAL"',
    );
  });
});
