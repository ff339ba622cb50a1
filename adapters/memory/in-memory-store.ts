import { AsyncLocalStorage } from 'node:async_hooks';
import type { Oper } from '../../core/index.js';
import { AsyncMutex } from './async-mutex.js';
import {
  addCategory,
  addGoods,
  addMerchant,
  replaceAreas,
  type InMemoryAreaRecord,
  type NewInMemoryCategory,
  type NewInMemoryGoods,
  type NewInMemoryMerchant,
} from './in-memory-catalog-writes.js';
import { copyOf, InMemoryTables } from './in-memory-tables.js';

/** Reaches the tables for one repository operation, which runs alone and whole. */
export interface InMemoryTableAccess {
  use<T>(operation: (tables: InMemoryTables) => T): Promise<T>;
}

/** An oper to create; `id` may be given, else the next one is assigned. Secrets must be sealed. */
export type NewInMemoryOper = Omit<Oper, 'id'> & { readonly id?: number };

/**
 * The data behind the in-memory repositories, shared by every repository made from it.
 *
 * It behaves like the SQLite adapter: one transaction at a time ({@link transaction}, used by
 * InMemoryUnitOfWork), and each operation outside a transaction waits until none is running, so it
 * never sees uncommitted data and a rollback never loses its writes. A transaction that throws
 * restores the tables as they were when it began. Inside a transaction, only the repositories it
 * was handed may be used: reaching this store any other way there fails at once, where SQLite
 * would wait forever.
 */
export class InMemoryStore {
  private readonly tables = new InMemoryTables();
  private readonly mutex = new AsyncMutex();
  private readonly insideTransaction = new AsyncLocalStorage<boolean>();

  /** Access for repositories outside a transaction: every operation takes its turn. */
  readonly access: InMemoryTableAccess = {
    use: (operation) => this.exclusive(async () => operation(this.tables)),
  };

  /** Runs `work` as the only user of the tables; restores them if it throws. */
  transaction<T>(work: (access: InMemoryTableAccess) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const before = this.tables.snapshot();
      let open = true;
      const access: InMemoryTableAccess = {
        use: async (operation) => {
          if (!open) throw new Error('This transaction has ended: its repositories can no longer be used');
          return operation(this.tables);
        },
      };
      try {
        return await this.insideTransaction.run(true, () => work(access));
      } catch (error) {
        this.tables.restore(before);
        throw error;
      } finally {
        open = false;
      }
    });
  }

  /** Creates an oper (the OperRepository port has no writes). Rejects when the appid or id is taken. */
  addOper(oper: NewInMemoryOper, now: Date = new Date()): Promise<Oper> {
    return this.access.use(({ opers, lastIds }) => {
      const { id: wantedId, ...fields } = copyOf(oper);
      for (const existing of opers.values()) {
        if (existing.miniProgram.appid === fields.miniProgram.appid) {
          throw new Error(`An oper already has appid ${fields.miniProgram.appid}`);
        }
      }
      if (wantedId !== undefined && opers.has(wantedId)) throw new Error(`Oper ${wantedId} exists already`);
      const id = wantedId ?? lastIds.opers + 1;
      lastIds.opers = Math.max(lastIds.opers, id);
      opers.set(id, { ...fields, id, createdAt: new Date(now), updatedAt: new Date(now) });
      return copyOf({ ...fields, id });
    });
  }

  /** Creates a category (the port has no writes); resolves to its id. Rejects when the id is taken. */
  addCategory(category: NewInMemoryCategory): Promise<number> {
    return this.access.use((tables) => addCategory(tables, category));
  }

  /** Creates a merchant; resolves to its id. Rejects when its oper or category does not exist. */
  addMerchant(merchant: NewInMemoryMerchant): Promise<number> {
    return this.access.use((tables) => addMerchant(tables, merchant));
  }

  /** Creates goods; resolves to their id. Rejects when the merchant does not exist. */
  addGoods(goods: NewInMemoryGoods): Promise<number> {
    return this.access.use((tables) => addGoods(tables, goods));
  }

  /**
   * Makes the areas exactly `records` (the reference tree) unless they already are, as the knex
   * adapter's `replaceAreas` does; resolves to whether it wrote. Rejects on a duplicate code.
   */
  replaceAreas(records: readonly InMemoryAreaRecord[]): Promise<boolean> {
    return this.access.use((tables) => replaceAreas(tables, records));
  }

  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.insideTransaction.getStore()) {
      throw new Error(
        'InMemoryStore reached outside the transaction in progress: inside UnitOfWork.run use only its repositories',
      );
    }
    return this.mutex.runExclusive(work);
  }
}
