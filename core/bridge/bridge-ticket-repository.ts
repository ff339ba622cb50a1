import type { BridgeTicket } from './bridge-ticket.js';

export interface BridgeTicketRepository {
  add(ticket: BridgeTicket): Promise<void>;
  /** The ticket with this hash, whether or not it has expired. */
  findByHash(ticketHash: string): Promise<BridgeTicket | null>;
  /** Removes the tickets whose expiry is at or before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}
