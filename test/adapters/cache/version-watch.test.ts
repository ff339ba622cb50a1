import { expect } from 'chai';
import { type CachedKind, type CacheVersions, CachedCategoryRepository, CachedOperRepository, VersionWatch } from '../../../adapters/cache/index.js';
import type { Category, CategoryRepository, Oper, OperRepository } from '../../../core/index.js';
import { FakeClock } from '../../support/fake-clock.js';

/** Versions held in a map, counting the reads. */
class CountedVersions implements CacheVersions {
  reads = 0;
  readonly versions = new Map<CachedKind, number>();
  failNext = false;

  async read(): Promise<ReadonlyMap<CachedKind, number>> {
    this.reads++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database gone');
    }
    return new Map(this.versions);
  }

  bump(kind: CachedKind): void {
    this.versions.set(kind, (this.versions.get(kind) ?? 0) + 1);
  }
}

const anOper = (id: number, name: string): Oper => ({
  id,
  name,
  status: 1,
  miniProgram: { appid: `wx${String(id).padStart(16, '0')}`, sealedSecret: 'sealed' },
  pay: null,
});

/** Opers in a map, counting the reads. */
class CountedOpers implements OperRepository {
  reads = 0;
  readonly opers = new Map<number, Oper>();
  async findById(id: number): Promise<Oper | null> {
    this.reads++;
    return this.opers.get(id) ?? null;
  }
  async findByAppid(appid: string): Promise<Oper | null> {
    this.reads++;
    return [...this.opers.values()].find((oper) => oper.miniProgram.appid === appid) ?? null;
  }
}

describe('VersionWatch and the cached repositories', () => {
  let clock: FakeClock;
  let versions: CountedVersions;
  let watch: VersionWatch;
  beforeEach(() => {
    clock = new FakeClock();
    versions = new CountedVersions();
    watch = new VersionWatch(versions, clock, 5000, 60_000);
  });

  it('reads the versions at most once per bound, once for any number of concurrent callers', async () => {
    await Promise.all([watch.versionOf('opers'), watch.versionOf('categories'), watch.versionOf('opers')]);
    expect(versions.reads).to.equal(1);
    clock.advance(4999);
    await watch.versionOf('opers');
    expect(versions.reads).to.equal(1);
    clock.advance(1);
    versions.bump('opers');
    expect(await watch.versionOf('opers')).to.equal(1);
    expect(versions.reads).to.equal(2);
  });

  it('does not remember a failed read', async () => {
    versions.failNext = true;
    const failed = await watch.versionOf('opers').then(() => null, (error: unknown) => error);
    expect(failed).to.be.instanceOf(Error);
    expect(await watch.versionOf('opers')).to.equal(0);
    expect(versions.reads).to.equal(2);
  });

  it('serves opers from memory until their version changes, then reloads within the bound', async () => {
    const inner = new CountedOpers();
    inner.opers.set(1, anOper(1, '北京'));
    const opers = new CachedOperRepository(inner, watch);
    expect((await opers.findById(1))?.name).to.equal('北京');
    expect((await opers.findByAppid('wx0000000000000001'))?.name).to.equal('北京');
    expect((await opers.findById(1))?.name).to.equal('北京');
    expect(inner.reads).to.equal(2);
    inner.opers.set(1, anOper(1, '北京运营中心'));
    versions.bump('opers');
    clock.advance(5000);
    expect((await opers.findById(1))?.name).to.equal('北京运营中心');
    expect((await opers.findByAppid('wx0000000000000001'))?.name).to.equal('北京运营中心');
    expect(inner.reads).to.equal(4);
  });

  it('keeps a value no longer than the maximum age, even when no version changed', async () => {
    const inner = new CountedOpers();
    inner.opers.set(1, anOper(1, '北京'));
    const opers = new CachedOperRepository(inner, watch);
    await opers.findById(1);
    inner.opers.set(1, anOper(1, '改名了'));
    clock.advance(60_000);
    expect((await opers.findById(1))?.name).to.equal('改名了');
  });

  it('gives every caller its own copy, and remembers a missing oper too', async () => {
    const inner = new CountedOpers();
    inner.opers.set(1, anOper(1, '北京'));
    const opers = new CachedOperRepository(inner, watch);
    const first = await opers.findById(1);
    (first as { name: string }).name = 'changed';
    expect((await opers.findById(1))?.name).to.equal('北京');
    expect(await opers.findById(9)).to.equal(null);
    expect(await opers.findById(9)).to.equal(null);
    expect(inner.reads).to.equal(2);
  });

  it('serves the enabled categories from memory until their version changes', async () => {
    let reads = 0;
    const stored: Category[] = [{ id: 1, pid: 0, name: '美食', icon: '', status: 1, sort: 0 }];
    const inner: CategoryRepository = {
      listEnabled: async () => {
        reads++;
        return stored.map((c) => ({ ...c }));
      },
    };
    const categories = new CachedCategoryRepository(inner, watch);
    expect((await categories.listEnabled()).map((c) => c.name)).to.deep.equal(['美食']);
    stored.push({ id: 2, pid: 0, name: '丽人', icon: '', status: 1, sort: 1 });
    versions.bump('categories');
    clock.advance(5000);
    expect((await categories.listEnabled()).map((c) => c.name)).to.deep.equal(['美食', '丽人']);
    await categories.listEnabled();
    expect(reads).to.equal(2);
  });
});
