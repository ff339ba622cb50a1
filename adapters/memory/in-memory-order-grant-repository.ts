import type { OrderGrant, OrderGrantRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf, deleteMatching } from './in-memory-tables.js';

/** The key of a grant: (token hash, order number). */
function grantKey(tokenHash: string, orderNo: string): string {
  return JSON.stringify([tokenHash, orderNo]);
}

/** Order grants in a map keyed by (token hash, order number). */
export class InMemoryOrderGrantRepository implements OrderGrantRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  add(grant: OrderGrant): Promise<void> {
    return this.access.use(({ orderGrants }) => {
      orderGrants.set(grantKey(grant.tokenHash, grant.orderNo), copyOf(grant));
    });
  }

  isGranted(tokenHash: string, orderNo: string, now: Date): Promise<boolean> {
    return this.access.use(({ orderGrants }) => {
      const grant = orderGrants.get(grantKey(tokenHash, orderNo));
      return grant !== undefined && grant.expiresAt.getTime() > now.getTime();
    });
  }

  deleteExpired(now: Date): Promise<number> {
    return this.access.use(({ orderGrants }) => deleteMatching(orderGrants, (grant) => grant.expiresAt.getTime() <= now.getTime()));
  }
}
