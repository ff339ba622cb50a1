import { DomainError } from '../shared/domain-error.js';
import type { User } from './user.js';

/** Who is calling: the mini program (and so the oper) of the token, the openId, and the user if bound. */
export interface Caller {
  readonly operId: number;
  readonly appid: string;
  readonly openId: string;
  readonly user: User | null;
  /**
   * The stored hash of the caller's token: what scene logins attach order grants to, and what the
   * per-token SMS cap counts. Absent for a caller made without a session (embedders, unit tests),
   * which then holds no grant.
   */
  readonly tokenHash?: string;
}

/** The caller's user, or 10003: the client must bind a phone with `/login` first. */
export function requireUser(caller: Caller): User {
  if (!caller.user) throw new DomainError(10003);
  return caller.user;
}
