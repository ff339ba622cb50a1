import { importMerchants } from '../../../adapters/knex/knex-catalog-import.js';
import type { NewMerchant } from '../../../adapters/knex/knex-catalog-writer.js';
import { type Area, type AreaChain, MerchantStatus } from '../../../core/index.js';
import { type ImportEnvironment, type ImportKind, checkUniqueIds, existingIds } from './import-kind.js';
import { RowReader } from './row-reader.js';

const MAX_ID = 2_147_483_647;

/**
 * Merchants. `lng`/`lat` are GCJ-02 (as Tencent maps and `wx.getLocation({type: 'gcj02'})` give
 * them). The province, city and county (`province`/`province_id`, `city`/`city_id`,
 * `area`/`area_id`) are found from the coordinates with the offline geocoder: left empty they are
 * filled in; given, they must be what the coordinates say, so that a shop is never listed in a
 * city it is not in. `oper_id` and `merchant_category_id` must exist.
 */
export const merchantImport: ImportKind = {
  columns: [
    'id', 'oper_id', 'merchant_category_id', 'name', 'brand', 'region', 'address', 'lng', 'lat',
    'province', 'province_id', 'city', 'city_id', 'area', 'area_id', 'business_start', 'business_end',
    'logo', 'desc_pic', 'desc', 'contacter', 'contacter_phone', 'status',
  ],
  async plan(file, environment, problems) {
    const rows: Array<{ merchant: NewMerchant; label: string }> = [];
    for (const [index, record] of file.records.entries()) {
      const read = new RowReader(record, file.label(index), problems);
      const id = read.optionalInteger('id', 1, MAX_ID) ?? undefined;
      const location = { lng: read.decimal('lng', 73, 136), lat: read.decimal('lat', 3, 54) };
      const place = await placeOf(read, location, environment);
      rows.push({
        label: read.label,
        merchant: {
          ...(id === undefined ? {} : { id }),
          operId: read.integer('oper_id', 1, MAX_ID),
          categoryId: read.integer('merchant_category_id', 1, MAX_ID),
          name: read.text('name', 100, true),
          brand: read.text('brand', 100),
          region: read.choice('region', [1, 2, 3, 4], 1),
          address: read.text('address', 255),
          ...place,
          location,
          businessTime: [read.time('business_start', null), read.time('business_end', null)],
          logo: read.text('logo', 512),
          descPic: read.text('desc_pic', 512),
          desc: read.longText('desc'),
          contacter: read.text('contacter', 64),
          contacterPhone: read.text('contacter_phone', 32),
          status: read.choice('status', [MerchantStatus.Normal, MerchantStatus.Disabled], MerchantStatus.Normal) as MerchantStatus,
          createdAt: environment.now,
        },
      });
    }
    const ids = checkUniqueIds(rows.map(({ merchant, label }) => ({ id: merchant.id, label })), problems);
    const { db } = environment;
    const opers = await existingIds(db, 'opers', rows.map(({ merchant }) => merchant.operId));
    const categories = await existingIds(db, 'merchant_categories', rows.map(({ merchant }) => merchant.categoryId));
    for (const { merchant, label } of rows) {
      if (merchant.operId > 0 && !opers.has(merchant.operId)) problems.push(`${label}, field oper_id: no oper ${merchant.operId}`);
      if (merchant.categoryId > 0 && !categories.has(merchant.categoryId)) {
        problems.push(`${label}, field merchant_category_id: no category ${merchant.categoryId}`);
      }
    }
    const updated = (await existingIds(db, 'merchants', ids)).size;
    return {
      created: rows.length - updated,
      updated,
      write: (trx, progress) => importMerchants(trx, rows.map(({ merchant }) => merchant), environment.now, progress),
    };
  },
};

/** Steps of ~100 m (in degrees) around a point, nearest first, 8 directions each. */
const NEAR_STEPS = [0.001, 0.002, 0.003].flatMap((r) =>
  [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1]].map(([x, y]) => [x! * r, y! * r] as const),
);

/**
 * The county of a point; where the shipped boundaries (simplified at 100 m) leave a sliver between
 * counties, the county found nearest within ~300 m. A point at sea stays in none.
 */
async function locateNear(geocoder: ImportEnvironment['geocoder'], point: { lng: number; lat: number }): Promise<number | null> {
  const code = await geocoder.locate(point, 'gcj02');
  if (code !== null) return code;
  for (const [dx, dy] of NEAR_STEPS) {
    const near = await geocoder.locate({ lng: point.lng + dx, lat: point.lat + dy }, 'gcj02');
    if (near !== null) return near;
  }
  return null;
}

type Place = Pick<NewMerchant, 'province' | 'provinceId' | 'city' | 'cityId' | 'area' | 'areaId'>;

/** The areas of the point, checked against those the row gives. */
async function placeOf(read: RowReader, point: { lng: number; lat: number }, { geocoder, areas }: ImportEnvironment): Promise<Place> {
  const empty = { province: '', provinceId: 0, city: '', cityId: 0, area: '', areaId: 0 };
  if (point.lng === 0 || point.lat === 0) return empty;
  const code = await locateNear(geocoder, point);
  const chain: AreaChain | null = code === null ? null : await areas.chainOf(code);
  if (!chain) {
    read.problem('lng', `the point (${point.lng}, ${point.lat}) is in no area of mainland China (the coordinates are GCJ-02)`);
    return empty;
  }
  const check = (codeField: string, nameField: string, area: Area) => {
    const given = read.optionalInteger(codeField, 100000, 999999);
    if (given !== null && given !== area.areaId) {
      read.problem(codeField, `is ${given}, but the coordinates are in ${area.areaId} ${area.name} (leave it empty to fill it in)`);
    }
    const name = read.text(nameField, 64);
    if (name !== '' && name !== area.name) read.problem(nameField, `is ${JSON.stringify(name)}, but the coordinates are in ${area.name}`);
  };
  check('province_id', 'province', chain.province);
  check('city_id', 'city', chain.city);
  check('area_id', 'area', chain.county);
  return {
    province: chain.province.name,
    provinceId: chain.province.areaId,
    city: chain.city.name,
    cityId: chain.city.areaId,
    area: chain.county.name,
    areaId: chain.county.areaId,
  };
}
