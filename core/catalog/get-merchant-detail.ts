import { DomainError } from '../shared/domain-error.js';
import type { GeoPoint } from './geo.js';
import { type MerchantListing, MerchantStatus } from './merchant.js';
import type { MerchantRepository } from './merchant-repository.js';

/** `/merchant/detail`: one enabled merchant; missing or disabled: 40001. */
export class GetMerchantDetail {
  constructor(private readonly merchants: MerchantRepository) {}

  async execute({ id, origin }: { id: number; origin: GeoPoint | null }): Promise<MerchantListing> {
    const listing = await this.merchants.findListing(id, origin);
    if (!listing || listing.merchant.status !== MerchantStatus.Normal) throw new DomainError(40001);
    return listing;
  }
}
