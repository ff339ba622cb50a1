import { DomainError } from '../shared/domain-error.js';
import type { User } from './user.js';

/** Who is calling: the mini program (and so the oper) of the token, the openId, and the user if bound. */
export interface Caller {
  readonly operId: number;
  readonly appid: string;
  readonly openId: string;
  readonly user: User | null;
}

/** The caller's user, or 10003: the client must bind a phone with `/login` first. */
export function requireUser(caller: Caller): User {
  if (!caller.user) throw new DomainError(10003);
  return caller.user;
}
