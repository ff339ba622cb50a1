import { expect } from 'chai';
import { operWithPay, operWithoutPay } from './fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** The OperRepository port, and the test-side oper writer every adapter offers. */
export function describeOperRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`OperRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);

    it('returns null for an unknown id or appid', async () => {
      const { opers } = context().repositories;
      expect(await opers.findById(12345)).to.equal(null);
      expect(await opers.findByAppid('wx_nobody')).to.equal(null);
    });

    it('round-trips every field of an oper with WeChat Pay', async () => {
      const added = await context().addOper(operWithPay(1));
      const { id: _id, ...expected } = operWithPay(1);
      expect(added).to.deep.equal({ id: added.id, ...expected });
      expect(await context().repositories.opers.findById(added.id)).to.deep.equal(added);
      expect(await context().repositories.opers.findByAppid(expected.miniProgram.appid)).to.deep.equal(added);
    });

    it('reads pay as null when the oper has no WeChat Pay', async () => {
      const added = await context().addOper(operWithoutPay(2));
      const found = await context().repositories.opers.findById(added.id);
      expect(found?.pay).to.equal(null);
      expect(found?.miniProgram).to.deep.equal({ appid: 'wx0000000000000002', sealedSecret: 'sealed-secret-2' });
    });

    it('keeps a disabled oper, findable by appid', async () => {
      const added = await context().addOper(operWithoutPay(3, { status: 2 }));
      expect((await context().repositories.opers.findByAppid(added.miniProgram.appid))?.status).to.equal(2);
    });

    it('honours a given id and tells opers apart', async () => {
      const first = await context().addOper(operWithPay(1, { id: 1 }));
      const second = await context().addOper(operWithPay(2, { id: 2 }));
      expect([first.id, second.id]).to.deep.equal([1, 2]);
      expect((await context().repositories.opers.findById(2))?.miniProgram.appid).to.equal('wx0000000000000002');
      expect((await context().repositories.opers.findByAppid('wx0000000000000001'))?.id).to.equal(1);
    });

    it('refuses a second oper with the same appid', async () => {
      await context().addOper(operWithPay(1));
      const error = await context()
        .addOper(operWithPay(1, { name: 'another' }))
        .then(() => null, (failure: unknown) => failure);
      expect(error).to.be.instanceOf(Error);
    });

    it('matches the appid exactly, case included', async () => {
      await context().addOper(operWithPay(1, { miniProgram: { appid: 'wxAbCdEf0000000001', sealedSecret: 's' } }));
      expect(await context().repositories.opers.findByAppid('wxabcdef0000000001')).to.equal(null);
      expect(await context().repositories.opers.findByAppid('wxAbCdEf0000000001')).to.not.equal(null);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const added = await context().addOper(operWithPay(1));
      const found = await context().repositories.opers.findById(added.id);
      (found as { name: string }).name = 'changed';
      (found?.miniProgram as { appid: string }).appid = 'changed';
      expect(await context().repositories.opers.findById(added.id)).to.deep.equal(added);
    });
  });
}
