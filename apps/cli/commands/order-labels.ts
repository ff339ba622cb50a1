import { ItemStatus, OrderStatus, RefundStatus } from '../../../core/index.js';

/** How the CLI names states: the seed's number and its meaning. */
export const ORDER_STATUS_NAMES: Readonly<Record<number, string>> = {
  [OrderStatus.Unpaid]: '1 unpaid (未支付)',
  [OrderStatus.Cancelled]: '2 cancelled (已取消)',
  [OrderStatus.Closed]: '3 closed (已关闭)',
  [OrderStatus.Paid]: '4 paid (已付款)',
  [OrderStatus.Refunded]: '6 refunded (已退款)',
  [OrderStatus.Completed]: '7 completed (已完成)',
};

export const ITEM_STATUS_NAMES: Readonly<Record<number, string>> = {
  [ItemStatus.Unused]: '1 unused (未核销)',
  [ItemStatus.Used]: '2 used (已核销)',
  [ItemStatus.Refunded]: '3 refunded (已退款)',
};

export const REFUND_STATUS_NAMES: Readonly<Record<number, string>> = {
  [RefundStatus.Processing]: '1 processing',
  [RefundStatus.Succeeded]: '2 succeeded',
  [RefundStatus.Failed]: '3 failed',
};
