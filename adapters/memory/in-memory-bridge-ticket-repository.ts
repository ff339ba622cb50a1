import type { BridgeTicket, BridgeTicketRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf, deleteMatching } from './in-memory-tables.js';

/** Bridge tickets in a map keyed by ticket hash. */
export class InMemoryBridgeTicketRepository implements BridgeTicketRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  /** Rejects when a ticket with the same hash exists. */
  add(ticket: BridgeTicket): Promise<void> {
    return this.access.use(({ bridgeTickets }) => {
      if (bridgeTickets.has(ticket.ticketHash)) throw new Error('A bridge ticket with this hash exists already');
      bridgeTickets.set(ticket.ticketHash, copyOf(ticket));
    });
  }

  findByHash(ticketHash: string): Promise<BridgeTicket | null> {
    return this.access.use(({ bridgeTickets }) => {
      const ticket = bridgeTickets.get(ticketHash);
      return ticket ? copyOf(ticket) : null;
    });
  }

  deleteExpired(now: Date): Promise<number> {
    return this.access.use(({ bridgeTickets }) => deleteMatching(bridgeTickets, (ticket) => ticket.expiresAt.getTime() <= now.getTime()));
  }
}
