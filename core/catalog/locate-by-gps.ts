import { DomainError } from '../shared/domain-error.js';
import type { AreaChain, AreaDirectory } from './area-directory.js';
import type { CoordinateSystem } from './geo.js';
import type { Geocoder } from './geocoder.js';

export interface LocateByGpsInput {
  readonly lng: number;
  readonly lat: number;
  readonly coordsys: CoordinateSystem;
}

/** `/area/getByGps`: the province, city and county of a point; 30001 where there is none. */
export class LocateByGps {
  constructor(
    private readonly geocoder: Geocoder,
    private readonly directory: AreaDirectory,
  ) {}

  async execute({ lng, lat, coordsys }: LocateByGpsInput): Promise<AreaChain> {
    const code = await this.geocoder.locate({ lng, lat }, coordsys);
    const chain = code === null ? null : await this.directory.chainOf(code);
    if (!chain) throw new DomainError(30001);
    return chain;
  }
}
