// Caches of rarely-changing data over any repository adapter, kept fresh across instances.
import type { Repositories } from '../../core/index.js';
import { CachedCategoryRepository } from './cached-category-repository.js';
import { CachedOperRepository } from './cached-oper-repository.js';
import type { VersionWatch } from './version-watch.js';

export * from './cache-versions.js';
export * from './version-watch.js';
export * from './cached-oper-repository.js';
export * from './cached-category-repository.js';
export * from './versioned-copy.js';

/** `repositories` with opers and categories read through caches watched by `watch`. */
export function withCaches(repositories: Repositories, watch: VersionWatch): Repositories {
  return {
    ...repositories,
    opers: new CachedOperRepository(repositories.opers, watch),
    categories: new CachedCategoryRepository(repositories.categories, watch),
  };
}
