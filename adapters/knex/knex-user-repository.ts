import type { Knex } from 'knex';
import type { User, UserRepository } from '../../core/index.js';
import { currentRead } from './dialect.js';

export interface UserRow {
  id: number;
  name: string;
  mobile: string;
  created_at: number;
  updated_at: number;
}

export function userFromRow(row: UserRow): User {
  return { id: Number(row.id), name: row.name, mobile: row.mobile, createdAt: new Date(Number(row.created_at)) };
}

export class KnexUserRepository implements UserRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async findById(id: number): Promise<User | null> {
    const row = await this.db<UserRow>('users').where({ id }).first();
    return row ? userFromRow(row) : null;
  }

  async findByMobile(mobile: string): Promise<User | null> {
    const row = await this.db<UserRow>('users').where({ mobile }).first();
    return row ? userFromRow(row) : null;
  }

  /** Inserts unless the mobile exists (a no-op upsert, so no other error is swallowed), then reads. */
  async findOrCreateByMobile(mobile: string, name: string, now: Date): Promise<User> {
    const at = now.getTime();
    await this.db<UserRow>('users')
      .insert({ name, mobile, created_at: at, updated_at: at })
      .onConflict('mobile')
      .merge(['mobile']);
    const row = await currentRead(this.db, this.db<UserRow>('users').where({ mobile }).first());
    if (!row) throw new Error('The user vanished between its upsert and its read');
    return userFromRow(row);
  }
}
