import type { Session, SessionRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf, deleteMatching } from './in-memory-tables.js';

export class InMemorySessionRepository implements SessionRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  /** Rejects when a session with the same token hash exists. */
  add(session: Session): Promise<void> {
    return this.access.use(({ sessions }) => {
      if (sessions.has(session.tokenHash)) throw new Error('A session with this token hash exists already');
      sessions.set(session.tokenHash, copyOf(session));
    });
  }

  findByTokenHash(tokenHash: string): Promise<Session | null> {
    return this.access.use(({ sessions }) => {
      const session = sessions.get(tokenHash);
      return session ? copyOf(session) : null;
    });
  }

  /** Deletes sessions whose expiry is at or before `now` (a session is invalid from its expiry on). */
  deleteExpired(now: Date): Promise<number> {
    return this.access.use(({ sessions }) => deleteMatching(sessions, (session) => session.expiresAt.getTime() <= now.getTime()));
  }
}
