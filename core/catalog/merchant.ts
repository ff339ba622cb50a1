import type { GeoPoint } from './geo.js';

export const MerchantStatus = { Normal: 1, Disabled: 2 } as const;
export type MerchantStatus = (typeof MerchantStatus)[keyof typeof MerchantStatus];

/** A shop of an oper. Places carry GB/T 2260 codes and GCJ-02 coordinates. */
export interface Merchant {
  readonly id: number;
  readonly operId: number;
  readonly categoryId: number;
  readonly name: string;
  readonly brand: string;
  /** 1 China, 2 USA, 3 Korea, 4 Hong Kong (the seed's regions). */
  readonly region: number;
  readonly address: string;
  readonly province: string;
  readonly provinceId: number;
  readonly city: string;
  readonly cityId: number;
  readonly area: string;
  readonly areaId: number;
  readonly location: GeoPoint;
  /** `['10:30:00', '18:30:00']`. */
  readonly businessTime: readonly [string, string];
  readonly logo: string;
  readonly descPic: string;
  readonly desc: string;
  readonly contacter: string;
  readonly contacterPhone: string;
  readonly status: MerchantStatus;
  readonly createdAt: Date;
}

/** A merchant as lists show it: with its category's name, its cheapest on-shelf goods and its distance. */
export interface MerchantListing {
  readonly merchant: Merchant;
  readonly categoryName: string;
  /** Lowest price (fen) among its on-shelf goods; null when it has none. */
  readonly lowestPrice: number | null;
  /** Metres from the search origin; null without one. */
  readonly distance: number | null;
}
