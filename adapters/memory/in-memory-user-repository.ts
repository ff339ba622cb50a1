import type { User, UserRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import type { InMemoryTables, UserRecord } from './in-memory-tables.js';

function userOf(record: UserRecord): User {
  return { id: record.id, name: record.name, mobile: record.mobile, createdAt: new Date(record.createdAt) };
}

function findByMobile(tables: InMemoryTables, mobile: string): UserRecord | undefined {
  for (const record of tables.users.values()) {
    if (record.mobile === mobile) return record;
  }
  return undefined;
}

export class InMemoryUserRepository implements UserRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  findById(id: number): Promise<User | null> {
    return this.access.use(({ users }) => {
      const record = users.get(id);
      return record ? userOf(record) : null;
    });
  }

  findByMobile(mobile: string): Promise<User | null> {
    return this.access.use((tables) => {
      const record = findByMobile(tables, mobile);
      return record ? userOf(record) : null;
    });
  }

  findOrCreateByMobile(mobile: string, name: string, now: Date): Promise<User> {
    return this.access.use((tables) => {
      const existing = findByMobile(tables, mobile);
      if (existing) return userOf(existing);
      const id = ++tables.lastIds.users;
      const record: UserRecord = { id, name, mobile, createdAt: new Date(now), updatedAt: new Date(now) };
      tables.users.set(id, record);
      return userOf(record);
    });
  }
}
