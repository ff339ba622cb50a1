import type { Caller } from '../identity/caller.js';
import type { OrderGrantRepository } from '../identity/order-grant-repository.js';
import { ORDER_GRANT_TTL_MS } from '../identity/order-grant.js';
import { type UserInfo, userInfoOf } from '../identity/user.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Transactional } from '../shared/transactional.js';
import type { SceneRepository } from './scene-repository.js';
import { SceneId } from './scene-id.js';

export interface SceneLogin {
  /** The caller's own user, when its openId is already bound; never the scene's user. */
  readonly userInfo?: UserInfo;
  readonly payload: { readonly user_id: number; readonly order_no: string };
}

/** What a scene login writes, in one transaction. */
export interface SceneLoginRepositories {
  readonly scenes: Pick<SceneRepository, 'findBySceneId' | 'consume'>;
  readonly orderGrants: Pick<OrderGrantRepository, 'add'>;
}

/**
 * `/loginWithSceneId`: in the target oper's mini program, a scene made by the bridge gives the
 * caller's token a grant on the scene's order: `/order/detail` and `/order/pay` of that order
 * work with it. Scanning a code proves nothing about who scans it, so it never binds or rebinds
 * an openId: only `/login` with the SMS code makes the scanning openId the owner's account.
 * Once, within 30 minutes, only in that oper's mini program; anything else is 60001. The scene is
 * used and the grant given in one transaction.
 */
export class LoginWithScene {
  constructor(
    private readonly uow: Transactional<SceneLoginRepositories>,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, sceneId }: { caller: Caller; sceneId: string }): Promise<SceneLogin> {
    const id = SceneId.parse(sceneId);
    const { tokenHash } = caller;
    if (tokenHash === undefined) throw new Error('A scene login needs the caller’s session: authenticate the token first');
    const now = this.clock.now();
    const scene = await this.uow.run(async ({ scenes, orderGrants }) => {
      const found = await scenes.findBySceneId(id.value);
      if (!found || found.operId !== caller.operId || !(await scenes.consume(found.id, now))) throw new DomainError(60001);
      await orderGrants.add({ tokenHash, orderNo: found.orderNo, createdAt: now, expiresAt: new Date(now.getTime() + ORDER_GRANT_TTL_MS) });
      return found;
    });
    const payload = { user_id: scene.userId, order_no: scene.orderNo };
    return caller.user ? { userInfo: userInfoOf(caller.user), payload } : { payload };
  }
}
