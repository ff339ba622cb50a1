import type { Knex } from 'knex';
import type { Session, SessionRepository, SignedInSession } from '../../core/index.js';
import { CompiledRead } from './compiled-read.js';
import { dialectOf } from './dialect.js';
import { userFromRow } from './knex-user-repository.js';
import { identityFromRow } from './knex-wechat-identity-repository.js';

interface SessionRow {
  token_hash: string;
  oper_id: number;
  appid: string;
  open_id: string;
  created_at: number;
  expires_at: number;
}

/** The identity's and user's columns of {@link KnexSessionRepository.findSignedIn}, null when absent. */
interface SignedInColumns {
  w_appid: string | null;
  w_user_id: number | null;
  u_id: number | null;
  u_name: string | null;
  u_mobile: string | null;
  u_created_at: number | null;
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

/**
 * The session's identity, joined on its unique `(appid, open_id)` index. SQLite's planner weighs that
 * index against a scan by the statistics `PRAGMA optimize` took, and statistics taken while the
 * table held one row (a fresh deployment, a restart soon after) make it scan the identities on every
 * request as they grow, until the rows reach 25 times what was counted: so on SQLite the index is
 * named (`INDEXED BY`; a renamed index fails every sign-in at once, not slowly).
 */
export const SIGNED_IN_IDENTITY_INDEX = 'wechat_identities_appid_open_id_unique';
function identitiesOf(db: Knex | Knex.Transaction): string | Knex.Raw {
  return dialectOf(db) === 'sqlite' ? db.raw('?? indexed by ??', ['wechat_identities as w', SIGNED_IN_IDENTITY_INDEX]) : 'wechat_identities as w';
}

/** Read on every request with a token: compiled once (see {@link CompiledRead}). */
export const SIGNED_IN = new CompiledRead<SessionRow & SignedInColumns>((db, tokenHash) =>
  db('sessions as s')
    .leftJoin(identitiesOf(db), (on) => on.on('w.appid', 's.appid').andOn('w.open_id', 's.open_id'))
    .leftJoin('users as u', 'u.id', 'w.user_id')
    .where('s.token_hash', tokenHash)
    .select(
      's.*',
      'w.appid as w_appid',
      'w.user_id as w_user_id',
      'u.id as u_id',
      'u.name as u_name',
      'u.mobile as u_mobile',
      'u.created_at as u_created_at',
    )
    .limit(1),
  'point',
);

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

  /** One query: the session, its identity (by appid and openId) and the identity's user, left-joined. */
  async findSignedIn(tokenHash: string): Promise<SignedInSession | null> {
    const row = await SIGNED_IN.first(this.db, tokenHash);
    if (!row) return null;
    const identity = row.w_appid === null ? null : identityFromRow({ appid: row.appid, open_id: row.open_id, user_id: row.w_user_id });
    const user =
      row.u_id === null ? null : userFromRow({ id: row.u_id, name: row.u_name!, mobile: row.u_mobile!, created_at: row.u_created_at!, updated_at: 0 });
    return { session: sessionFromRow(row), identity, user };
  }

  /** Deletes sessions whose expiry is at or before `now` (a session is invalid from its expiry on). */
  async deleteExpired(now: Date): Promise<number> {
    return this.db<SessionRow>('sessions').where('expires_at', '<=', now.getTime()).del();
  }
}
