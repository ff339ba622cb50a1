import type { Clock } from '../../core/index.js';
import type { CachedKind, CacheVersions } from './cache-versions.js';

/**
 * How long a cached value is kept at most, whatever the versions say: the bound for a change made
 * outside this project that does not raise its version.
 */
export const CACHE_MAX_AGE_MS = 60_000;

/**
 * The staleness rule of the caches: the versions are read at most once per `maxStaleMs` (one
 * small query, shared by every cache and every concurrent caller), so a change written through
 * any instance is seen by every instance at most `maxStaleMs` after it committed, plus one read.
 * Values are also dropped `maxAgeMs` after they were loaded. A failed read is not remembered: the
 * next call tries again.
 */
export class VersionWatch {
  private known: { at: number; versions: ReadonlyMap<CachedKind, number> } | null = null;
  private reading: Promise<ReadonlyMap<CachedKind, number>> | null = null;

  constructor(
    private readonly versions: CacheVersions,
    private readonly clock: Clock,
    readonly maxStaleMs: number,
    readonly maxAgeMs: number = CACHE_MAX_AGE_MS,
  ) {}

  /** Now, in milliseconds, by the watch's clock. */
  now(): number {
    return this.clock.now().getTime();
  }

  /** The version of `kind` as of at most `maxStaleMs` ago. */
  async versionOf(kind: CachedKind): Promise<number> {
    const now = this.clock.now().getTime();
    if (this.known && now - this.known.at < this.maxStaleMs) return this.known.versions.get(kind) ?? 0;
    this.reading ??= this.versions.read().then(
      (versions) => {
        this.known = { at: now, versions };
        this.reading = null;
        return versions;
      },
      (error: unknown) => {
        this.reading = null;
        throw error;
      },
    );
    return (await this.reading).get(kind) ?? 0;
  }
}
