/** The kinds of rarely-changing data that app instances keep in memory. */
export type CachedKind = 'opers' | 'categories' | 'merchants';

/**
 * Where the writers of cached data record a change: a version per kind, raised by every write
 * (in the database the instances share, so that all of them see it).
 */
export interface CacheVersions {
  /** The current version of each kind; a kind never written may be missing (counts as 0). */
  read(): Promise<ReadonlyMap<CachedKind, number>>;
}
