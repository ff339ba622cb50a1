import { useGatewayContext } from '../gateway-context.js';
import { describeFailureCases } from './failure-cases.js';
import { describeNotificationCases } from './notification-cases.js';
import { describeRefundCases } from './refund-cases.js';
import { describeTransactionCases } from './transaction-cases.js';
import type { WechatPayContext } from './wechat-pay-context.js';

/**
 * The WechatPay port, method by method, on one adapter. Each group of cases is a function of the
 * context in its own file; a method added to the port adds its group here (and its entry in
 * failure-cases.ts' REMOTE_CALLS when it goes over the wire).
 */
export function describeWechatPayContract(adapterName: string, makeContext: () => Promise<WechatPayContext>): void {
  describe(`WechatPay [${adapterName}]`, () => {
    const context = useGatewayContext(makeContext);
    describeTransactionCases(context);
    describeRefundCases(context);
    describeNotificationCases(context);
    describeFailureCases(context);
  });
}
