import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** How far `X-TC-Timestamp` may be from the sandbox's clock (Tencent: five minutes). */
export const TC3_MAX_SKEW_SECONDS = 300;

/** The product whose requests the sandbox verifies (the credential scope's service). */
const SERVICE = 'sms';

/**
 * Tencent Cloud's side of TC3-HMAC-SHA256, written from the documentation apart from any client:
 * rebuilds the canonical request (the URI path as requested, empty query for a POST, the signed
 * headers as received, `host` without a port as Tencent's SDK signs it, the body's SHA-256), the
 * string to sign and the key derived for the `sms` service, and compares signatures in constant
 * time. Returns null when the request's Authorization is right, else Tencent's error code.
 */
export function tc3Refusal(
  secrets: Readonly<Record<string, string>>,
  request: { readonly method: string; readonly path: string; readonly headers: IncomingHttpHeaders; readonly body: string },
  nowSeconds?: number,
): string | null {
  const { method, path, headers, body } = request;
  const header = headers.authorization ?? '';
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(header);
  if (!match) return 'AuthFailure.InvalidAuthorization';
  const [, secretId, date, service, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
  const secretKey = secrets[secretId];
  if (secretKey === undefined) return 'AuthFailure.SecretIdNotFound';
  if (service !== SERVICE) return 'AuthFailure.SignatureFailure';
  const rawTimestamp = String(headers['x-tc-timestamp'] ?? '');
  if (!/^\d{1,12}$/.test(rawTimestamp)) return 'AuthFailure.InvalidAuthorization';
  const timestamp = Number(rawTimestamp);
  if (nowSeconds !== undefined && Math.abs(nowSeconds - timestamp) > TC3_MAX_SKEW_SECONDS) return 'AuthFailure.SignatureExpire';
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return 'AuthFailure.InvalidAuthorization';
  const names = signedHeaders.split(';');
  if (!names.includes('content-type') || !names.includes('host')) return 'AuthFailure.InvalidAuthorization';
  if ([...names].sort().join(';') !== signedHeaders) return 'AuthFailure.InvalidAuthorization';

  let canonical = `${method}\n${path}\n\n`;
  for (const name of names) {
    const value = String(headers[name] ?? '').trim().toLowerCase();
    canonical += `${name}:${name === 'host' ? value.replace(/:\d+$/, '') : value}\n`;
  }
  canonical += `\n${signedHeaders}\n${createHash('sha256').update(Buffer.from(body, 'utf8')).digest('hex')}`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${createHash('sha256').update(canonical).digest('hex')}`;
  let key: Buffer = Buffer.from(`TC3${secretKey}`, 'utf8');
  for (const part of [date, service, 'tc3_request']) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(toSign).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? null : 'AuthFailure.SignatureFailure';
}
