import type {
  Area,
  BridgeTicket,
  OrderGrant,
  Category,
  Goods,
  Merchant,
  Oper,
  Order,
  OrderItem,
  PurchaseNotice,
  Refund,
  Scene,
  Session,
  User,
  VerifyCode,
  WechatIdentity,
} from '../../core/index.js';

/** An oper with its bookkeeping times, as the `opers` table holds it. */
export interface OperRecord extends Oper {
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface UserRecord extends User {
  readonly updatedAt: Date;
}

export interface WechatIdentityRecord extends WechatIdentity {
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** When WeChat Pay is next asked about an order or a refund, and how often it was (see CHECK_SCHEDULE). */
export interface CheckRecord {
  readonly checks: number;
  readonly nextCheckAt: Date;
  readonly checkedAt: Date | null;
}

export interface OrderRecord extends Order, CheckRecord {
  readonly updatedAt: Date;
}

export interface RefundRecord extends Refund, CheckRecord {}

export interface OrderItemRecord extends OrderItem {
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A purchase notice with the token of the attempt under way, as `purchase_notices` holds it. */
export interface PurchaseNoticeRecord extends PurchaseNotice {
  readonly claimToken: string | null;
}

/**
 * The data of an {@link InMemoryStore}. Records are immutable: a change replaces the record, so a
 * shallow copy of the maps is a consistent snapshot. Repositories copy records on the way in and
 * out, so no caller ever holds an object that lives here.
 */
export class InMemoryTables {
  readonly opers = new Map<number, OperRecord>();
  readonly users = new Map<number, UserRecord>();
  /** Keyed by {@link identityKey}. */
  readonly wechatIdentities = new Map<string, WechatIdentityRecord>();
  /** Keyed by token hash. */
  readonly sessions = new Map<string, Session>();
  readonly verifyCodes = new Map<number, VerifyCode>();
  readonly areas = new Map<number, Area>();
  readonly categories = new Map<number, Category>();
  readonly merchants = new Map<number, Merchant>();
  readonly goods = new Map<number, Goods>();
  readonly orders = new Map<number, OrderRecord>();
  readonly orderItems = new Map<number, OrderItemRecord>();
  readonly refunds = new Map<number, RefundRecord>();
  readonly scenes = new Map<number, Scene>();
  /** Keyed by ticket hash. */
  readonly bridgeTickets = new Map<string, BridgeTicket>();
  /** Keyed by (token hash, order number). */
  readonly orderGrants = new Map<string, OrderGrant>();
  readonly purchaseNotices = new Map<number, PurchaseNoticeRecord>();
  /** The last id handed out per table, as auto-increment keys do. */
  readonly lastIds = {
    opers: 0,
    users: 0,
    verifyCodes: 0,
    areas: 0,
    categories: 0,
    merchants: 0,
    goods: 0,
    orders: 0,
    orderItems: 0,
    refunds: 0,
    scenes: 0,
    purchaseNotices: 0,
  };

  /** A copy to return to with {@link restore}. */
  snapshot(): InMemoryTables {
    const copy = new InMemoryTables();
    copy.restore(this);
    return copy;
  }

  restore(from: InMemoryTables): void {
    replace(this.opers, from.opers);
    replace(this.users, from.users);
    replace(this.wechatIdentities, from.wechatIdentities);
    replace(this.sessions, from.sessions);
    replace(this.verifyCodes, from.verifyCodes);
    replace(this.areas, from.areas);
    replace(this.categories, from.categories);
    replace(this.merchants, from.merchants);
    replace(this.goods, from.goods);
    replace(this.orders, from.orders);
    replace(this.orderItems, from.orderItems);
    replace(this.refunds, from.refunds);
    replace(this.scenes, from.scenes);
    replace(this.bridgeTickets, from.bridgeTickets);
    replace(this.orderGrants, from.orderGrants);
    replace(this.purchaseNotices, from.purchaseNotices);
    Object.assign(this.lastIds, from.lastIds);
  }
}

function replace<K, V>(target: Map<K, V>, source: Map<K, V>): void {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}

/** Deletes the entries of `map` whose value matches; returns how many (a purge's count). */
export function deleteMatching<K, V>(map: Map<K, V>, matches: (value: V) => boolean): number {
  let deleted = 0;
  for (const [key, value] of map) {
    if (matches(value)) {
      map.delete(key);
      deleted++;
    }
  }
  return deleted;
}

/** The key of a WeChat identity: (appid, openId), unambiguous whatever the strings hold. */
export function identityKey(appid: string, openId: string): string {
  return JSON.stringify([appid, openId]);
}

/** A deep copy (Dates included), so that callers and the store never share an object. */
export function copyOf<T>(value: T): T {
  return structuredClone(value);
}
