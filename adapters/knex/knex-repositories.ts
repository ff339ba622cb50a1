import type { Knex } from 'knex';
import type { Repositories } from '../../core/index.js';
import { KnexAreaRepository } from './knex-area-repository.js';
import { KnexBridgeTicketRepository } from './knex-bridge-ticket-repository.js';
import { KnexOrderGrantRepository } from './knex-order-grant-repository.js';
import { KnexCategoryRepository } from './knex-category-repository.js';
import { KnexGoodsRepository } from './knex-goods-repository.js';
import { KnexLocks } from './knex-locks.js';
import { type KeywordIndex, KnexMerchantRepository, type MerchantTotals, type NearbyIndex } from './knex-merchant-repository.js';
import { KnexOperRepository } from './knex-oper-repository.js';
import { KnexOrderRepository } from './knex-order-repository.js';
import { KnexPurchaseNoticeRepository } from './knex-purchase-notice-repository.js';
import { KnexRefundRepository } from './knex-refund-repository.js';
import { KnexSceneRepository } from './knex-scene-repository.js';
import { KnexSessionRepository } from './knex-session-repository.js';
import { KnexUserRepository } from './knex-user-repository.js';
import { KnexVerifyCodeRepository } from './knex-verify-code-repository.js';
import { KnexWechatIdentityRepository } from './knex-wechat-identity-repository.js';

/** What the app may share between the repositories it makes (caches that outlive one request). */
export interface KnexRepositoryOptions {
  readonly merchantTotals?: MerchantTotals;
  readonly merchantPoints?: NearbyIndex;
  readonly merchantKeywords?: KeywordIndex;
}

/** Every repository over one knex instance (each statement on its own) or one transaction. */
export function knexRepositories(db: Knex | Knex.Transaction, options: KnexRepositoryOptions = {}): Repositories {
  return {
    opers: new KnexOperRepository(db),
    users: new KnexUserRepository(db),
    wechatIdentities: new KnexWechatIdentityRepository(db),
    sessions: new KnexSessionRepository(db),
    verifyCodes: new KnexVerifyCodeRepository(db),
    areas: new KnexAreaRepository(db),
    categories: new KnexCategoryRepository(db),
    merchants: new KnexMerchantRepository(db, options.merchantTotals, options.merchantPoints ?? null, options.merchantKeywords ?? null),
    goods: new KnexGoodsRepository(db),
    orders: new KnexOrderRepository(db),
    refunds: new KnexRefundRepository(db),
    scenes: new KnexSceneRepository(db),
    bridgeTickets: new KnexBridgeTicketRepository(db),
    orderGrants: new KnexOrderGrantRepository(db),
    purchaseNotices: new KnexPurchaseNoticeRepository(db),
    locks: new KnexLocks(db),
  };
}
