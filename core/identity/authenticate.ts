import { DomainError } from '../shared/domain-error.js';
import type { Clock } from '../shared/clock.js';
import type { SecretHasher } from '../shared/random.js';
import type { OperRepository } from '../tenancy/oper-repository.js';
import { isEnabled } from '../tenancy/oper.js';
import type { Caller } from './caller.js';
import type { SessionRepository } from './session-repository.js';

export interface AuthenticateInput {
  readonly token: string | null;
  /** The appid the request says it comes from (Referer, User-Agent), if it says. */
  readonly requestAppid: string | null;
}

/** What resolving a token reads. */
export interface AuthenticatePorts {
  readonly sessions: Pick<SessionRepository, 'findSignedIn'>;
  readonly opers: Pick<OperRepository, 'findById'>;
}

/**
 * Resolves a token into the {@link Caller}, with its hash (grants hang on it). 10007: no
 * token, unknown or expired. 70010: the token was issued in another mini program than the request
 * comes from, or its openId is gone. 70011: the oper of the token's mini program is disabled.
 */
export class Authenticate {
  constructor(
    private readonly ports: AuthenticatePorts,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
  ) {}

  async execute({ token, requestAppid }: AuthenticateInput): Promise<Caller> {
    if (!token) throw new DomainError(10007);
    const { sessions, opers } = this.ports;
    const tokenHash = this.hasher.hash(token);
    const signedIn = await sessions.findSignedIn(tokenHash);
    if (!signedIn || signedIn.session.expiresAt.getTime() <= this.clock.now().getTime()) throw new DomainError(10007);
    const { session, identity, user } = signedIn;
    if (requestAppid !== null && requestAppid !== session.appid) throw new DomainError(70010);
    if (!identity) throw new DomainError(70010);
    const oper = await opers.findById(session.operId);
    if (!oper || !isEnabled(oper) || oper.miniProgram.appid !== session.appid) throw new DomainError(70011);
    return { operId: oper.id, appid: session.appid, openId: session.openId, user: identity.userId === null ? null : user, tokenHash };
  }
}
