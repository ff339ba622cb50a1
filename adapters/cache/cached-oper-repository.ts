import type { Oper, OperRepository } from '../../core/index.js';
import type { VersionWatch } from './version-watch.js';
import { VersionedCopy } from './versioned-copy.js';

/**
 * Opers kept in memory (every request reads its oper), reloaded when the `opers` version changes
 * (see {@link VersionWatch} for the bound). Each caller gets its own copy of the oper.
 */
export class CachedOperRepository implements OperRepository {
  private readonly byId: VersionedCopy<number, Oper | null>;
  private readonly byAppid: VersionedCopy<string, Oper | null>;

  constructor(
    private readonly inner: OperRepository,
    watch: VersionWatch,
  ) {
    this.byId = new VersionedCopy(watch, 'opers');
    this.byAppid = new VersionedCopy(watch, 'opers');
  }

  async findById(id: number): Promise<Oper | null> {
    return copyOf(await this.byId.get(id, () => this.inner.findById(id)));
  }

  async findByAppid(appid: string): Promise<Oper | null> {
    return copyOf(await this.byAppid.get(appid, () => this.inner.findByAppid(appid)));
  }
}

/** A copy of the oper and of its two nested records (structuredClone costs ten times more). */
function copyOf(oper: Oper | null): Oper | null {
  if (oper === null) return null;
  return { ...oper, miniProgram: { ...oper.miniProgram }, pay: oper.pay === null ? null : { ...oper.pay } };
}
