import { expect } from 'chai';
import { after, inParallel, MINUTE, mobileNumber, newCode, T0 } from './fixtures.js';
import type { RepositoryContext } from './repository-context.js';

const MAX = 5;

/** The conditional writes of VerifyCodeRepository, in the suite of verify-code-repository-contract. */
export function describeVerifyCodeWrites(context: () => RepositoryContext): void {
  const codes = () => context().repositories.verifyCodes;
  const latest = async () => (await codes().findLatest(mobileNumber(1)))!;

  describe('conditional writes', () => {
    it('counts wrong tries up to the maximum, then refuses', async () => {
      const { id } = await codes().add(newCode(T0));
      for (let i = 1; i <= MAX; i++) {
        expect(await codes().recordFailedAttempt(id, MAX)).to.equal(true);
        expect((await latest()).failedAttempts).to.equal(i);
      }
      expect(await codes().recordFailedAttempt(id, MAX)).to.equal(false);
      expect((await latest()).failedAttempts).to.equal(MAX);
    });

    it('counts no wrong try on a consumed or unknown code', async () => {
      const { id } = await codes().add(newCode(T0));
      expect(await codes().consume(id, MAX, after(MINUTE))).to.equal(true);
      expect(await codes().recordFailedAttempt(id, MAX)).to.equal(false);
      expect((await latest()).failedAttempts).to.equal(0);
      expect(await codes().recordFailedAttempt(id + 1000, MAX)).to.equal(false);
    });

    it('counts at most the maximum when 20 wrong tries race', async () => {
      const { id } = await codes().add(newCode(T0));
      const results = await inParallel(20, () => codes().recordFailedAttempt(id, MAX));
      expect(results.filter(Boolean)).to.have.length(MAX);
      expect((await latest()).failedAttempts).to.equal(MAX);
    });

    it('consumes a valid code once, recording when', async () => {
      const { id } = await codes().add(newCode(T0));
      expect(await codes().consume(id, MAX, after(MINUTE))).to.equal(true);
      expect((await latest()).consumedAt).to.deep.equal(after(MINUTE));
      expect(await codes().consume(id, MAX, after(2 * MINUTE))).to.equal(false);
      expect((await latest()).consumedAt).to.deep.equal(after(MINUTE));
    });

    it('refuses to consume a code at or after its expiry', async () => {
      const { id } = await codes().add(newCode(T0));
      expect(await codes().consume(id, MAX, after(5 * MINUTE))).to.equal(false);
      expect(await codes().consume(id, MAX, after(6 * MINUTE))).to.equal(false);
      expect((await latest()).consumedAt).to.equal(null);
      expect(await codes().consume(id, MAX, after(5 * MINUTE - 1))).to.equal(true);
    });

    it('refuses to consume a code with the maximum of wrong tries', async () => {
      const { id } = await codes().add(newCode(T0));
      for (let i = 0; i < MAX; i++) await codes().recordFailedAttempt(id, MAX);
      expect(await codes().consume(id, MAX, after(MINUTE))).to.equal(false);
      expect(await codes().consume(id, MAX + 1, after(MINUTE))).to.equal(true);
    });

    it('refuses to consume an unknown code', async () => {
      const { id } = await codes().add(newCode(T0));
      expect(await codes().consume(id + 1000, MAX, after(MINUTE))).to.equal(false);
    });

    it('lets exactly one of 20 racing consumers win', async () => {
      const { id } = await codes().add(newCode(T0));
      const results = await inParallel(20, (i) => codes().consume(id, MAX, after(MINUTE + i)));
      expect(results.filter(Boolean)).to.have.length(1);
      const winner = results.indexOf(true);
      expect((await latest()).consumedAt).to.deep.equal(after(MINUTE + winner));
    });

    it('lets exactly one of 20 racing transactions consume', async () => {
      const { id } = await codes().add(newCode(T0));
      const results = await inParallel(20, () =>
        context().unitOfWork.run(({ verifyCodes }) => verifyCodes.consume(id, MAX, after(MINUTE))),
      );
      expect(results.filter(Boolean)).to.have.length(1);
    });
  });
}
