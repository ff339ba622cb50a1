import type { Locks } from '../../core/index.js';

/**
 * Named locks over an InMemoryStore. The store already runs one transaction at a time, so every
 * lock a transaction asks for is its own until it ends: acquiring succeeds at once.
 */
export class InMemoryLocks implements Locks {
  async acquire(_name: string): Promise<void> {}
}
