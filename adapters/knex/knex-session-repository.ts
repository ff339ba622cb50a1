import type { Knex } from 'knex';
import type { Session, SessionRepository } from '../../core/index.js';

interface SessionRow {
  token_hash: string;
  oper_id: number;
  appid: string;
  open_id: string;
  created_at: number;
  expires_at: number;
}

function sessionFromRow(row: SessionRow): Session {
  return {
    tokenHash: row.token_hash,
    operId: Number(row.oper_id),
    appid: row.appid,
    openId: row.open_id,
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
  };
}

export class KnexSessionRepository implements SessionRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** Rejects when a session with the same token hash exists. */
  async add(session: Session): Promise<void> {
    await this.db<SessionRow>('sessions').insert({
      token_hash: session.tokenHash,
      oper_id: session.operId,
      appid: session.appid,
      open_id: session.openId,
      created_at: session.createdAt.getTime(),
      expires_at: session.expiresAt.getTime(),
    });
  }

  async findByTokenHash(tokenHash: string): Promise<Session | null> {
    const row = await this.db<SessionRow>('sessions').where({ token_hash: tokenHash }).first();
    return row ? sessionFromRow(row) : null;
  }

  /** Deletes sessions whose expiry is at or before `now` (a session is invalid from its expiry on). */
  async deleteExpired(now: Date): Promise<number> {
    return this.db<SessionRow>('sessions').where('expires_at', '<=', now.getTime()).del();
  }
}
