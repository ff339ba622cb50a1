import type { Knex } from 'knex';
import type { WechatIdentity, WechatIdentityRepository } from '../../core/index.js';
import { currentRead } from './dialect.js';
import { KnexLocks } from './knex-locks.js';

interface WechatIdentityRow {
  id: number;
  appid: string;
  open_id: string;
  user_id: number | null;
  created_at: number;
  updated_at: number;
}

export function identityFromRow(row: Pick<WechatIdentityRow, 'appid' | 'open_id' | 'user_id'>): WechatIdentity {
  return { appid: row.appid, openId: row.open_id, userId: row.user_id === null ? null : Number(row.user_id) };
}

export class KnexWechatIdentityRepository implements WechatIdentityRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async find(appid: string, openId: string): Promise<WechatIdentity | null> {
    const row = await this.db<WechatIdentityRow>('wechat_identities').where({ appid, open_id: openId }).first();
    return row ? identityFromRow(row) : null;
  }

  /** A no-op upsert on (appid, open_id), so a concurrent insert or an existing binding is kept. */
  async ensure(appid: string, openId: string, now: Date): Promise<WechatIdentity> {
    const at = now.getTime();
    await this.db<WechatIdentityRow>('wechat_identities')
      .insert({ appid, open_id: openId, user_id: null, created_at: at, updated_at: at })
      .onConflict(['appid', 'open_id'])
      .merge(['appid']);
    const query = this.db<WechatIdentityRow>('wechat_identities').where({ appid, open_id: openId }).first();
    const row = await currentRead(this.db, query);
    if (!row) throw new Error('The WeChat identity vanished between its upsert and its read');
    return identityFromRow(row);
  }

  /**
   * In a (nested) transaction under the lock `wechat-bind:<appid>`, so that binds in one mini
   * program take turns: otherwise two binds to one user could both pass the unbinding step and
   * collide on the unique (appid, user_id), or deadlock on each other's rows on MySQL.
   */
  async bind(appid: string, openId: string, userId: number, now: Date): Promise<void> {
    const at = now.getTime();
    await this.db.transaction(async (trx) => {
      await new KnexLocks(trx).acquire(`wechat-bind:${appid}`);
      await trx<WechatIdentityRow>('wechat_identities')
        .where({ appid, user_id: userId })
        .whereNot({ open_id: openId })
        .update({ user_id: null, updated_at: at });
      await trx<WechatIdentityRow>('wechat_identities')
        .insert({ appid, open_id: openId, user_id: userId, created_at: at, updated_at: at })
        .onConflict(['appid', 'open_id'])
        .merge(['user_id', 'updated_at']);
    });
  }
}
