import type { Area, AreaRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf } from './in-memory-tables.js';

export class InMemoryAreaRepository implements AreaRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  all(): Promise<Area[]> {
    return this.access.use(({ areas }) => copyOf([...areas.values()].sort((a, b) => a.areaId - b.areaId)));
  }
}
