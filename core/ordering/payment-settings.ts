/** How payments are taken: configuration of the ordering use cases. */
export interface PaymentSettings {
  /** An unpaid order is closed this long after it was created (default 30 minutes). */
  readonly payTimeoutMs: number;
  /** Where WeChat Pay sends an oper's payment notifications. */
  paymentNotifyUrl(operId: number): string;
  /** Where WeChat Pay sends an oper's refund notifications. */
  refundNotifyUrl(operId: number): string;
}
