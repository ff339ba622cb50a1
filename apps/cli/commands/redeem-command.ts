import { DomainError, ItemStatus, OrderStatus, RefundStatus, formatShanghaiDateTime } from '../../../core/index.js';
import { TOKENS as T } from '../../../adapters/tokens.js';
import type { CliContext, CliOutput } from '../cli-context.js';
import { CommandFailed } from './command-failed.js';
import { ORDER_STATUS_NAMES } from './order-labels.js';

const VERIFY_CODE = /^\d{12}$/;

/**
 * `redeem <verify_code> --merchant <id>`: the shop `merchantId` redeems a code through the RedeemCode
 * use case, as a merchant terminal would: the code becomes used, and the order completed when none
 * of its codes is left unused. A code is only ever redeemed by the merchant that sold it, so the
 * merchant must be named: a code of another merchant reads as unknown, as in the use case. A used
 * or refunded code, or one whose order is being refunded, is refused with the reason.
 */
export async function redeemCommand(context: CliContext, io: CliOutput, verifyCode: string, merchantId: number): Promise<void> {
  if (!VERIFY_CODE.test(verifyCode)) throw new CommandFailed(`verify_code must be 12 digits, not ${JSON.stringify(verifyCode)}`);
  const redeem = context.container.get(T.RedeemCode);
  try {
    const item = await redeem.execute({ verifyCode, merchantId });
    const { orders } = context.container.get(T.Repositories);
    const order = await orders.findById(item.orderId);
    const items = (await orders.itemsOf([item.orderId])).get(item.orderId) ?? [];
    const unused = items.filter((i) => i.status === ItemStatus.Unused).length;
    const state = order?.status === OrderStatus.Completed ? `order ${order.orderNo} completed` : `${unused} code${unused === 1 ? '' : 's'} of order ${order?.orderNo} left unused`;
    io.out(`redeemed ${verifyCode} at merchant ${merchantId} (${order?.goodsName ?? 'goods'}): ${state}`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new CommandFailed(await whyRefused(context, verifyCode, merchantId, error));
  }
}

/** A readable reason for a refused redemption; nothing about codes of other merchants. */
async function whyRefused(context: CliContext, verifyCode: string, merchantId: number, error: DomainError): Promise<string> {
  const refused = `code ${verifyCode} not redeemed`;
  if (error.code === 50001) return `${refused}: merchant ${merchantId} sold no such code`;
  if (error.code !== 50002) return `${refused}: ${error.code} ${error.message}`;
  const { orders, refunds } = context.container.get(T.Repositories);
  const item = await orders.findItemByCode(verifyCode);
  const order = item && (await orders.findById(item.orderId));
  if (!item || !order) return `${refused}: ${error.message}`;
  if (item.status === ItemStatus.Used) {
    return `${refused}: it was already redeemed${item.usedAt ? ` at ${formatShanghaiDateTime(item.usedAt)}` : ''} (order ${order.orderNo})`;
  }
  if (item.status === ItemStatus.Refunded) return `${refused}: it was refunded (order ${order.orderNo}, ${ORDER_STATUS_NAMES[order.status]})`;
  if (order.status === OrderStatus.Paid && (await refunds.latestOf(order.id))?.status === RefundStatus.Processing) {
    return `${refused}: a refund of order ${order.orderNo} has begun`;
  }
  return `${refused}: order ${order.orderNo} is ${ORDER_STATUS_NAMES[order.status]}`;
}
