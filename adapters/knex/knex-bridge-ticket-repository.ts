import type { Knex } from 'knex';
import type { BridgeTicket, BridgeTicketRepository } from '../../core/index.js';

interface BridgeTicketRow {
  ticket_hash: string;
  user_id: number;
  order_no: string;
  oper_id: number;
  created_at: number;
  expires_at: number;
}

/** Bridge tickets in `bridge_tickets`, keyed by the ticket's hash. */
export class KnexBridgeTicketRepository implements BridgeTicketRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** Rejects when a ticket with the same hash exists. */
  async add(ticket: BridgeTicket): Promise<void> {
    await this.db<BridgeTicketRow>('bridge_tickets').insert({
      ticket_hash: ticket.ticketHash,
      user_id: ticket.userId,
      order_no: ticket.orderNo,
      oper_id: ticket.operId,
      created_at: ticket.createdAt.getTime(),
      expires_at: ticket.expiresAt.getTime(),
    });
  }

  async findByHash(ticketHash: string): Promise<BridgeTicket | null> {
    const row = await this.db<BridgeTicketRow>('bridge_tickets').where({ ticket_hash: ticketHash }).first();
    if (!row) return null;
    return {
      ticketHash: row.ticket_hash,
      userId: Number(row.user_id),
      orderNo: row.order_no,
      operId: Number(row.oper_id),
      createdAt: new Date(Number(row.created_at)),
      expiresAt: new Date(Number(row.expires_at)),
    };
  }

  async deleteExpired(now: Date): Promise<number> {
    return this.db<BridgeTicketRow>('bridge_tickets').where('expires_at', '<=', now.getTime()).del();
  }
}
