import type { Authenticate } from '../identity/authenticate.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Random } from '../shared/random.js';
import type { Repositories } from '../shared/repositories.js';
import { isOwnedBy, isPayable } from '../ordering/order.js';
import { isEnabled, type Oper } from '../tenancy/oper.js';
import type { MiniProgramCodes } from './mini-program-codes.js';
import { SCENE_TTL_MS, type Scene } from './scene.js';

export interface CreateBridgeSceneInput {
  /** The caller's token from the first mini program. */
  readonly token: string | null;
  readonly targetOperId: number;
  readonly orderNo: string;
  readonly userId: number;
  readonly page: string;
}

export interface BridgeCode {
  readonly scene: Scene;
  readonly oper: Oper;
  /** The mini-program code: PNG (or JPEG) bytes. */
  readonly png: Uint8Array;
}

/** Scene ids are 32 random digits: inside WeChat's `[0-9A-Za-z]{1,32}`, ~106 bits. */
const SCENE_ID_DIGITS = 32;

/**
 * The H5 bridge: a fresh scene and the target mini program's code carrying it. Nobody can mint a
 * login for someone else: the token must be valid (10007) and belong to `userId`, who must own
 * the order (50001), whose oper must be the target (50003); the order must still be payable:
 * unpaid and within its pay timeout (50002).
 */
export class CreateBridgeScene {
  constructor(
    private readonly repositories: Repositories,
    private readonly authenticate: Authenticate,
    private readonly codes: MiniProgramCodes,
    private readonly random: Random,
    private readonly clock: Clock,
    /** An order past its pay timeout cannot be paid any more (50002), so it gets no scene either. */
    private readonly payTimeoutMs: number,
  ) {}

  async execute(input: CreateBridgeSceneInput): Promise<BridgeCode> {
    const caller = await this.authenticate.execute({ token: input.token, requestAppid: null });
    if (!caller.user) throw new DomainError(10003);
    if (caller.user.id !== input.userId) throw new DomainError(10007, 'token 与 userId 不符');
    const order = await this.repositories.orders.findByNo(input.orderNo);
    if (!order || !isOwnedBy(order, input.userId)) throw new DomainError(50001);
    if (order.operId !== input.targetOperId) throw new DomainError(50003);
    const now = this.clock.now();
    if (!isPayable(order, now, this.payTimeoutMs)) throw new DomainError(50002);
    const oper = await this.repositories.opers.findById(input.targetOperId);
    if (!oper || !isEnabled(oper)) throw new DomainError(70011);

    const scene = await this.repositories.scenes.add({
      sceneId: this.random.digits(SCENE_ID_DIGITS),
      operId: oper.id,
      userId: input.userId,
      orderNo: order.orderNo,
      page: input.page,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SCENE_TTL_MS),
    });
    const png = await this.codes.unlimited(oper, { scene: scene.sceneId, page: scene.page });
    return { scene, oper, png };
  }
}
