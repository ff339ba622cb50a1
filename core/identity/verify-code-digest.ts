/**
 * How SMS codes are kept: a keyed one-way digest (HMAC with a key of the deployment), so that a
 * copy of the database reveals no code, and six digits cannot be found by hashing all million of
 * them without the key. The mobile is part of what is digested, so equal codes of two mobiles do
 * not look equal.
 */
export interface VerifyCodeDigest {
  digest(mobile: string, code: string): string;
  /** Whether `code` sent to `mobile` is the one `stored` was made from, compared in constant time. */
  matches(stored: string, mobile: string, code: string): boolean;
}
