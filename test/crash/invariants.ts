import type { Knex } from 'knex';

/** Statuses in which an order holds its units of a limited stock: unpaid, paid, refunded, completed. */
const HOLDING = [1, 4, 6, 7];
/** Statuses in which an order has been paid. */
const PAID = [4, 6, 7];

/**
 * What must hold over the whole database after any crash and restart, whatever was in flight:
 * no order half-paid (a paid order has its pay time and exactly one code per unit, an unpaid one
 * none), no code issued twice, no refund beyond what was paid, and for each goods with a stock
 * limit, stock + units held by orders = the stock it started with. Returns what is violated.
 */
export async function violatedInvariants(db: Knex, initialStock: ReadonlyMap<number, number>): Promise<string[]> {
  const problems: string[] = [];
  const orders: Array<{ id: number; order_no: string; status: number; buy_number: number; pay_time: unknown; pay_price: number; goods_id: number }> =
    await db('orders').select('id', 'order_no', 'status', 'buy_number', 'pay_time', 'pay_price', 'goods_id');
  const items: Array<{ order_id: number; verify_code: string }> = await db('order_items').select('order_id', 'verify_code');
  const itemsOf = new Map<number, number>();
  for (const item of items) itemsOf.set(item.order_id, (itemsOf.get(item.order_id) ?? 0) + 1);
  for (const order of orders) {
    const codes = itemsOf.get(order.id) ?? 0;
    if (PAID.includes(order.status) && (order.pay_time === null || codes !== order.buy_number)) {
      problems.push(`order ${order.order_no} is paid (status ${order.status}) with ${codes} codes for ${order.buy_number} units, pay_time ${String(order.pay_time)}`);
    }
    if (!PAID.includes(order.status) && codes > 0) problems.push(`order ${order.order_no} is not paid (status ${order.status}) yet has ${codes} codes`);
  }
  if (new Set(items.map((i) => i.verify_code)).size !== items.length) problems.push('a verification code was issued twice');
  const refunded: Array<{ order_no: string; total: number | string }> = await db('refunds')
    .whereIn('status', [1, 2])
    .groupBy('order_no')
    .select('order_no')
    .sum({ total: 'amount' });
  for (const { order_no, total } of refunded) {
    const order = orders.find((o) => o.order_no === order_no);
    if (!order || Number(total) > Number(order.pay_price)) problems.push(`order ${order_no} has ${String(total)} refunded of ${String(order?.pay_price)}`);
  }
  for (const [goodsId, initial] of initialStock) {
    const { stock } = await db('goods').where({ id: goodsId }).first('stock');
    const held = orders.filter((o) => o.goods_id === goodsId && HOLDING.includes(o.status)).reduce((sum, o) => sum + o.buy_number, 0);
    if (Number(stock) + held !== initial) problems.push(`goods ${goodsId}: stock ${String(stock)} + held ${held} is not the initial ${initial}`);
  }
  return problems;
}

interface SandboxTransaction {
  readonly out_trade_no: string;
  readonly trade_state: string;
  readonly refunds: ReadonlyArray<{ readonly out_refund_no: string; readonly status: string; readonly amount: { readonly refund: number } }>;
}

/**
 * Where the database and WeChat Pay (the sandbox's ledger, `GET /pay/transactions`) disagree once
 * everything is settled: a transaction WeChat took the money for whose order is not paid (or was
 * refunded, or the reverse), a refund WeChat paid that is not recorded succeeded (or the reverse),
 * or more refunded at WeChat than the order's price. Returns the disagreements.
 */
export async function disagreementsWithWechatPay(db: Knex, sandboxUrl: string): Promise<string[]> {
  const ledger = (await (await fetch(`${sandboxUrl}/wechat-sandbox/pay/transactions`)).json()) as SandboxTransaction[];
  const problems: string[] = [];
  for (const tx of ledger) {
    const order = await db('orders').where({ order_no: tx.out_trade_no }).first('status', 'pay_price');
    if (!order) continue; // a transaction of another database's order (the sandbox outlives none of them here)
    const taken = tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND';
    if (taken !== PAID.includes(order.status)) problems.push(`order ${tx.out_trade_no}: WeChat says ${tx.trade_state}, the order is status ${order.status}`);
    const paidBack = tx.refunds.filter((r) => r.status === 'SUCCESS');
    const refunded = paidBack.reduce((sum, r) => sum + r.amount.refund, 0);
    if (refunded > Number(order.pay_price)) problems.push(`order ${tx.out_trade_no}: WeChat refunded ${refunded} of ${String(order.pay_price)}`);
    const recorded: string[] = await db('refunds').where({ order_no: tx.out_trade_no, status: 2 }).pluck('out_refund_no');
    const atWechat = paidBack.map((r) => r.out_refund_no);
    if ([...recorded].sort().join() !== [...atWechat].sort().join()) {
      problems.push(`order ${tx.out_trade_no}: refunds succeeded at WeChat [${atWechat.join()}], recorded [${recorded.join()}]`);
    }
    if (atWechat.length > 0 && order.status !== 6) problems.push(`order ${tx.out_trade_no}: refunded at WeChat, the order is status ${order.status}`);
  }
  return problems;
}
