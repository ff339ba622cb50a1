import type { Knex } from 'knex';
import type { CachedKind, CacheVersions } from '../cache/cache-versions.js';

/**
 * Raises the version of a kind of cached data (see migration 0014), in the writer's transaction
 * when `db` is one, so that every instance reloads its copy within its staleness bound. Creates
 * the row when it is missing.
 */
export async function bumpCacheVersion(db: Knex | Knex.Transaction, kind: CachedKind): Promise<void> {
  const changed = await db('cache_versions').where({ name: kind }).increment('version', 1);
  if (Number(changed) === 0) await db('cache_versions').insert({ name: kind, version: 1 });
}

/** The versions of `cache_versions`, read in one query. */
export class KnexCacheVersions implements CacheVersions {
  constructor(private readonly db: Knex) {}

  async read(): Promise<ReadonlyMap<CachedKind, number>> {
    const rows: Array<{ name: CachedKind; version: number | string }> = await this.db('cache_versions').select('name', 'version');
    return new Map(rows.map((row) => [row.name, Number(row.version)]));
  }
}
