import type { AreaDirectory, AreaNode } from './area-directory.js';

/** `/area/tree`: provinces, cities and counties down to `tier`. */
export class GetAreaTree {
  constructor(private readonly directory: AreaDirectory) {}

  execute({ tier }: { tier: 1 | 2 | 3 }): Promise<AreaNode[]> {
    return this.directory.tree(tier);
  }
}
