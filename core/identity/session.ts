/** A login token as stored: only its hash is kept, never the token itself. */
export interface Session {
  readonly tokenHash: string;
  readonly operId: number;
  readonly appid: string;
  readonly openId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** How long a token from `/wxLogin` stays valid. */
export const SESSION_TTL_MS = 30 * 24 * 3600_000;
