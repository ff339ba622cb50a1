import type { Category, CategoryRepository } from '../../core/index.js';
import type { VersionWatch } from './version-watch.js';
import { VersionedCopy } from './versioned-copy.js';

/** Enabled categories kept in memory, reloaded when the `categories` version changes. */
export class CachedCategoryRepository implements CategoryRepository {
  private readonly enabled: VersionedCopy<'enabled', Category[]>;

  constructor(
    private readonly inner: CategoryRepository,
    watch: VersionWatch,
  ) {
    this.enabled = new VersionedCopy(watch, 'categories');
  }

  async listEnabled(): Promise<Category[]> {
    return (await this.enabled.get('enabled', () => this.inner.listEnabled())).map((category) => ({ ...category }));
  }
}
