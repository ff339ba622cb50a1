import type { Repositories } from '../../core/index.js';
import { InMemoryLocks } from './in-memory-locks.js';
import { InMemoryOperRepository } from './in-memory-oper-repository.js';
import { InMemorySessionRepository } from './in-memory-session-repository.js';
import type { InMemoryStore, InMemoryTableAccess } from './in-memory-store.js';
import { InMemoryUserRepository } from './in-memory-user-repository.js';
import { InMemoryVerifyCodeRepository } from './in-memory-verify-code-repository.js';
import { InMemoryWechatIdentityRepository } from './in-memory-wechat-identity-repository.js';

/**
 * Every repository over a store: given the store, each operation runs on its own (like statements
 * in autocommit); given a transaction's access, as part of that transaction.
 */
export function inMemoryRepositories(source: InMemoryStore | InMemoryTableAccess): Repositories {
  const access = 'access' in source ? source.access : source;
  return {
    opers: new InMemoryOperRepository(access),
    users: new InMemoryUserRepository(access),
    wechatIdentities: new InMemoryWechatIdentityRepository(access),
    sessions: new InMemorySessionRepository(access),
    verifyCodes: new InMemoryVerifyCodeRepository(access),
    locks: new InMemoryLocks(),
  };
}
