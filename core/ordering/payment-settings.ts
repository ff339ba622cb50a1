/** How payments are taken: configuration of the ordering use cases. */
export interface PaymentSettings {
  /** An unpaid order is closed this long after it was created (default 30 minutes). */
  readonly payTimeoutMs: number;
  /** How many unpaid orders (within their pay timeout) a user may hold; beyond, `/order/buy` answers 50004. */
  readonly maxUnpaidOrdersPerUser: number;
  /** Where WeChat Pay sends an oper's payment notifications. */
  paymentNotifyUrl(operId: number): string;
  /** Where WeChat Pay sends an oper's refund notifications. */
  refundNotifyUrl(operId: number): string;
}
