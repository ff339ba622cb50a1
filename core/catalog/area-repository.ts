import type { Area } from './area.js';

/** The administrative tree: reference data, the same on every instance, changed only by a release. */
export interface AreaRepository {
  /** Every area, ordered by `areaId`. */
  all(): Promise<Area[]>;
}
