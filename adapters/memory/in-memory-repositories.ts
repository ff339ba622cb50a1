import type { Repositories } from '../../core/index.js';
import { InMemoryAreaRepository } from './in-memory-area-repository.js';
import { InMemoryBridgeTicketRepository } from './in-memory-bridge-ticket-repository.js';
import { InMemoryOrderGrantRepository } from './in-memory-order-grant-repository.js';
import { InMemoryCategoryRepository } from './in-memory-category-repository.js';
import { InMemoryGoodsRepository } from './in-memory-goods-repository.js';
import { InMemoryLocks } from './in-memory-locks.js';
import { InMemoryMerchantRepository } from './in-memory-merchant-repository.js';
import { InMemoryOperRepository } from './in-memory-oper-repository.js';
import { InMemoryOrderRepository } from './in-memory-order-repository.js';
import { InMemoryPurchaseNoticeRepository } from './in-memory-purchase-notice-repository.js';
import { InMemoryRefundRepository } from './in-memory-refund-repository.js';
import { InMemorySceneRepository } from './in-memory-scene-repository.js';
import { InMemorySessionRepository } from './in-memory-session-repository.js';
import type { InMemoryStore, InMemoryTableAccess } from './in-memory-store.js';
import { InMemoryUserRepository } from './in-memory-user-repository.js';
import { InMemoryVerifyCodeRepository } from './in-memory-verify-code-repository.js';
import { InMemoryWechatIdentityRepository } from './in-memory-wechat-identity-repository.js';

/**
 * Every repository over a store: given the store, each operation runs on its own (like statements
 * in autocommit); given a transaction's access, as part of that transaction.
 */
export function inMemoryRepositories(source: InMemoryStore | InMemoryTableAccess): Repositories {
  const access = 'access' in source ? source.access : source;
  return {
    opers: new InMemoryOperRepository(access),
    users: new InMemoryUserRepository(access),
    wechatIdentities: new InMemoryWechatIdentityRepository(access),
    sessions: new InMemorySessionRepository(access),
    verifyCodes: new InMemoryVerifyCodeRepository(access),
    areas: new InMemoryAreaRepository(access),
    categories: new InMemoryCategoryRepository(access),
    merchants: new InMemoryMerchantRepository(access),
    goods: new InMemoryGoodsRepository(access),
    orders: new InMemoryOrderRepository(access),
    refunds: new InMemoryRefundRepository(access),
    scenes: new InMemorySceneRepository(access),
    bridgeTickets: new InMemoryBridgeTicketRepository(access),
    orderGrants: new InMemoryOrderGrantRepository(access),
    purchaseNotices: new InMemoryPurchaseNoticeRepository(access),
    locks: new InMemoryLocks(),
  };
}
