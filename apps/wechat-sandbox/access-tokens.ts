import { randomBytes, randomInt } from 'node:crypto';

/** How long WeChat's access tokens live, in seconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 7_200;
/**
 * In normal mode WeChat issues a new stable token once the current one has at most 5 minutes
 * left (of 7 200 s: 1/24 of its life); the old one stays valid until it expires.
 */
const REFRESH_AHEAD_SHARE = 300 / ACCESS_TOKEN_TTL_SECONDS;
/** Force-refresh calls closer than this to the previous one do not refresh. */
export const FORCE_REFRESH_INTERVAL_SECONDS = 30;
/** Tokens expired longer ago than this are forgotten (then they read as unknown, 40001). */
const FORGET_AFTER_MS = 24 * 3_600_000;

/** What getStableAccessToken answers, and whether this call issued the token. */
export interface StableTokenGrant {
  readonly access_token: string;
  /** Seconds of validity left, rounded down. */
  readonly expires_in: number;
  readonly issued: boolean;
}

/** Whether an access token may be used now, and for which mini program. */
export type TokenCheck =
  | { readonly valid: true; readonly appid: string }
  | { readonly valid: false; readonly why: 'unknown' | 'expired' | 'revoked' };

interface IssuedToken {
  readonly token: string;
  readonly appid: string;
  readonly expiresAt: number;
  revoked: boolean;
}

/**
 * The access tokens the sandbox issued, with getStableAccessToken's documented semantics:
 * - normal mode answers the app's current token, with the seconds it has left, until it has
 *   at most 5 minutes (1/24 of its lifetime) left; then a new one, the old one staying valid
 *   until it expires, so an answer is always valid for at least that long;
 * - force mode (`force_refresh: true`) invalidates the current token at once and issues a new
 *   one; a force refresh within 30 s of the app's previous one does not refresh (the current
 *   token is answered), as WeChat documents.
 * The daily limits (500 000 calls, 20 force refreshes) are not enforced.
 */
export class AccessTokens {
  private readonly byToken = new Map<string, IssuedToken>();
  private readonly current = new Map<string, IssuedToken>();
  private readonly lastForcedAt = new Map<string, number>();
  private readonly ttlMs: number;

  constructor(
    ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
      throw new Error(`tokenTtlSeconds must be a positive number, got ${ttlSeconds}`);
    }
    this.ttlMs = ttlSeconds * 1_000;
  }

  /** getStableAccessToken for `appid` (its credentials already checked). */
  stable(appid: string, forceRefresh: boolean): StableTokenGrant {
    const now = this.now().getTime();
    const current = this.current.get(appid);
    const live = current !== undefined && !current.revoked && current.expiresAt > now ? current : undefined;
    if (live && forceRefresh) {
      const last = this.lastForcedAt.get(appid);
      if (last !== undefined && now - last < FORCE_REFRESH_INTERVAL_SECONDS * 1_000) return grant(live, now, false);
      live.revoked = true;
    } else if (live && live.expiresAt - now > this.ttlMs * REFRESH_AHEAD_SHARE) {
      return grant(live, now, false);
    }
    if (forceRefresh) this.lastForcedAt.set(appid, now);
    return grant(this.issue(appid, now), now, true);
  }

  /** Whether `token` may be used now. */
  check(token: string): TokenCheck {
    const issued = this.byToken.get(token);
    if (!issued) return { valid: false, why: 'unknown' };
    if (issued.revoked) return { valid: false, why: 'revoked' };
    if (issued.expiresAt <= this.now().getTime()) return { valid: false, why: 'expired' };
    return { valid: true, appid: issued.appid };
  }

  private issue(appid: string, now: number): IssuedToken {
    for (const [token, issued] of this.byToken) {
      if (issued.expiresAt < now - FORGET_AFTER_MS) this.byToken.delete(token);
    }
    const issued: IssuedToken = { token: newAccessToken(), appid, expiresAt: now + this.ttlMs, revoked: false };
    this.byToken.set(issued.token, issued);
    this.current.set(appid, issued);
    return issued;
  }
}

function grant(issued: IssuedToken, now: number, fresh: boolean): StableTokenGrant {
  return {
    access_token: issued.token,
    expires_in: Math.floor((issued.expiresAt - now) / 1_000),
    issued: fresh,
  };
}

/** A token shaped like WeChat's: a two-digit number, `_`, then 136 characters of base64url. */
function newAccessToken(): string {
  return `${randomInt(10, 100)}_${randomBytes(102).toString('base64url')}`;
}

/** The first characters of a token, all the call log keeps of it. */
export function tokenPrefix(token: string): string {
  return token.slice(0, 8);
}
