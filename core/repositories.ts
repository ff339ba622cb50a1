import type { OperRepository } from './tenancy/oper-repository.js';
import type { SessionRepository } from './identity/session-repository.js';
import type { UserRepository } from './identity/user-repository.js';
import type { VerifyCodeRepository } from './identity/verify-code-repository.js';
import type { WechatIdentityRepository } from './identity/wechat-identity-repository.js';
import type { AreaRepository } from './catalog/area-repository.js';
import type { CategoryRepository } from './catalog/category.js';
import type { GoodsRepository } from './catalog/goods.js';
import type { MerchantRepository } from './catalog/merchant-repository.js';
import type { OrderRepository } from './ordering/order-repository.js';
import type { RefundRepository } from './ordering/refund-repository.js';
import type { SceneRepository } from './bridge/scene-repository.js';
import type { BridgeTicketRepository } from './bridge/bridge-ticket-repository.js';
import type { OrderGrantRepository } from './identity/order-grant-repository.js';
import type { PurchaseNoticeRepository } from './notices/purchase-notice-repository.js';
import type { Locks } from './shared/locks.js';

/** Every repository, bound to one connection or one transaction. */
export interface Repositories {
  readonly opers: OperRepository;
  readonly users: UserRepository;
  readonly wechatIdentities: WechatIdentityRepository;
  readonly sessions: SessionRepository;
  readonly verifyCodes: VerifyCodeRepository;
  readonly areas: AreaRepository;
  readonly categories: CategoryRepository;
  readonly merchants: MerchantRepository;
  readonly goods: GoodsRepository;
  readonly orders: OrderRepository;
  readonly refunds: RefundRepository;
  readonly scenes: SceneRepository;
  readonly bridgeTickets: BridgeTicketRepository;
  readonly orderGrants: OrderGrantRepository;
  readonly purchaseNotices: PurchaseNoticeRepository;
  readonly locks: Locks;
}

/**
 * Runs work in one transaction: all of it is written, or none of it. `work` may be retried by
 * an implementation only if it says so; ours run it once.
 */
export interface UnitOfWork {
  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
