import { DomainError } from '../shared/domain-error.js';
import type { Goods, GoodsRepository } from './goods.js';
import { MerchantStatus } from './merchant.js';
import type { MerchantRepository } from './merchant-repository.js';

/** `/goods`: the on-shelf goods of an enabled merchant; missing or disabled merchant: 40001. */
export class ListGoods {
  constructor(
    private readonly merchants: MerchantRepository,
    private readonly goods: GoodsRepository,
  ) {}

  async execute({ merchantId }: { merchantId: number }): Promise<Goods[]> {
    const listing = await this.merchants.findListing(merchantId, null);
    if (!listing || listing.merchant.status !== MerchantStatus.Normal) throw new DomainError(40001);
    return this.goods.listOnShelf(merchantId);
  }
}
