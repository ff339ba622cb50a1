import type { Session, SessionRepository, SignedInSession } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf, deleteMatching, identityKey } from './in-memory-tables.js';

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

  findSignedIn(tokenHash: string): Promise<SignedInSession | null> {
    return this.access.use(({ sessions, wechatIdentities, users }) => {
      const session = sessions.get(tokenHash);
      if (!session) return null;
      const identity = wechatIdentities.get(identityKey(session.appid, session.openId));
      const user = identity?.userId == null ? undefined : users.get(identity.userId);
      return {
        session: copyOf(session),
        identity: identity ? { appid: identity.appid, openId: identity.openId, userId: identity.userId } : null,
        user: user ? { id: user.id, name: user.name, mobile: user.mobile, createdAt: new Date(user.createdAt) } : null,
      };
    });
  }

  /** Deletes sessions whose expiry is at or before `now` (a session is invalid from its expiry on). */
  deleteExpired(now: Date): Promise<number> {
    return this.access.use(({ sessions }) => deleteMatching(sessions, (session) => session.expiresAt.getTime() <= now.getTime()));
  }
}
