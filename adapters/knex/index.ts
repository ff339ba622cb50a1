// The knex adapter: SQLite and MySQL behind the core's repository ports.
export * from './connect.js';
export * from './migrate.js';
export * from './knex-repositories.js';
export * from './knex-unit-of-work.js';
export * from './knex-oper-writer.js';
export * from './knex-oper-repository.js';
export * from './knex-user-repository.js';
export * from './knex-wechat-identity-repository.js';
export * from './knex-session-repository.js';
export * from './knex-verify-code-repository.js';
export * from './knex-locks.js';
export * from './knex-area-repository.js';
export * from './knex-area-writer.js';
export * from './knex-category-repository.js';
export * from './knex-merchant-repository.js';
export * from './knex-goods-repository.js';
export * from './knex-catalog-writer.js';
