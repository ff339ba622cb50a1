import { expect } from 'chai';
import { NodeRandom } from '../../../adapters/crypto/node-random.js';

describe('NodeRandom', () => {
  const random = new NodeRandom();

  describe('token', () => {
    it('is 32 bytes as base64url: 43 URL-safe characters', () => {
      const token = random.token();
      expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).to.have.length(32);
    });

    it('never repeats and spreads over the whole alphabet', () => {
      const tokens = Array.from({ length: 2000 }, () => random.token());
      expect(new Set(tokens).size).to.equal(tokens.length);
      const alphabet = new Set(tokens.join(''));
      expect(alphabet.size).to.equal(64);
    });

    it('has about 8 bits of entropy per byte over many draws', () => {
      const counts = new Array<number>(256).fill(0);
      const draws = 1000;
      for (let i = 0; i < draws; i += 1) for (const byte of Buffer.from(random.token(), 'base64url')) counts[byte]! += 1;
      const total = draws * 32;
      const entropy = -counts.reduce((sum, n) => (n === 0 ? sum : sum + (n / total) * Math.log2(n / total)), 0);
      expect(entropy).to.be.greaterThan(7.95);
    });
  });

  describe('digits', () => {
    it('returns exactly the asked number of decimal digits', () => {
      for (const length of [1, 6, 12, 32]) expect(random.digits(length)).to.match(new RegExp(`^\\d{${length}}$`));
    });

    it('draws every digit, roughly evenly, keeping leading zeros', () => {
      const counts = new Array<number>(10).fill(0);
      const draws = 20_000;
      let leadingZeros = 0;
      for (let i = 0; i < draws / 6; i += 1) {
        const code = random.digits(6);
        if (code.startsWith('0')) leadingZeros += 1;
        for (const digit of code) counts[Number(digit)]! += 1;
      }
      // Expected ~2,000 each; a fair source lies outside 1,700..2,300 with negligible probability.
      for (const count of counts) expect(count).to.be.within(1700, 2300);
      expect(leadingZeros).to.be.greaterThan(0);
    });

    it('refuses a length that is not a positive integer', () => {
      for (const length of [0, -1, 1.5, Number.NaN]) expect(() => random.digits(length)).to.throw(RangeError);
    });
  });
});
