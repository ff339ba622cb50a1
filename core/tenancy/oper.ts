/**
 * An operation centre (运营中心): owns one mini program and one WeChat Pay merchant account.
 * Secrets are carried sealed (encrypted at rest); only the adapters that sign with them open them.
 */
export interface Oper {
  readonly id: number;
  readonly name: string;
  readonly status: OperStatus;
  readonly miniProgram: MiniProgramConfig;
  /** Absent while the oper has no WeChat Pay account configured. */
  readonly pay: WechatPayConfig | null;
}

export const OperStatus = { Enabled: 1, Disabled: 2 } as const;
export type OperStatus = (typeof OperStatus)[keyof typeof OperStatus];

export interface MiniProgramConfig {
  readonly appid: string;
  /** The app secret, sealed. */
  readonly sealedSecret: string;
}

export interface WechatPayConfig {
  readonly mchid: string;
  /** Serial number of the merchant API certificate. */
  readonly merchantSerial: string;
  /** PEM of the merchant private key, sealed. */
  readonly sealedPrivateKey: string;
  /** The API v3 key, sealed. */
  readonly sealedApiV3Key: string;
  /** PEM of WeChat Pay's platform public key, and its id (`Wechatpay-Serial`). */
  readonly platformPublicKey: string;
  readonly platformSerial: string;
}

export function isEnabled(oper: Oper): boolean {
  return oper.status === OperStatus.Enabled;
}
