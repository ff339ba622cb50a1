import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { ParsedKeys } from '../../../adapters/wechat-pay/parsed-keys.js';
import { merchantKeys, payOper, platformKeys, rsaKeyPair } from './wechat-pay-fixtures.js';

describe('ParsedKeys (the opers’ WeChat Pay keys, parsed once)', () => {
  const secrets = new SecretBox(randomBytes(32));
  const pay = payOper(secrets).pay!;

  it('opens and parses the merchant key once, then answers the same KeyObject', () => {
    const keys = new ParsedKeys(secrets);
    const key = keys.merchantKey(pay);
    expect(key.type).to.equal('private');
    expect(key.export({ type: 'pkcs8', format: 'pem' })).to.equal(merchantKeys.privateKeyPem);
    expect(keys.merchantKey({ ...pay })).to.equal(key);
  });

  it('parses a rotated key afresh: the entry is the stored text, not the oper', () => {
    const keys = new ParsedKeys(secrets);
    const first = keys.merchantKey(pay);
    const rotated = rsaKeyPair();
    const second = keys.merchantKey({ ...pay, sealedPrivateKey: secrets.seal(rotated.privateKeyPem) });
    expect(second).to.not.equal(first);
    expect(second.export({ type: 'pkcs8', format: 'pem' })).to.equal(rotated.privateKeyPem);
    const platform = keys.platformKey(pay);
    const other = rsaKeyPair();
    expect(keys.platformKey({ ...pay, platformPublicKey: other.publicKeyPem })?.export({ type: 'spki', format: 'pem' })).to.equal(other.publicKeyPem);
    expect(keys.platformKey(pay)).to.equal(platform);
    expect(platform?.export({ type: 'spki', format: 'pem' })).to.equal(platformKeys.publicKeyPem);
  });

  it('answers null for a platform key that does not parse, and throws for a merchant key that does not open', () => {
    const keys = new ParsedKeys(secrets);
    expect(keys.platformKey({ ...pay, platformPublicKey: 'not a key' })).to.equal(null);
    const elsewhere = new SecretBox(randomBytes(32));
    expect(() => keys.merchantKey({ ...pay, sealedPrivateKey: elsewhere.seal(merchantKeys.privateKeyPem) })).to.throw(/altered or sealed under another key/);
  });
});
