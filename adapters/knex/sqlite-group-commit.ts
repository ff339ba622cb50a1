import { open } from 'node:fs/promises';
import type { Knex } from 'knex';
import type { SqliteConnection } from './sqlite-statements.js';

/** Puts on disk what was written to the file at `path` so far (fdatasync), off the event loop. */
export type SyncFile = (path: string) => Promise<void>;

/** The file is opened anew each time: a WAL file deleted and made again is never missed. */
export const fdatasyncFile: SyncFile = async (path) => {
  const handle = await open(path, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
};

/** A sync of the write-ahead log failed: nothing committed since is known to be on disk. */
export class DurabilityLost extends Error {
  constructor(cause: unknown) {
    super(`SQLite could not sync its write-ahead log (${cause instanceof Error ? cause.message : String(cause)}): commits are no longer known to reach the disk; writes fail until the process restarts`, { cause });
    this.name = 'DurabilityLost';
  }
}

/**
 * Group commit of a SQLite file in WAL mode with `synchronous=NORMAL`: a commit writes the log
 * without syncing it (microseconds instead of an fsync that blocks the event loop), and then
 * waits, off the event loop, for a sync of the log that started after it. Every commit made while
 * one sync runs shares the next one, so that many commits cost one fsync. A commit is reported
 * done (its transaction's promise resolves) only once it is on disk: the same promise as
 * `synchronous=FULL`.
 *
 * A sync that fails fails its waiters and every later one (fail closed): Linux may drop the pages
 * a failed fsync could not write, so a later sync that succeeds would prove nothing.
 */
export class WalSync {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** Why a sync failed, once one has: every waiter from then on fails. */
  private failure: { readonly cause: unknown } | null = null;

  constructor(
    private readonly walPath: string,
    private readonly syncFile: SyncFile = fdatasyncFile,
  ) {}

  /** Resolves once everything committed before the call is on disk. */
  durable(): Promise<void> {
    if (this.failure) return this.lost();
    // The sync running now may have begun before the caller's commit: the next one covers it.
    this.queued ??= (this.running ?? Promise.resolve()).catch(() => undefined).then(() => this.start());
    return this.queued;
  }

  private start(): Promise<void> {
    this.queued = null;
    if (this.failure) return this.lost();
    const run = this.syncFile(this.walPath)
      .catch((cause: unknown) => {
        this.failure ??= { cause };
        return this.lost();
      })
      .finally(() => {
        if (this.running === run) this.running = null;
      });
    this.running = run;
    return run;
  }

  /** A rejection of its own for each waiter (knex writes the SQL into the message of what it is given). */
  private lost(): Promise<never> {
    return Promise.reject(new DurabilityLost(this.failure!.cause));
  }
}

interface QueryingClient {
  _query(connection: SqliteConnection & { readonly inTransaction: boolean }, query: { sql: string }): Promise<unknown>;
}

/**
 * Makes every commit through `instance` (a SQLite file's knex, `synchronous=NORMAL`) wait for
 * {@link WalSync.durable} before its caller hears of it:
 * - a transaction (`instance.transaction(handler)`) waits after its connection is released, so
 *   that the next transaction runs, and commits into the same sync, while this one waits;
 * - a write outside a transaction (autocommit) waits before its query returns, holding the
 *   connection meanwhile (knex gives no later point); the project's hot writes are transactions.
 *
 * A transaction with no handler (committed by hand) is refused: nothing would wait for its commit.
 * What other requests read may include a commit not yet on disk; whatever the project tells
 * WeChat Pay or a client follows a write of its own, whose sync covers every earlier commit.
 */
export function commitInGroups(instance: Knex, wal: WalSync): void {
  const client = instance.client as QueryingClient;
  const query = client._query.bind(client);
  client._query = async (connection, compiled) => {
    const inTransaction = connection.inTransaction;
    const result = await query(connection, compiled);
    if (!inTransaction && !connection.inTransaction && !connection.prepare(compiled.sql).readonly) await wal.durable();
    return result;
  };
  const transaction = instance.transaction.bind(instance) as (handler?: unknown, config?: unknown) => PromiseLike<unknown>;
  const grouped = (handler?: unknown, config?: unknown): Promise<unknown> => {
    if (typeof handler !== 'function') throw new Error('a SQLite transaction needs a handler here: one committed by hand would not wait for the disk');
    return Promise.resolve(transaction(handler, config)).then(async (value) => {
      await wal.durable();
      return value;
    });
  };
  // knex defines its instance methods as configurable, not writable, properties.
  Object.defineProperty(instance, 'transaction', { value: grouped, configurable: true });
}
