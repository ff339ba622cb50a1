import type { CachedKind } from './cache-versions.js';
import type { VersionWatch } from './version-watch.js';

/**
 * Values loaded by key and kept until the version of their kind changes, or for the watch's
 * `maxAgeMs` at most. A load that fails is not kept. Values are kept as loaded: callers must treat
 * them as read-only.
 */
export class VersionedCopy<K, V> {
  private version = Number.NaN;
  private since = 0;
  private readonly values = new Map<K, Promise<V>>();

  /** `maxEntries`: past it the copy starts afresh (keys made from user input must not grow without end). */
  constructor(
    private readonly watch: VersionWatch,
    private readonly kind: CachedKind,
    private readonly maxEntries = Number.POSITIVE_INFINITY,
  ) {}

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const version = await this.watch.versionOf(this.kind);
    const now = this.watch.now();
    if (version !== this.version || now - this.since >= this.watch.maxAgeMs) {
      this.values.clear();
      this.version = version;
      this.since = now;
    }
    let value = this.values.get(key);
    if (!value) {
      if (this.values.size >= this.maxEntries) this.values.clear();
      value = load();
      this.values.set(key, value);
      value.catch(() => {
        if (this.values.get(key) === value) this.values.delete(key);
      });
    }
    return value;
  }
}
