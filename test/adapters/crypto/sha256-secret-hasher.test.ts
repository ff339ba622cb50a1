import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { Sha256SecretHasher } from '../../../adapters/crypto/sha256-secret-hasher.js';

describe('Sha256SecretHasher', () => {
  const hasher = new Sha256SecretHasher();

  it('gives the hex SHA-256 of known inputs', () => {
    // FIPS 180-2 test vectors.
    expect(hasher.hash('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hasher.hash('')).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes the UTF-8 bytes of the secret', () => {
    expect(hasher.hash('令牌')).to.equal(createHash('sha256').update(Buffer.from('令牌', 'utf8')).digest('hex'));
  });

  it('is deterministic and tells different secrets apart', () => {
    expect(hasher.hash('token-a')).to.equal(hasher.hash('token-a'));
    expect(hasher.hash('token-a')).not.to.equal(hasher.hash('token-b'));
  });
});
