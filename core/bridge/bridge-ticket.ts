/**
 * What opens the bridge page: a short-lived random ticket bound to one user and one order of
 * another oper. It is no token: no API route accepts it, and it opens nothing but the page.
 * Only its hash is stored.
 */
export interface BridgeTicket {
  readonly ticketHash: string;
  readonly userId: number;
  readonly orderNo: string;
  /** The order's oper: the mini program the page's code opens. */
  readonly operId: number;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** A ticket opens the page (again, on reload) for 10 minutes. */
export const BRIDGE_TICKET_TTL_MS = 10 * 60_000;
