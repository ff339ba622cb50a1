import type { Area } from './area.js';
import type { AreaDirectory } from './area-directory.js';

export interface CitiesWithHot {
  /** The configured hot cities, in the configured order. */
  readonly hot: readonly Area[];
  /** Cities by the first letter of their pinyin, letters A-Z that have any, cities by code within. */
  readonly byInitial: ReadonlyArray<readonly [string, readonly Area[]]>;
}

/** `/area/cities/withHot`: every city, grouped by pinyin initial, after the hot ones. */
export class ListCitiesWithHot {
  constructor(
    private readonly directory: AreaDirectory,
    private readonly hotCityIds: readonly number[],
  ) {}

  async execute(): Promise<CitiesWithHot> {
    const cities = await this.directory.cities();
    const byCode = new Map(cities.map((city) => [city.areaId, city]));
    const hot = this.hotCityIds.flatMap((id) => byCode.get(id) ?? []);
    const groups = new Map<string, Area[]>();
    for (const city of cities) {
      if (!/^[A-Z]$/.test(city.initial)) continue;
      const group = groups.get(city.initial);
      if (group) group.push(city);
      else groups.set(city.initial, [city]);
    }
    const byInitial = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
    return { hot, byInitial };
  }
}
