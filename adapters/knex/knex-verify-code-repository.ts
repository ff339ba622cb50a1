import type { Knex } from 'knex';
import type { NewVerifyCode, VerifyCode, VerifyCodeRepository } from '../../core/index.js';

interface SmsCodeRow {
  id: number;
  mobile: string;
  code_hash: string;
  ip: string;
  requester: string | null;
  sent_at: number;
  expires_at: number;
  failed_attempts: number;
  consumed_at: number | null;
}

function verifyCodeFromRow(row: SmsCodeRow): VerifyCode {
  return {
    id: Number(row.id),
    mobile: row.mobile,
    codeHash: row.code_hash,
    ip: row.ip,
    requester: row.requester,
    sentAt: new Date(Number(row.sent_at)),
    expiresAt: new Date(Number(row.expires_at)),
    failedAttempts: Number(row.failed_attempts),
    consumedAt: row.consumed_at === null ? null : new Date(Number(row.consumed_at)),
  };
}

/** SMS codes (their digests) in `sms_codes`. Sending windows include their start (`sent_at >= since`). */
export class KnexVerifyCodeRepository implements VerifyCodeRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async add(code: NewVerifyCode): Promise<VerifyCode> {
    const [id] = await this.db<SmsCodeRow>('sms_codes').insert({
      mobile: code.mobile,
      code_hash: code.codeHash,
      ip: code.ip,
      requester: code.requester,
      sent_at: code.sentAt.getTime(),
      expires_at: code.expiresAt.getTime(),
      failed_attempts: 0,
      consumed_at: null,
    });
    if (id === undefined) throw new Error('The database returned no id for the new SMS code');
    return {
      id: Number(id),
      mobile: code.mobile,
      codeHash: code.codeHash,
      ip: code.ip,
      requester: code.requester,
      sentAt: new Date(code.sentAt.getTime()),
      expiresAt: new Date(code.expiresAt.getTime()),
      failedAttempts: 0,
      consumedAt: null,
    };
  }

  async findLatest(mobile: string): Promise<VerifyCode | null> {
    return this.latestOf(this.db<SmsCodeRow>('sms_codes').where({ mobile }));
  }

  async findLatestRequestedBy(mobile: string, requester: string | null): Promise<VerifyCode | null> {
    const query = this.db<SmsCodeRow>('sms_codes').where({ mobile });
    return this.latestOf(requester === null ? query.whereNull('requester') : query.andWhere({ requester }));
  }

  private async latestOf(query: Knex.QueryBuilder<SmsCodeRow>): Promise<VerifyCode | null> {
    const row = (await query
      .orderBy([
        { column: 'sent_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first()) as SmsCodeRow | undefined;
    return row ? verifyCodeFromRow(row) : null;
  }

  async countSentToMobileSince(mobile: string, since: Date): Promise<number> {
    const [row] = await this.db('sms_codes').where({ mobile }).andWhere('sent_at', '>=', since.getTime()).count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  async countSentFromIpSince(ip: string, since: Date): Promise<number> {
    const [row] = await this.db('sms_codes').where({ ip }).andWhere('sent_at', '>=', since.getTime()).count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  /** On the (requester, sent_at) index of migration 0011. */
  async countSentByRequesterSince(requester: string, since: Date): Promise<number> {
    const [row] = await this.db('sms_codes').where({ requester }).andWhere('sent_at', '>=', since.getTime()).count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  async recordFailedAttempt(id: number, maxFailedAttempts: number): Promise<boolean> {
    const changed = await this.db<SmsCodeRow>('sms_codes')
      .where({ id })
      .whereNull('consumed_at')
      .andWhere('failed_attempts', '<', maxFailedAttempts)
      .increment('failed_attempts', 1);
    return changed > 0;
  }

  async consume(id: number, maxFailedAttempts: number, now: Date): Promise<boolean> {
    const at = now.getTime();
    const changed = await this.db<SmsCodeRow>('sms_codes')
      .where({ id })
      .whereNull('consumed_at')
      .andWhere('failed_attempts', '<', maxFailedAttempts)
      .andWhere('expires_at', '>', at)
      .update({ consumed_at: at });
    return changed > 0;
  }

  async delete(id: number): Promise<void> {
    await this.db<SmsCodeRow>('sms_codes').where({ id }).del();
  }

  /** One `DELETE … WHERE sent_at < before`, on the `sent_at` index of migration 0007. */
  async deleteSentBefore(before: Date): Promise<number> {
    return this.db<SmsCodeRow>('sms_codes').where('sent_at', '<', before.getTime()).del();
  }
}
