import type { Repositories, UnitOfWork } from '../../core/index.js';
import { inMemoryRepositories } from './in-memory-repositories.js';
import type { InMemoryStore } from './in-memory-store.js';

/**
 * Transactions over an InMemoryStore: one at a time, in the order asked; when `work` throws, the
 * store is restored to how it was before and the error rethrown as it was. `work` runs once.
 * Inside `run()`, use only the repositories handed to `work` (others fail at once).
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  constructor(private readonly store: InMemoryStore) {}

  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.store.transaction((access) => work(inMemoryRepositories(access)));
  }
}
