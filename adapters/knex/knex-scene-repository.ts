import type { Knex } from 'knex';
import type { NewScene, Scene, SceneRepository } from '../../core/index.js';
import { insertedId } from './inserted-id.js';
import { SceneIdTaken } from '../../core/index.js';
import { isUniqueViolation } from './unique-violation.js';

interface SceneRow {
  id: number;
  scene_id: string;
  oper_id: number;
  user_id: number;
  order_no: string;
  page: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

function sceneFromRow(row: SceneRow): Scene {
  return {
    id: Number(row.id),
    sceneId: row.scene_id,
    operId: Number(row.oper_id),
    userId: Number(row.user_id),
    orderNo: row.order_no,
    page: row.page,
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    usedAt: row.used_at === null ? null : new Date(Number(row.used_at)),
  };
}

/**
 * Scenes in `scenes`. On MySQL the table compares bytes (utf8mb4_bin), so lookups are
 * case-sensitive as on SQLite.
 */
export class KnexSceneRepository implements SceneRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** Rejects with {@link SceneIdTaken} when the scene id is another scene's. */
  async add(scene: NewScene): Promise<Scene> {
    const row: Omit<SceneRow, 'id'> = {
      scene_id: scene.sceneId,
      oper_id: scene.operId,
      user_id: scene.userId,
      order_no: scene.orderNo,
      page: scene.page,
      created_at: scene.createdAt.getTime(),
      expires_at: scene.expiresAt.getTime(),
      used_at: null,
    };
    let ids: number[];
    try {
      ids = await this.db<SceneRow>('scenes').insert(row);
    } catch (error) {
      if (isUniqueViolation(error, 'scenes', 'scene_id')) {
        throw new SceneIdTaken(`Scene id ${scene.sceneId} is taken`, { cause: error });
      }
      throw error;
    }
    return sceneFromRow({ ...row, id: insertedId(ids, 'scene') });
  }

  /**
   * Exact match. The check after the read is for MySQL, whose utf8mb4_bin pads with spaces, so
   * that `WHERE scene_id = 'abc '` would also find `abc`.
   */
  async findBySceneId(sceneId: string): Promise<Scene | null> {
    const row = await this.db<SceneRow>('scenes').where({ scene_id: sceneId }).first();
    return row && row.scene_id === sceneId ? sceneFromRow(row) : null;
  }

  /** `UPDATE … WHERE used_at IS NULL AND expires_at > now`: a scene is expired from its expiry on. */
  async consume(id: number, now: Date): Promise<boolean> {
    const at = now.getTime();
    const changed = await this.db<SceneRow>('scenes')
      .where({ id })
      .whereNull('used_at')
      .andWhere('expires_at', '>', at)
      .update({ used_at: at });
    return changed > 0;
  }

  /** One `DELETE … WHERE expires_at < before`, on the `expires_at` index of migration 0007. */
  async deleteExpiredBefore(before: Date): Promise<number> {
    return this.db<SceneRow>('scenes').where('expires_at', '<', before.getTime()).del();
  }
}
