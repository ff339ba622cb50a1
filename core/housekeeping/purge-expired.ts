import type { BridgeTicketRepository } from '../bridge/bridge-ticket-repository.js';
import type { SceneRepository } from '../bridge/scene-repository.js';
import type { OrderGrantRepository } from '../identity/order-grant-repository.js';
import type { SessionRepository } from '../identity/session-repository.js';
import type { VerifyCodeRepository } from '../identity/verify-code-repository.js';
import type { Clock } from '../shared/clock.js';

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
  readonly bridgeTickets: number;
  readonly orderGrants: number;
}

/** The deletes the purge makes, one per table of short-lived rows. */
export interface PurgeExpiredPorts {
  readonly sessions: Pick<SessionRepository, 'deleteExpired'>;
  readonly verifyCodes: Pick<VerifyCodeRepository, 'deleteSentBefore'>;
  readonly scenes: Pick<SceneRepository, 'deleteExpiredBefore'>;
  readonly bridgeTickets: Pick<BridgeTicketRepository, 'deleteExpired'>;
  readonly orderGrants: Pick<OrderGrantRepository, 'deleteExpired'>;
}

/**
 * Deletes the rows no rule reads any more, so that the tables of short-lived rows stay small:
 * sessions, bridge tickets and order grants expired at or before now, SMS codes sent before the
 * retention, scenes expired before theirs. Each is one delete; several instances purging at once
 * only delete nothing twice.
 */
export class PurgeExpired {
  constructor(
    private readonly ports: PurgeExpiredPorts,
    private readonly clock: Clock,
    private readonly retention: RetentionSettings = defaultRetention,
  ) {}

  async execute(): Promise<PurgeResult> {
    const now = this.clock.now().getTime();
    const { ports } = this;
    const sessions = await ports.sessions.deleteExpired(new Date(now));
    const verifyCodes = await ports.verifyCodes.deleteSentBefore(new Date(now - this.retention.verifyCodesMs));
    const scenes = await ports.scenes.deleteExpiredBefore(new Date(now - this.retention.scenesMs));
    const bridgeTickets = await ports.bridgeTickets.deleteExpired(new Date(now));
    const orderGrants = await ports.orderGrants.deleteExpired(new Date(now));
    return { sessions, verifyCodes, scenes, bridgeTickets, orderGrants };
  }
}
