import type { NewScene, Scene, SceneRepository } from '../../core/index.js';
import { SceneIdTaken } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf } from './in-memory-tables.js';

/** Scenes in a map by id; scene ids compare exactly, as the knex adapter's do. */
export class InMemorySceneRepository implements SceneRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  /** Rejects with {@link SceneIdTaken} when the scene id is another scene's. */
  add(scene: NewScene): Promise<Scene> {
    return this.access.use(({ scenes, lastIds }) => {
      for (const existing of scenes.values()) {
        if (existing.sceneId === scene.sceneId) throw new SceneIdTaken(`Scene id ${scene.sceneId} is taken`);
      }
      const { sceneId, operId, userId, orderNo, page, createdAt, expiresAt } = scene;
      const record: Scene = {
        id: ++lastIds.scenes,
        sceneId,
        operId,
        userId,
        orderNo,
        page,
        createdAt: new Date(createdAt),
        expiresAt: new Date(expiresAt),
        usedAt: null,
      };
      scenes.set(record.id, record);
      return copyOf(record);
    });
  }

  findBySceneId(sceneId: string): Promise<Scene | null> {
    return this.access.use(({ scenes }) => {
      for (const record of scenes.values()) if (record.sceneId === sceneId) return copyOf(record);
      return null;
    });
  }

  /** Uses the scene if it is unused and `now` is before its expiry (expired from its expiry on). */
  consume(id: number, now: Date): Promise<boolean> {
    return this.access.use(({ scenes }) => {
      const record = scenes.get(id);
      if (!record || record.usedAt !== null || record.expiresAt.getTime() <= now.getTime()) return false;
      scenes.set(id, { ...record, usedAt: new Date(now) });
      return true;
    });
  }

  /** Deletes the scenes whose expiry is strictly before `before`, used or not. */
  deleteExpiredBefore(before: Date): Promise<number> {
    return this.access.use(({ scenes }) => {
      let deleted = 0;
      for (const [id, record] of scenes) {
        if (record.expiresAt.getTime() < before.getTime()) {
          scenes.delete(id);
          deleted++;
        }
      }
      return deleted;
    });
  }
}
