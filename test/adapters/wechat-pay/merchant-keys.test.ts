import { createCipheriv, createSign, createVerify, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { generateApiV3Key, generateMerchantKeys } from '../../../adapters/wechat-pay/merchant-keys.js';

describe('merchant keys for demo data and tests', () => {
  it('generates an RSA key pair whose halves match, with a 40-hex serial', () => {
    const keys = generateMerchantKeys();
    expect(keys.privateKeyPem).to.match(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(keys.publicKeyPem).to.match(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(keys.serial).to.match(/^[0-9A-F]{40}$/);
    const signature = createSign('RSA-SHA256').update('message\n').sign(keys.privateKeyPem, 'base64');
    expect(Buffer.from(signature, 'base64')).to.have.length(256);
    expect(createVerify('RSA-SHA256').update('message\n').verify(keys.publicKeyPem, signature, 'base64')).to.equal(true);
    expect(generateMerchantKeys().serial).not.to.equal(keys.serial);
  });

  it('generates 32-character API v3 keys that serve as AES-256 keys, never twice the same', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiV3Key()));
    expect(keys.size).to.equal(50);
    for (const key of keys) {
      expect(key).to.match(/^[A-Za-z0-9]{32}$/);
      expect(() => createCipheriv('aes-256-gcm', Buffer.from(key, 'utf8'), randomBytes(12))).not.to.throw();
    }
  });
});
