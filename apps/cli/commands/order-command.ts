import {
  DomainError,
  type Order,
  type OrderItem,
  type Refund,
  formatFen,
  formatShanghaiDateTime,
  maskMobile,
} from '../../../core/index.js';
import { TOKENS as T } from '../../../adapters/tokens.js';
import type { CliContext, CliOutput } from '../cli-context.js';
import { CommandFailed } from './command-failed.js';
import { noticeView } from './notice-view.js';
import { ITEM_STATUS_NAMES, ORDER_STATUS_NAMES, REFUND_STATUS_NAMES } from './order-labels.js';

/** What WeChat Pay says of the order's transaction, or why it could not be asked. */
type PayView =
  | { readonly trade_state: string; readonly transaction_id: string | null; readonly amount: string | null; readonly success_time: string | null }
  | { readonly error: string };

/**
 * `order <order_no>`: the order, its verification codes, its refund attempts, its purchase notice
 * (the SMS after payment: its state, never its content) and WeChat Pay's view of its transaction
 * (a query to the owning oper's merchant account). Mobiles are masked.
 * Exit code 1 when there is no such order, or when WeChat Pay could not be asked (the rest is
 * printed first).
 */
export async function orderCommand(context: CliContext, io: CliOutput, orderNo: string, options: { json?: boolean }): Promise<void> {
  if (!/^\d{1,32}$/.test(orderNo)) throw new CommandFailed(`order_no must be at most 32 digits, not ${JSON.stringify(orderNo)}`);
  const { orders, refunds, opers } = context.container.get(T.Repositories);
  const order = await orders.findByNo(orderNo);
  if (!order) throw new CommandFailed(`no order ${orderNo}`);
  const items = (await orders.itemsOf([order.id])).get(order.id) ?? [];
  const attempts = await refunds.listOf(order.id);
  const oper = await opers.findById(order.operId);
  let pay: PayView;
  if (!oper?.pay) {
    pay = { error: `oper ${order.operId} has no WeChat Pay merchant account` };
  } else {
    try {
      const { tradeState, payment } = await context.container.get(T.WechatPay).query(oper, order.orderNo);
      pay = {
        trade_state: tradeState,
        transaction_id: payment?.transactionId ?? null,
        amount: payment ? formatFen(payment.amountFen) : null,
        success_time: payment?.successTime ? formatShanghaiDateTime(payment.successTime) : null,
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      pay = { error: `query failed: ${error.code} ${error.message}` };
    }
  }
  const notice = await noticeView(context, order, items);
  const view = { order: orderView(order), codes: items.map(itemView), refunds: attempts.map(refundView), purchase_notice: notice, wechat_pay: pay };
  if (options.json) io.out(JSON.stringify(view, null, 2));
  else printView(io, view);
  if ('error' in pay) throw new CommandFailed(`WeChat Pay: ${pay.error}`);
}

const time = (at: Date | null) => (at ? formatShanghaiDateTime(at) : null);

function orderView(order: Order) {
  return {
    order_no: order.orderNo,
    status: ORDER_STATUS_NAMES[order.status] ?? String(order.status),
    oper_id: order.operId,
    user_id: order.userId,
    notify_mobile: order.notifyMobile ? maskMobile(order.notifyMobile) : null,
    merchant: `${order.merchantId} ${order.merchantName}`,
    goods: `${order.goodsId} ${order.goodsName}`,
    price: formatFen(order.price),
    buy_number: order.buyNumber,
    pay_price: formatFen(order.payPrice),
    created_at: time(order.createdAt),
    pay_time: time(order.payTime),
    transaction_id: order.transactionId,
    refund_price: order.refundPrice === null ? null : formatFen(order.refundPrice),
    refund_time: time(order.refundTime),
  };
}

function itemView(item: OrderItem) {
  return { verify_code: item.verifyCode, status: ITEM_STATUS_NAMES[item.status] ?? String(item.status), used_at: time(item.usedAt) };
}

function refundView(refund: Refund) {
  return {
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    amount: formatFen(refund.amount),
    status: REFUND_STATUS_NAMES[refund.status] ?? String(refund.status),
    created_at: time(refund.createdAt),
    updated_at: time(refund.updatedAt),
  };
}

function printView(io: CliOutput, view: { order: object; codes: object[]; refunds: object[]; purchase_notice: object | null; wechat_pay: object }): void {
  const fields = (entry: object) =>
    Object.entries(entry)
      .filter(([, value]) => value !== null)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join('  ');
  io.out('order');
  for (const [key, value] of Object.entries(view.order)) io.out(`  ${key.padEnd(15)}${value === null ? '-' : String(value)}`);
  io.out(`codes (${view.codes.length})`);
  for (const code of view.codes) io.out(`  ${fields(code)}`);
  io.out(`refunds (${view.refunds.length})`);
  for (const refund of view.refunds) io.out(`  ${fields(refund)}`);
  io.out('purchase notice');
  io.out(`  ${view.purchase_notice ? fields(view.purchase_notice) : 'none (sent once the order is paid)'}`);
  io.out('wechat pay');
  io.out(`  ${fields(view.wechat_pay)}`);
}
