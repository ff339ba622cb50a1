import type { Session } from './session.js';
import type { User } from './user.js';
import type { WechatIdentity } from './wechat-identity.js';

/** A session read together with the WeChat identity it was issued for and that identity's user. */
export interface SignedInSession {
  readonly session: Session;
  /** Null when the identity is gone. */
  readonly identity: WechatIdentity | null;
  /** The identity's user; null when none is bound (or the user is gone). */
  readonly user: User | null;
}

export interface SessionRepository {
  add(session: Session): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<Session | null>;
  /** The session of a token hash with its identity and user, in one read (every request makes it). */
  findSignedIn(tokenHash: string): Promise<SignedInSession | null>;
  /** Removes sessions whose expiry is at or before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}
