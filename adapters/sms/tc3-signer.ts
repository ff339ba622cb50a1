import { createHash, createHmac } from 'node:crypto';

const ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3Credentials {
  readonly secretId: string;
  readonly secretKey: string;
}

/** One Tencent Cloud API 3.0 request, as far as the signature covers it. */
export interface Tc3Request {
  /** The product in the credential scope: `sms`, `cvm`, … */
  readonly service: string;
  /** `X-TC-Timestamp`, seconds since the epoch; the scope's date is its UTC date. */
  readonly timestamp: number;
  /** Defaults to `POST`. */
  readonly method?: 'GET' | 'POST';
  /** The URI path requested: `/` for Tencent Cloud's endpoints, which serve the API at their root. */
  readonly path?: string;
  /** The URL-encoded query string of a GET; empty for a POST. */
  readonly query?: string;
  /** The headers to sign, exactly as sent; must include `content-type` and `host`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent (empty for a GET). */
  readonly payload: string;
}

/** The signature and the intermediate strings the documentation publishes. */
export interface Tc3Signature {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
  /** The `Authorization` header value. */
  readonly authorization: string;
}

/**
 * Signs Tencent Cloud API 3.0 requests with TC3-HMAC-SHA256: canonical request, string to sign,
 * a key derived from `TC3` + SecretKey over date, service and `tc3_request`, then the
 * `Authorization` header. The SecretKey stays in a private field.
 */
export class Tc3Signer {
  readonly #secretId: string;
  readonly #secretKey: string;

  constructor(credentials: Tc3Credentials) {
    this.#secretId = credentials.secretId;
    this.#secretKey = credentials.secretKey;
  }

  sign(request: Tc3Request): Tc3Signature {
    const headers = Object.entries(request.headers)
      .map(([name, value]) => [name.trim().toLowerCase(), value.trim().toLowerCase()] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const names = headers.map(([name]) => name);
    if (!names.includes('content-type') || !names.includes('host')) {
      throw new Error('TC3: content-type and host must be signed');
    }
    const signedHeaders = names.join(';');
    const canonicalRequest = [
      request.method ?? 'POST',
      request.path ?? '/',
      request.query ?? '',
      headers.map(([name, value]) => `${name}:${value}\n`).join(''),
      signedHeaders,
      sha256Hex(request.payload),
    ].join('\n');

    const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
    const scope = `${date}/${request.service}/tc3_request`;
    const stringToSign = [ALGORITHM, String(request.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');

    const secretDate = hmac(`TC3${this.#secretKey}`, date);
    const secretService = hmac(secretDate, request.service);
    const secretSigning = hmac(secretService, 'tc3_request');
    const signature = hmac(secretSigning, stringToSign).toString('hex');

    const authorization =
      `${ALGORITHM} Credential=${this.#secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return { canonicalRequest, stringToSign, signature, authorization };
  }
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest();
}
