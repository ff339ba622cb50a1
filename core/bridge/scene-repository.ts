import type { NewScene, Scene } from './scene.js';

export interface SceneRepository {
  add(scene: NewScene): Promise<Scene>;
  findBySceneId(sceneId: string): Promise<Scene | null>;
  /**
   * Marks the scene used if it is unused and unexpired at `now` (one conditional write); false
   * when another login got there first or it expired.
   */
  consume(id: number, now: Date): Promise<boolean>;
  /**
   * Removes the scenes whose expiry is strictly before `before`, used or not: rows no rule looks
   * at any more once `before` is past their expiry. Returns how many.
   */
  deleteExpiredBefore(before: Date): Promise<number>;
}

/** A scene could not be added because its id is another scene's (32 random digits: not expected). */
export class SceneIdTaken extends Error {
  override readonly name = 'SceneIdTaken';
}
