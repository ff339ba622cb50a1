import type { Oper, OperRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf, type OperRecord } from './in-memory-tables.js';

function operOf({ createdAt: _created, updatedAt: _updated, ...oper }: OperRecord): Oper {
  return copyOf(oper);
}

export class InMemoryOperRepository implements OperRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  findById(id: number): Promise<Oper | null> {
    return this.access.use(({ opers }) => {
      const record = opers.get(id);
      return record ? operOf(record) : null;
    });
  }

  findByAppid(appid: string): Promise<Oper | null> {
    return this.access.use(({ opers }) => {
      for (const record of opers.values()) {
        if (record.miniProgram.appid === appid) return operOf(record);
      }
      return null;
    });
  }
}
