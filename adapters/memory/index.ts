// The in-memory adapter: the core's repository ports over plain maps, for tests and embedding.
export * from './in-memory-store.js';
export * from './in-memory-repositories.js';
export * from './in-memory-unit-of-work.js';
export * from './in-memory-oper-repository.js';
export * from './in-memory-user-repository.js';
export * from './in-memory-wechat-identity-repository.js';
export * from './in-memory-session-repository.js';
export * from './in-memory-verify-code-repository.js';
export * from './in-memory-locks.js';
export type {
  InMemoryAreaRecord,
  NewInMemoryCategory,
  NewInMemoryGoods,
  NewInMemoryMerchant,
} from './in-memory-catalog-writes.js';
export * from './in-memory-area-repository.js';
export * from './in-memory-category-repository.js';
export * from './in-memory-merchant-repository.js';
export * from './in-memory-goods-repository.js';
export * from './in-memory-order-repository.js';
export * from './in-memory-refund-repository.js';
export * from './in-memory-scene-repository.js';
export * from './in-memory-bridge-ticket-repository.js';
export * from './in-memory-order-grant-repository.js';
