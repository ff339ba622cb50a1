/**
 * A one-time login into another oper's mini program, carried by a mini-program code's `scene`:
 * the user of the first mini program, the order to pay, and the page to open.
 */
export interface Scene {
  readonly id: number;
  /** A {@link SceneId}'s value. */
  readonly sceneId: string;
  /** The oper whose mini program the code opens. */
  readonly operId: number;
  readonly userId: number;
  readonly orderNo: string;
  readonly page: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

export type NewScene = Omit<Scene, 'id' | 'usedAt'>;

/** A scene works for 30 minutes, once. */
export const SCENE_TTL_MS = 30 * 60_000;

/** The page the seed opens by default. */
export const DEFAULT_BRIDGE_PAGE = 'pages/severs/index/index';
