import type { NewVerifyCode, VerifyCode, VerifyCodeRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf } from './in-memory-tables.js';

/** SMS codes (their digests) in a map. Sending windows include their start (`sentAt >= since`). */
export class InMemoryVerifyCodeRepository implements VerifyCodeRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  add(code: NewVerifyCode): Promise<VerifyCode> {
    return this.access.use(({ verifyCodes, lastIds }) => {
      const { mobile, codeHash, ip, requester, sentAt, expiresAt } = code;
      const record: VerifyCode = {
        id: ++lastIds.verifyCodes,
        mobile,
        codeHash,
        ip,
        requester,
        sentAt: new Date(sentAt),
        expiresAt: new Date(expiresAt),
        failedAttempts: 0,
        consumedAt: null,
      };
      verifyCodes.set(record.id, record);
      return copyOf(record);
    });
  }

  findLatest(mobile: string): Promise<VerifyCode | null> {
    return this.latestWhere((record) => record.mobile === mobile);
  }

  findLatestRequestedBy(mobile: string, requester: string | null): Promise<VerifyCode | null> {
    return this.latestWhere((record) => record.mobile === mobile && record.requester === requester);
  }

  private latestWhere(matches: (record: VerifyCode) => boolean): Promise<VerifyCode | null> {
    return this.access.use(({ verifyCodes }) => {
      let latest: VerifyCode | null = null;
      for (const record of verifyCodes.values()) {
        if (!matches(record)) continue;
        const sent = record.sentAt.getTime();
        const latestSent = latest?.sentAt.getTime() ?? -Infinity;
        if (sent > latestSent || (sent === latestSent && latest !== null && record.id > latest.id)) latest = record;
      }
      return latest ? copyOf(latest) : null;
    });
  }

  countSentToMobileSince(mobile: string, since: Date): Promise<number> {
    return this.count((record) => record.mobile === mobile && record.sentAt.getTime() >= since.getTime());
  }

  countSentFromIpSince(ip: string, since: Date): Promise<number> {
    return this.count((record) => record.ip === ip && record.sentAt.getTime() >= since.getTime());
  }

  countSentByRequesterSince(requester: string, since: Date): Promise<number> {
    return this.count((record) => record.requester === requester && record.sentAt.getTime() >= since.getTime());
  }

  recordFailedAttempt(id: number, maxFailedAttempts: number): Promise<boolean> {
    return this.access.use(({ verifyCodes }) => {
      const record = verifyCodes.get(id);
      if (!record || record.consumedAt !== null || record.failedAttempts >= maxFailedAttempts) return false;
      verifyCodes.set(id, { ...record, failedAttempts: record.failedAttempts + 1 });
      return true;
    });
  }

  consume(id: number, maxFailedAttempts: number, now: Date): Promise<boolean> {
    return this.access.use(({ verifyCodes }) => {
      const record = verifyCodes.get(id);
      if (
        !record ||
        record.consumedAt !== null ||
        record.failedAttempts >= maxFailedAttempts ||
        record.expiresAt.getTime() <= now.getTime()
      ) {
        return false;
      }
      verifyCodes.set(id, { ...record, consumedAt: new Date(now) });
      return true;
    });
  }

  delete(id: number): Promise<void> {
    return this.access.use(({ verifyCodes }) => {
      verifyCodes.delete(id);
    });
  }

  deleteSentBefore(before: Date): Promise<number> {
    return this.access.use(({ verifyCodes }) => {
      let deleted = 0;
      for (const [id, record] of verifyCodes) {
        if (record.sentAt.getTime() < before.getTime()) {
          verifyCodes.delete(id);
          deleted++;
        }
      }
      return deleted;
    });
  }

  private count(matches: (record: VerifyCode) => boolean): Promise<number> {
    return this.access.use(({ verifyCodes }) => {
      let count = 0;
      for (const record of verifyCodes.values()) if (matches(record)) count++;
      return count;
    });
  }
}
