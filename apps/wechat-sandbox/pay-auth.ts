import { PAY_ERRORS, type PayError } from './pay-errors.js';
import { verifyMessage } from './pay-crypto.js';
import type { SandboxMerchant } from './pay-merchants.js';

/** The authentication type of WeChat Pay API v3's Authorization header. */
export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/** The five signature fields of an Authorization header. */
export interface AuthorizationFields {
  readonly mchid: string;
  readonly nonce_str: string;
  readonly signature: string;
  readonly timestamp: string;
  readonly serial_no: string;
}

/** A signed request as the sandbox received it. */
export interface SignedRequest {
  readonly method: string;
  /** WeChat's path, from `/v3/` on, with the query: what `sign_information` shows. */
  readonly path: string;
  /**
   * Every path the client may have signed: the path as it sent it (an SDK whose base URL ends in
   * `/wechat-sandbox` signs that prefix too) and WeChat's path without the mount prefix.
   */
  readonly signablePaths: readonly string[];
  readonly body: string;
  readonly authorization: string | undefined;
}

/** How far a request's timestamp may be from the sandbox's clock. */
export const TIMESTAMP_WINDOW_SECONDS = 300;

const FIELD = /^\s*([a-z_]+)="([^"]*)"\s*$/;
/** WeChat Pay's rule for `nonce_str`: letters and digits, at most 32 of them. */
const NONCE = /^[0-9A-Za-z]{1,32}$/;
const FIELD_NAMES = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const;

/** Reads `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",…` (fields in any order), or null. */
export function parseAuthorization(header: string | undefined): AuthorizationFields | null {
  if (header === undefined || !header.startsWith(`${AUTH_SCHEME} `)) return null;
  const fields: Record<string, string> = {};
  for (const part of header.slice(AUTH_SCHEME.length + 1).split(',')) {
    const match = FIELD.exec(part);
    if (!match || match[1]! in fields) return null;
    fields[match[1]!] = match[2]!;
  }
  if (!FIELD_NAMES.every((name) => (fields[name] ?? '') !== '')) return null;
  return fields as unknown as AuthorizationFields;
}

/**
 * Verifies a request as WeChat Pay does: the merchant enrolled, the serial its certificate's,
 * the timestamp within five minutes, the nonce letters and digits (at most 32), and the signature
 * over `METHOD\nPATH\ntimestamp\nnonce\nbody\n` by the merchant's key, PATH being one of the
 * request's signable paths. Answers the merchant, or the
 * 401 SIGN_ERROR to send.
 */
export function verifySignedRequest(
  request: SignedRequest,
  merchantOf: (mchid: string) => SandboxMerchant | undefined,
  now: Date,
): SandboxMerchant | PayError {
  const fields = parseAuthorization(request.authorization);
  if (!fields || !NONCE.test(fields.nonce_str)) {
    return PAY_ERRORS.signError('Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》');
  }
  const merchant = merchantOf(fields.mchid);
  if (!merchant) return PAY_ERRORS.signError(`商户号${fields.mchid}未在沙箱登记`);
  if (fields.serial_no.toUpperCase() !== merchant.merchantSerial.toUpperCase()) {
    return PAY_ERRORS.signError('商户证书序列号有误。请使用签名私钥匹配的证书序列号');
  }
  const seconds = /^\d{1,12}$/.test(fields.timestamp) ? Number(fields.timestamp) : NaN;
  if (!(Math.abs(now.getTime() / 1000 - seconds) <= TIMESTAMP_WINDOW_SECONDS)) {
    return PAY_ERRORS.signError('Http头Authorization中的timestamp与当前时间相差超过5分钟');
  }
  const messageOver = (path: string) => `${request.method}\n${path}\n${fields.timestamp}\n${fields.nonce_str}\n${request.body}\n`;
  const message = messageOver(request.path);
  if (!request.signablePaths.some((path) => verifyMessage(merchant.merchantPublicKey, messageOver(path), fields.signature))) {
    return PAY_ERRORS.signError('签名错误', {
      detail: { issue: 'sign not match' },
      field: 'signature',
      location: 'authorization',
      sign_information: {
        method: request.method,
        url: request.path,
        sign_message_length: Buffer.byteLength(message, 'utf8'),
        truncated_sign_message: message.length > 160 ? `${message.slice(0, 160)}…` : message,
      },
    });
  }
  return merchant;
}
