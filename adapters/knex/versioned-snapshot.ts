/**
 * Builds take turns within a process, whichever snapshot they are for: each may hold a million
 * merchants' worth of arrays while it runs, and their peaks must not add up.
 */
let buildTurn: Promise<unknown> = Promise.resolve();

function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const run = buildTurn.then(work, work);
  buildTurn = run.catch(() => undefined);
  return run;
}

/**
 * A snapshot of data held in this process that is only ever used for the version it was built at:
 * the in-memory search indexes of merchants (`MerchantPointIndex`, `MerchantKeywordIndex`).
 *
 * `version()` answers the version of the data as this instance knows it (the cache versions that
 * every writer of this project raises in its transaction, read at most every few seconds). A
 * snapshot of another version is never handed out: when the version moves, one build of the new
 * version starts (shared by every caller), and callers either go without ({@link current}) or wait
 * for it ({@link awaitCurrent}). A snapshot built while writes went on holds at least the data of
 * the version it was started for, and those writes raised the version, so it is replaced in turn.
 * A failed build is reported and not remembered: the next caller starts another.
 */
export class VersionedSnapshot<V, S> {
  private snapshot: { readonly version: V; readonly value: S; readonly started: number } | null = null;
  private building: { readonly version: V; readonly done: Promise<S> } | null = null;
  /** Builds started so far: a build that ends after a later one has not replaced the later one's snapshot. */
  private started = 0;

  constructor(
    private readonly version: () => Promise<V>,
    private readonly build: (version: V) => Promise<S>,
    private readonly onBuildFailure: (error: unknown) => void,
  ) {}

  /** The snapshot of the current version, or null (and a build of it started) while there is none. */
  async current(): Promise<S | null> {
    const version = await this.version();
    if (this.snapshot?.version === version) return this.snapshot.value;
    void this.start(version).catch(() => undefined);
    return null;
  }

  /** The snapshot of the current version, waiting for its build; null when that build failed. */
  async awaitCurrent(): Promise<S | null> {
    const version = await this.version();
    if (this.snapshot?.version === version) return this.snapshot.value;
    return this.start(version).catch(() => null);
  }

  /** Resolves once a build of the current version has ended, if one was needed (start-up, tests); a failure was reported. */
  async ready(): Promise<void> {
    const version = await this.version();
    if (this.snapshot?.version !== version) await this.start(version).catch(() => undefined);
  }

  private start(version: V): Promise<S> {
    if (this.building?.version === version) return this.building.done;
    const started = ++this.started;
    const done = inTurn(() => this.build(version)).then(
      (value) => {
        if (this.building?.version === version) this.building = null;
        if (!this.snapshot || this.snapshot.started < started) this.snapshot = { version, value, started };
        return value;
      },
      (error: unknown) => {
        if (this.building?.version === version) this.building = null;
        this.onBuildFailure(error);
        throw error;
      },
    );
    this.building = { version, done };
    return done;
  }
}
