import { expect } from 'chai';
import { after, inParallel, mobileNumber, T0 } from './fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** The UserRepository port: lookups, and a find-or-create that is safe under races. */
export function describeUserRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`UserRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);

    it('returns null for an unknown id or mobile', async () => {
      const { users } = context().repositories;
      expect(await users.findById(4242)).to.equal(null);
      expect(await users.findByMobile(mobileNumber(1))).to.equal(null);
    });

    it('creates a user by mobile and reads every field back', async () => {
      const { users } = context().repositories;
      const created = await users.findOrCreateByMobile(mobileNumber(1), '138****0001', T0);
      expect(created).to.deep.equal({ id: created.id, name: '138****0001', mobile: mobileNumber(1), createdAt: T0 });
      expect(created.id).to.be.a('number');
      expect(await users.findById(created.id)).to.deep.equal(created);
      expect(await users.findByMobile(mobileNumber(1))).to.deep.equal(created);
    });

    it('keeps unicode and emoji names intact', async () => {
      const { users } = context().repositories;
      const name = '张三丰🐉𝒳ü';
      const created = await users.findOrCreateByMobile(mobileNumber(2), name, T0);
      expect((await users.findById(created.id))?.name).to.equal(name);
    });

    it('finds the existing user without renaming it', async () => {
      const { users } = context().repositories;
      const first = await users.findOrCreateByMobile(mobileNumber(1), 'first', T0);
      const again = await users.findOrCreateByMobile(mobileNumber(1), 'second', after(1000));
      expect(again).to.deep.equal(first);
    });

    it('gives different mobiles different users', async () => {
      const { users } = context().repositories;
      const a = await users.findOrCreateByMobile(mobileNumber(1), 'a', T0);
      const b = await users.findOrCreateByMobile(mobileNumber(2), 'b', T0);
      expect(a.id).to.not.equal(b.id);
      expect((await users.findByMobile(mobileNumber(2)))?.id).to.equal(b.id);
    });

    it('creates one user when 20 callers race for a new mobile', async () => {
      const { users } = context().repositories;
      const results = await inParallel(20, (i) => users.findOrCreateByMobile(mobileNumber(7), `name ${i}`, T0));
      const ids = new Set(results.map((user) => user.id));
      expect(ids.size).to.equal(1);
      expect(results.every((user) => user.name === results[0]?.name)).to.equal(true);
    });

    it('creates one user when 20 transactions race for a new mobile', async () => {
      const { unitOfWork } = context();
      const results = await inParallel(20, (i) =>
        unitOfWork.run(({ users }) => users.findOrCreateByMobile(mobileNumber(8), `name ${i}`, T0)),
      );
      expect(new Set(results.map((user) => user.id)).size).to.equal(1);
      expect((await context().repositories.users.findByMobile(mobileNumber(8)))?.id).to.equal(results[0]?.id);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const { users } = context().repositories;
      const created = await users.findOrCreateByMobile(mobileNumber(1), 'a', T0);
      created.createdAt.setTime(0);
      (created as { name: string }).name = 'changed';
      expect(await users.findById(created.id)).to.deep.equal({
        id: created.id,
        name: 'a',
        mobile: mobileNumber(1),
        createdAt: T0,
      });
    });
  });
}
