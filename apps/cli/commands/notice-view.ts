import { NoticeStatus, type Order, type OrderItem, formatShanghaiDateTime, maskMobile, purchaseNoticeMessages } from '../../../core/index.js';
import { TOKENS as T } from '../../../adapters/tokens.js';
import type { CliContext } from '../cli-context.js';

const STATUS_NAMES: Readonly<Record<number, string>> = {
  [NoticeStatus.Pending]: 'pending',
  [NoticeStatus.Sent]: 'sent',
  [NoticeStatus.Failed]: 'failed',
};

/**
 * Where the order's purchase notice stands, for `order`: sent, pending (with its next attempt) or
 * failed (given up), the provider's last error code, the attempts made and the SMS messages sent of
 * those it takes. Never the codes it carries; the mobile masked. Null when the order has none
 * (never paid).
 */
export async function noticeView(context: CliContext, order: Order, items: readonly OrderItem[]) {
  const { purchaseNotices, goods } = context.container.get(T.Repositories);
  const notice = await purchaseNotices.findByOrder(order.id);
  if (!notice) return null;
  const bought = await goods.findById(order.goodsId);
  const codes = [...items].sort((a, b) => a.id - b.id).map((item) => item.verifyCode);
  const parts = bought
    ? purchaseNoticeMessages(
        { orderNo: order.orderNo, goodsName: order.goodsName, buyNumber: order.buyNumber, endDate: bought.endDate, codes },
        context.config.purchaseNoticePolicy.maxParamLength,
      ).length
    : null;
  return {
    status: STATUS_NAMES[notice.status] ?? String(notice.status),
    mobile: maskMobile(notice.mobile),
    sms_sent: `${notice.sentParts}/${parts ?? "?"}`,
    attempts: notice.attempts,
    next_attempt_at: notice.status === NoticeStatus.Pending ? formatShanghaiDateTime(notice.nextAttemptAt) : null,
    last_error: notice.lastError,
    created_at: formatShanghaiDateTime(notice.createdAt),
    sent_at: notice.sentAt ? formatShanghaiDateTime(notice.sentAt) : null,
  };
}
