import type { Session } from './session.js';

export interface SessionRepository {
  add(session: Session): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<Session | null>;
  /** Removes sessions whose expiry is at or before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}
