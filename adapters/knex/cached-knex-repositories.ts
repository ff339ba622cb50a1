import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { type Repositories, systemClock } from '../../core/index.js';
import { CACHE_MAX_AGE_MS, VersionedCopy, VersionWatch, withCaches } from '../cache/index.js';
import { KnexCacheVersions } from './knex-cache-versions.js';
import { knexRepositories } from './knex-repositories.js';
import { MerchantKeywordIndex } from './merchant-keyword-index.js';
import { MerchantPointIndex } from './merchant-point-index.js';

/** How many merchant search totals an instance keeps (past it, it starts afresh). */
const MERCHANT_TOTALS_KEPT = 10_000;

/**
 * The knex repositories with opers, categories and merchant search totals read through caches and
 * nearby and keyword searches through the merchants' indexes in memory. The caches' versions are watched every
 * `cacheMs` on real time, whatever clock the use cases are given.
 */
export function cachedKnexRepositories(db: Knex, cacheMs: number, logger: Logger): Repositories {
  const watch = new VersionWatch(new KnexCacheVersions(db), systemClock, cacheMs, CACHE_MAX_AGE_MS);
  const totals = new VersionedCopy<string, number>(watch, 'merchants', MERCHANT_TOTALS_KEPT);
  const points = new MerchantPointIndex(db, () => watch.versionOf('merchants'), (error) =>
    logger.warn({ err: error }, 'the nearby index could not be built; nearby searches read the table'),
  );
  // The keywords of merchants include their categories' names: the index follows both versions.
  const keywordsVersion = async () => `${await watch.versionOf('merchants')}/${await watch.versionOf('categories')}`;
  const keywords = new MerchantKeywordIndex(db, keywordsVersion, (error) =>
    logger.warn({ err: error }, 'the keyword index could not be built; keyword searches read the table'),
  );
  return withCaches(
    knexRepositories(db, { merchantTotals: (key, count) => totals.get(key, count), merchantPoints: points, merchantKeywords: keywords }),
    watch,
  );
}
