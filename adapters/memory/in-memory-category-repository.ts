import type { Category, CategoryRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf } from './in-memory-tables.js';

export class InMemoryCategoryRepository implements CategoryRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  listEnabled(): Promise<Category[]> {
    return this.access.use(({ categories }) =>
      copyOf([...categories.values()].filter((category) => category.status === 1).sort((a, b) => a.sort - b.sort || a.id - b.id)),
    );
  }
}
