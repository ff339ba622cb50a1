import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Random, SecretHasher } from '../shared/random.js';
import type { OrderRepository } from '../ordering/order-repository.js';
import { isOwnedBy, isPayable } from '../ordering/order.js';
import type { OperRepository } from '../tenancy/oper-repository.js';
import { isEnabled, type Oper } from '../tenancy/oper.js';
import type { BridgeTicketRepository } from './bridge-ticket-repository.js';
import type { MiniProgramCodes } from './mini-program-codes.js';
import type { SceneRepository } from './scene-repository.js';
import { SceneId } from './scene-id.js';
import { SCENE_TTL_MS, type Scene } from './scene.js';

export interface CreateBridgeSceneInput {
  /** The ticket from `/order/bridge`, as the page's address carries it. */
  readonly ticket: string | null;
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

/** What the bridge page reads and writes. */
export interface CreateBridgeScenePorts {
  readonly bridgeTickets: Pick<BridgeTicketRepository, 'findByHash'>;
  readonly orders: Pick<OrderRepository, 'findByNo'>;
  readonly opers: Pick<OperRepository, 'findById'>;
  readonly scenes: Pick<SceneRepository, 'add'>;
}

/** Refused tickets all read the same, whichever part did not match. */
const TICKET_REFUSED = '支付链接无效或已过期，请返回小程序重新发起支付';

/**
 * The H5 bridge: a fresh scene and the target mini program's code carrying it, each time the page
 * is opened while its ticket lives. Nobody can mint a login for someone else: the ticket must be
 * unexpired and match the user, the order and the target oper (10007 otherwise, whichever part
 * differs); the order must still be that user's (50001) and payable: unpaid and within its pay
 * timeout (50002).
 */
export class CreateBridgeScene {
  constructor(
    private readonly ports: CreateBridgeScenePorts,
    private readonly codes: MiniProgramCodes,
    private readonly random: Random,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
    private readonly payTimeoutMs: number,
  ) {}

  async execute(input: CreateBridgeSceneInput): Promise<BridgeCode> {
    const now = this.clock.now();
    const found = input.ticket ? await this.ports.bridgeTickets.findByHash(this.hasher.hash(input.ticket)) : null;
    const matches =
      found !== null &&
      found.expiresAt.getTime() > now.getTime() &&
      found.userId === input.userId &&
      found.orderNo === input.orderNo &&
      found.operId === input.targetOperId;
    if (!matches) throw new DomainError(10007, TICKET_REFUSED);
    const order = await this.ports.orders.findByNo(input.orderNo);
    if (!order || !isOwnedBy(order, input.userId)) throw new DomainError(50001);
    if (order.operId !== input.targetOperId) throw new DomainError(50003);
    if (!isPayable(order, now, this.payTimeoutMs)) throw new DomainError(50002);
    const oper = await this.ports.opers.findById(input.targetOperId);
    if (!oper || !isEnabled(oper)) throw new DomainError(70011);

    const scene = await this.ports.scenes.add({
      sceneId: SceneId.next(this.random).value,
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
