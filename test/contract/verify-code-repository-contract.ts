import { expect } from 'chai';
import { after, DAY, HOUR, MINUTE, mobileNumber, newCode, T0, tokenHash } from './fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';
import { describeVerifyCodeWrites } from './verify-code-writes-contract.js';

/** The VerifyCodeRepository port: reads and counts here, conditional writes in verify-code-writes. */
export function describeVerifyCodeRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`VerifyCodeRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const codes = () => context().repositories.verifyCodes;

    it('returns null when no code was sent to the mobile', async () => {
      expect(await codes().findLatest(mobileNumber(1))).to.equal(null);
    });

    it('adds a code, unused and without failed tries, and reads every field back', async () => {
      const input = newCode(T0, { ip: '2001:db8::1', codeHash: 'f0'.repeat(32), requester: null });
      const added = await codes().add(input);
      expect(added).to.deep.equal({ ...input, id: added.id, failedAttempts: 0, consumedAt: null });
      expect(await codes().findLatest(input.mobile)).to.deep.equal(added);
    });

    it('finds the most recently sent code of the mobile', async () => {
      const older = await codes().add(newCode(T0, { codeHash: '1'.repeat(64) }));
      await codes().add(newCode(after(2 * MINUTE), { codeHash: '3'.repeat(64), mobile: mobileNumber(2) }));
      const newer = await codes().add(newCode(after(MINUTE), { codeHash: '2'.repeat(64) }));
      expect(await codes().findLatest(mobileNumber(1))).to.deep.equal(newer);
      expect(older.id).to.not.equal(newer.id);
    });

    it('finds the most recent code of the mobile that one requester (or none) asked for', async () => {
      const first = await codes().add(newCode(T0, { requester: tokenHash(1) }));
      const anonymous = await codes().add(newCode(after(MINUTE), { requester: null }));
      const second = await codes().add(newCode(after(2 * MINUTE), { requester: tokenHash(2) }));
      await codes().add(newCode(after(3 * MINUTE), { requester: tokenHash(1), mobile: mobileNumber(2) }));
      expect(await codes().findLatestRequestedBy(mobileNumber(1), tokenHash(1))).to.deep.equal(first);
      expect(await codes().findLatestRequestedBy(mobileNumber(1), tokenHash(2))).to.deep.equal(second);
      expect(await codes().findLatestRequestedBy(mobileNumber(1), null)).to.deep.equal(anonymous);
      expect(await codes().findLatestRequestedBy(mobileNumber(1), tokenHash(3))).to.equal(null);
      expect(await codes().findLatest(mobileNumber(1))).to.deep.equal(second);
    });

    it('breaks a tie of send times by the later code', async () => {
      await codes().add(newCode(T0, { codeHash: '1'.repeat(64) }));
      const second = await codes().add(newCode(T0, { codeHash: '2'.repeat(64) }));
      expect((await codes().findLatest(mobileNumber(1)))?.id).to.equal(second.id);
    });

    it('counts the codes sent to a mobile since a time, the time included', async () => {
      await codes().add(newCode(after(-DAY)));
      await codes().add(newCode(T0));
      await codes().add(newCode(after(HOUR)));
      await codes().add(newCode(after(HOUR), { mobile: mobileNumber(2) }));
      expect(await codes().countSentToMobileSince(mobileNumber(1), T0)).to.equal(2);
      expect(await codes().countSentToMobileSince(mobileNumber(1), after(1))).to.equal(1);
      expect(await codes().countSentToMobileSince(mobileNumber(1), after(-2 * DAY))).to.equal(3);
      expect(await codes().countSentToMobileSince(mobileNumber(3), after(-2 * DAY))).to.equal(0);
    });

    it('counts the codes sent from an IP since a time, the time included', async () => {
      await codes().add(newCode(after(-2 * HOUR), { ip: '10.0.0.1' }));
      await codes().add(newCode(after(-HOUR), { ip: '10.0.0.1', mobile: mobileNumber(2) }));
      await codes().add(newCode(T0, { ip: '10.0.0.1', mobile: mobileNumber(3) }));
      await codes().add(newCode(T0, { ip: '10.0.0.2' }));
      expect(await codes().countSentFromIpSince('10.0.0.1', after(-HOUR))).to.equal(2);
      expect(await codes().countSentFromIpSince('10.0.0.2', after(-HOUR))).to.equal(1);
      expect(await codes().countSentFromIpSince('10.0.0.3', after(-HOUR))).to.equal(0);
    });

    it('counts the codes a token asked for since a time, the time included, and none for tokens that did not', async () => {
      await codes().add(newCode(after(-2 * HOUR), { requester: tokenHash(1) }));
      await codes().add(newCode(after(-HOUR), { requester: tokenHash(1), mobile: mobileNumber(2) }));
      await codes().add(newCode(T0, { requester: tokenHash(1), mobile: mobileNumber(3) }));
      await codes().add(newCode(T0, { requester: tokenHash(2) }));
      await codes().add(newCode(T0, { requester: null, mobile: mobileNumber(4) }));
      expect(await codes().countSentByRequesterSince(tokenHash(1), after(-HOUR))).to.equal(2);
      expect(await codes().countSentByRequesterSince(tokenHash(2), after(-HOUR))).to.equal(1);
      expect(await codes().countSentByRequesterSince(tokenHash(3), after(-HOUR))).to.equal(0);
    });

    it('deletes a code so that it no longer counts; deleting it again is harmless', async () => {
      const kept = await codes().add(newCode(T0, { codeHash: '1'.repeat(64) }));
      const dropped = await codes().add(newCode(after(MINUTE), { codeHash: '2'.repeat(64) }));
      await codes().delete(dropped.id);
      await codes().delete(dropped.id);
      expect(await codes().countSentToMobileSince(mobileNumber(1), T0)).to.equal(1);
      expect(await codes().findLatest(mobileNumber(1))).to.deep.equal(kept);
    });

    it('deletes the codes sent before a time, whatever their state, and says how many', async () => {
      const old = await codes().add(newCode(after(-DAY), { codeHash: '1'.repeat(64) }));
      await codes().add(newCode(after(-1), { codeHash: '2'.repeat(64), mobile: mobileNumber(2) }));
      expect(await codes().consume(old.id, 5, after(-DAY))).to.equal(true);
      const atBoundary = await codes().add(newCode(T0, { codeHash: '3'.repeat(64), mobile: mobileNumber(3) }));
      const newer = await codes().add(newCode(after(HOUR), { codeHash: '4'.repeat(64), mobile: mobileNumber(4) }));
      expect(await codes().deleteSentBefore(T0)).to.equal(2);
      expect(await codes().findLatest(mobileNumber(1))).to.equal(null);
      expect(await codes().findLatest(mobileNumber(2))).to.equal(null);
      expect(await codes().findLatest(mobileNumber(3))).to.deep.equal(atBoundary);
      expect(await codes().findLatest(mobileNumber(4))).to.deep.equal(newer);
      expect(await codes().deleteSentBefore(T0)).to.equal(0);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const added = await codes().add(newCode(T0));
      added.sentAt.setTime(0);
      (added as { failedAttempts: number }).failedAttempts = 3;
      expect(await codes().findLatest(mobileNumber(1))).to.deep.equal({ ...newCode(T0), id: added.id, failedAttempts: 0, consumedAt: null });
    });

    describeVerifyCodeWrites(context);
  });
}
