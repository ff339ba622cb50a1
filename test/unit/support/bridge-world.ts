import {
  Authenticate,
  type Caller,
  CreateBridgeScene,
  LoginWithScene,
  MintBridgeTicket,
  type Order,
  type Scene,
  type User,
} from '../../../core/index.js';
import { FakeMiniProgramCodes } from './fake-mini-program-codes.js';
import { LabellingHasher } from './labelling-hasher.js';
import { placeOrder } from './ordering-steps.js';
import { APP1, APP2, DAY, GOODS, type OrderingWorld, orderingWorld, PAY_TIMEOUT_MS, START } from './ordering-world.js';
import { ScriptedRandom } from './scripted-random.js';

/** The mini program of oper 9, disabled. */
export const APP9 = 'wx0000000000000009';
export const DISABLED_OPER = 9;

/** The scene ids CreateBridgeScene draws, in order: 32 digits each. */
export const SCENE_IDS = ['31415926535897932384626433832795', '27182818284590452353602874713526', '16180339887498948482045868343656'] as const;

/** The tickets MintBridgeTicket draws, in order. */
export const TICKETS = ['ticket-one-aaaaaaaaaaaaa', 'ticket-two-bbbbbbbbbbbbb', 'ticket-three-ccccccccccc', 'ticket-four-ddddddddddd'] as const;

/** Tokens of the first mini program (oper 2's, APP2). */
export const TOKEN = { alice: 'tok-alice', bob: 'tok-bob', unbound: 'tok-unbound', expired: 'tok-expired' } as const;

export interface BridgeWorld extends OrderingWorld {
  readonly hasher: LabellingHasher;
  readonly codes: FakeMiniProgramCodes;
  /** The Random of CreateBridgeScene only: it hands out {@link SCENE_IDS}. */
  readonly sceneRandom: ScriptedRandom;
  /** The Random of MintBridgeTicket only: it hands out {@link TICKETS}. */
  readonly ticketRandom: ScriptedRandom;
  readonly authenticate: Authenticate;
  readonly mintBridgeTicket: MintBridgeTicket;
  readonly createBridgeScene: CreateBridgeScene;
  readonly loginWithScene: LoginWithScene;
  /** Alice's unpaid order of oper 1's goods, placed in oper 2's mini program. */
  readonly order: Order;
  /** Every scene stored, by id. */
  scenes(): Promise<Scene[]>;
  /** A caller with a session (token `token`) in the mini program of `operId` with this openId, not bound. */
  visitor(operId: number, openId: string, token?: string): Caller;
}

/**
 * The ordering world (opers 1..3 enabled, alice and bob) plus oper 9 disabled, sessions for the
 * tokens in {@link TOKEN} in oper 2's mini program (alice's and bob's openIds bound, one unbound,
 * one expired at START), and alice's unpaid order of oper 1.
 */
export async function bridgeWorld(): Promise<BridgeWorld> {
  const world = await orderingWorld();
  const { store, repositories, clock, alice, bob } = world;
  await store.addOper({ id: DISABLED_OPER, name: '运营中心9', status: 2, miniProgram: { appid: APP9, sealedSecret: 'sealed-9' }, pay: null }, START);

  const hasher = new LabellingHasher();
  const session = async (token: string, openId: string, user: User | null, expiresAt = new Date(START.getTime() + 30 * DAY)) => {
    await repositories.sessions.add({ tokenHash: hasher.hash(token), operId: 2, appid: APP2, openId, createdAt: START, expiresAt });
    if (user) await repositories.wechatIdentities.bind(APP2, openId, user.id, START);
    else await repositories.wechatIdentities.ensure(APP2, openId, START);
  };
  await session(TOKEN.alice, world.callerIn(2, alice).openId, alice);
  await session(TOKEN.bob, world.callerIn(2, bob).openId, bob);
  await session(TOKEN.unbound, 'openid-2-guest', null);
  await session(TOKEN.expired, 'openid-2-expired', null, START);

  const order = await placeOrder(world, { goodsId: GOODS.onShelf });
  const codes = new FakeMiniProgramCodes();
  const sceneRandom = new ScriptedRandom({ digits: SCENE_IDS });
  const ticketRandom = new ScriptedRandom({ tokens: TICKETS });
  const apps: Record<number, string> = { 1: APP1, 2: APP2, 3: 'wx0000000000000003', [DISABLED_OPER]: APP9 };
  return {
    ...world,
    hasher,
    codes,
    sceneRandom,
    ticketRandom,
    authenticate: new Authenticate(repositories, hasher, clock),
    mintBridgeTicket: new MintBridgeTicket(repositories, ticketRandom, hasher, clock, PAY_TIMEOUT_MS),
    createBridgeScene: new CreateBridgeScene(repositories, codes, sceneRandom, hasher, clock, PAY_TIMEOUT_MS),
    loginWithScene: new LoginWithScene(world.uow, clock),
    order,
    scenes: () => store.access.use(({ scenes }) => [...scenes.values()].map((scene) => ({ ...scene }))),
    visitor: (operId, openId, token = `tok-${openId}`) => ({ operId, appid: apps[operId]!, openId, user: null, tokenHash: hasher.hash(token) }),
  };
}
