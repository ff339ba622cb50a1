import { type Caller, requireUser } from '../identity/caller.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Random, SecretHasher } from '../shared/random.js';
import type { OrderRepository } from '../ordering/order-repository.js';
import { ownOrder } from '../ordering/order-access.js';
import { type Order, isPayable } from '../ordering/order.js';
import type { BridgeTicketRepository } from './bridge-ticket-repository.js';
import { BRIDGE_TICKET_TTL_MS } from './bridge-ticket.js';

/** What minting a ticket reads and writes. */
export interface MintBridgeTicketPorts {
  readonly orders: Pick<OrderRepository, 'findByNo'>;
  readonly bridgeTickets: Pick<BridgeTicketRepository, 'add'>;
}

export interface MintedTicket {
  /** The ticket itself: shown once, in the page's address; only its hash is stored. */
  readonly ticket: string;
  readonly order: Order;
  readonly userId: number;
  readonly expiresAt: Date;
}

/**
 * `/order/bridge`: a ticket that opens the bridge page for the caller's own unpaid order of another
 * oper (50001 for anyone else's order; 50002 for an order of the caller's oper, which is paid
 * here, or one no longer payable). The session token never goes into the page's address.
 */
export class MintBridgeTicket {
  constructor(
    private readonly ports: MintBridgeTicketPorts,
    private readonly random: Random,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
    /** An order past its pay timeout cannot be paid any more (50002), so it gets no ticket either. */
    private readonly payTimeoutMs: number,
  ) {}

  async execute({ caller, orderNo }: { caller: Caller; orderNo: string }): Promise<MintedTicket> {
    const user = requireUser(caller);
    const order = await ownOrder(this.ports.orders, user, orderNo);
    const now = this.clock.now();
    if (order.operId === caller.operId || !isPayable(order, now, this.payTimeoutMs)) throw new DomainError(50002);
    const ticket = this.random.token();
    const expiresAt = new Date(now.getTime() + BRIDGE_TICKET_TTL_MS);
    await this.ports.bridgeTickets.add({
      ticketHash: this.hasher.hash(ticket),
      userId: user.id,
      orderNo: order.orderNo,
      operId: order.operId,
      createdAt: now,
      expiresAt,
    });
    return { ticket, order, userId: user.id, expiresAt };
  }
}
