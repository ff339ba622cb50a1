import type { Area } from './area.js';
import type { AreaRepository } from './area-repository.js';

export interface AreaNode {
  readonly area: Area;
  readonly children: readonly AreaNode[];
}

/** The province, city and county an area code falls in. */
export interface AreaChain {
  readonly province: Area;
  readonly city: Area;
  /** The county; for a city without counties (东莞), the city itself. */
  readonly county: Area;
}

/**
 * The administrative tree, read once per process and indexed: areas are reference data that only
 * a release changes, so every instance may keep its own copy.
 */
export class AreaDirectory {
  private loading: Promise<Indexed> | null = null;

  constructor(private readonly areas: AreaRepository) {}

  /** Top-level nodes down to `tier` (1 provinces, 2 with cities, 3 with counties). */
  async tree(tier: 1 | 2 | 3): Promise<AreaNode[]> {
    const { childrenOf } = await this.indexed();
    const build = (parentId: number): AreaNode[] =>
      (childrenOf.get(parentId) ?? [])
        .filter((area) => area.tier <= tier)
        .map((area) => ({ area, children: area.tier < tier ? build(area.areaId) : [] }));
    return build(0);
  }

  /** Every city (tier 2), municipalities included, by code. */
  async cities(): Promise<Area[]> {
    const { all } = await this.indexed();
    return all.filter((area) => area.tier === 2);
  }

  async byCode(areaId: number): Promise<Area | null> {
    return (await this.indexed()).byCode.get(areaId) ?? null;
  }

  /** The chain of a county or city code; null when the code is not a city or county of the tree. */
  async chainOf(areaId: number): Promise<AreaChain | null> {
    const { byCode } = await this.indexed();
    const area = byCode.get(areaId);
    if (!area || area.tier === 1) return null;
    const city = area.tier === 3 ? byCode.get(area.parentId) : area;
    const province = city ? byCode.get(city.parentId) : undefined;
    if (!city || !province) return null;
    return { province, city, county: area };
  }

  private indexed(): Promise<Indexed> {
    this.loading ??= this.areas.all().then(index, (error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }
}

interface Indexed {
  readonly all: readonly Area[];
  readonly byCode: ReadonlyMap<number, Area>;
  readonly childrenOf: ReadonlyMap<number, Area[]>;
}

function index(all: Area[]): Indexed {
  const byCode = new Map(all.map((area) => [area.areaId, area]));
  const childrenOf = new Map<number, Area[]>();
  for (const area of all) {
    const siblings = childrenOf.get(area.parentId);
    if (siblings) siblings.push(area);
    else childrenOf.set(area.parentId, [area]);
  }
  return { all, byCode, childrenOf };
}
