import type { WechatIdentity, WechatIdentityRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { identityKey, type WechatIdentityRecord } from './in-memory-tables.js';

function identityOf(record: WechatIdentityRecord): WechatIdentity {
  return { appid: record.appid, openId: record.openId, userId: record.userId };
}

export class InMemoryWechatIdentityRepository implements WechatIdentityRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  find(appid: string, openId: string): Promise<WechatIdentity | null> {
    return this.access.use(({ wechatIdentities }) => {
      const record = wechatIdentities.get(identityKey(appid, openId));
      return record ? identityOf(record) : null;
    });
  }

  ensure(appid: string, openId: string, now: Date): Promise<WechatIdentity> {
    return this.access.use(({ wechatIdentities }) => {
      const key = identityKey(appid, openId);
      const existing = wechatIdentities.get(key);
      if (existing) return identityOf(existing);
      const record = { appid, openId, userId: null, createdAt: new Date(now), updatedAt: new Date(now) };
      wechatIdentities.set(key, record);
      return identityOf(record);
    });
  }

  /** Rejects, changing nothing, when the user does not exist (as the database's foreign key does). */
  bind(appid: string, openId: string, userId: number, now: Date): Promise<void> {
    return this.access.use(({ wechatIdentities, users }) => {
      if (!users.has(userId)) throw new Error(`Cannot bind to user ${userId}: no such user`);
      for (const [key, record] of wechatIdentities) {
        if (record.appid === appid && record.userId === userId && record.openId !== openId) {
          wechatIdentities.set(key, { ...record, userId: null, updatedAt: new Date(now) });
        }
      }
      const key = identityKey(appid, openId);
      const existing = wechatIdentities.get(key);
      const createdAt = existing ? existing.createdAt : new Date(now);
      wechatIdentities.set(key, { appid, openId, userId, createdAt, updatedAt: new Date(now) });
    });
  }
}
