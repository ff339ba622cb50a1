import type { GeoPoint } from './geo.js';
import type { MerchantListing } from './merchant.js';

/** A merchant search; every given filter applies (AND). Only enabled merchants are found. */
export interface MerchantSearch {
  readonly cityId?: number;
  /** Matched literally (no pattern characters) against name, brand and category name. */
  readonly keyword?: string;
  /** The category and its children, already expanded by the caller. */
  readonly categoryIds?: readonly number[];
  /** With an origin every listing has a distance; with a radius too, only those within it, nearest first. */
  readonly origin?: GeoPoint;
  readonly radius?: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface MerchantRepository {
  /** A page of listings and the total across pages. Without a radius: newest first (then id). */
  search(search: MerchantSearch): Promise<{ total: number; listings: MerchantListing[] }>;
  /** One merchant, whatever its status, with its distance from `origin` when given. */
  findListing(id: number, origin: GeoPoint | null): Promise<MerchantListing | null>;
}
