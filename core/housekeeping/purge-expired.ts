import type { Clock } from '../shared/clock.js';
import type { Repositories } from '../shared/repositories.js';

/** How long short-lived rows are kept after they stop mattering. */
export interface RetentionSettings {
  /**
   * SMS codes are kept this long after they were sent. The daily cap counts back to the start of
   * the Shanghai day (at most 24 hours), the other limits less: two days leave a margin.
   */
  readonly verifyCodesMs: number;
  /** Scenes are kept this long past their expiry, for looking into a login that went wrong. */
  readonly scenesMs: number;
}

export const defaultRetention: RetentionSettings = {
  verifyCodesMs: 2 * 24 * 3600_000,
  scenesMs: 24 * 3600_000,
};

export interface PurgeResult {
  readonly sessions: number;
  readonly verifyCodes: number;
  readonly scenes: number;
}

/**
 * Deletes the rows no rule reads any more, so that the tables of short-lived rows stay small:
 * sessions expired at or before now, SMS codes sent before the retention, scenes expired before
 * theirs. Each is one delete; several instances purging at once only delete nothing twice.
 */
export class PurgeExpired {
  constructor(
    private readonly repositories: Repositories,
    private readonly clock: Clock,
    private readonly retention: RetentionSettings = defaultRetention,
  ) {}

  async execute(): Promise<PurgeResult> {
    const now = this.clock.now().getTime();
    const sessions = await this.repositories.sessions.deleteExpired(new Date(now));
    const verifyCodes = await this.repositories.verifyCodes.deleteSentBefore(new Date(now - this.retention.verifyCodesMs));
    const scenes = await this.repositories.scenes.deleteExpiredBefore(new Date(now - this.retention.scenesMs));
    return { sessions, verifyCodes, scenes };
  }
}
