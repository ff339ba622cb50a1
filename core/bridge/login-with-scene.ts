import type { Caller } from '../identity/caller.js';
import { type UserInfo, userInfoOf } from '../identity/user.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { UnitOfWork } from '../shared/repositories.js';
import { SCENE_ID_PATTERN } from './scene.js';

export interface SceneLogin {
  readonly userInfo: UserInfo;
  readonly payload: { readonly user_id: number; readonly order_no: string };
}

/**
 * `/loginWithSceneId`: in the target oper's mini program, a scene made by the bridge logs the
 * caller's openId in as the scene's user. Once, within 30 minutes, only in that oper's mini
 * program; anything else is 60001. The scene is used and the openId bound in one transaction.
 */
export class LoginWithScene {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, sceneId }: { caller: Caller; sceneId: string }): Promise<SceneLogin> {
    if (!SCENE_ID_PATTERN.test(sceneId)) throw new DomainError(60001);
    const now = this.clock.now();
    const { user, orderNo } = await this.uow.run(async ({ scenes, users, wechatIdentities }) => {
      const scene = await scenes.findBySceneId(sceneId);
      if (!scene || scene.operId !== caller.operId || !(await scenes.consume(scene.id, now))) throw new DomainError(60001);
      const owner = await users.findById(scene.userId);
      if (!owner) throw new DomainError(60001);
      await wechatIdentities.bind(caller.appid, caller.openId, owner.id, now);
      return { user: owner, orderNo: scene.orderNo };
    });
    return { userInfo: userInfoOf(user), payload: { user_id: user.id, order_no: orderNo } };
  }
}
