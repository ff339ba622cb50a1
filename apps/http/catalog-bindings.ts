import type { Container } from 'inversify';
import type { Logger } from 'pino';
import {
  AreaDirectory,
  type Geocoder,
  GetAreaTree,
  GetGoodsDetail,
  GetMerchantDetail,
  ListCategoryTree,
  ListCitiesWithHot,
  ListGoods,
  LocateByGps,
  type Repositories,
  SearchMerchants,
} from '../../core/index.js';
import { OfflineGeocoder } from '../../adapters/geo/offline-geocoder.js';
import { TencentLbsGeocoder } from '../../adapters/geo/tencent-lbs-geocoder.js';
import { DEFAULT_HOT_CITY_IDS } from '../../adapters/reference/hot-cities.js';
import type { AppConfig } from './config.js';
import { TOKENS as T } from './tokens.js';

/**
 * The geocoder of the configuration. The offline one reads its county boundaries now (~0.1 s,
 * ~20 MB), so that a missing file stops the start instead of failing a request.
 */
export async function createGeocoder(config: AppConfig, logger: Logger): Promise<Geocoder> {
  if (config.geocoder === 'tencent') {
    return new TencentLbsGeocoder({ key: config.tencentLbsKey ?? '', timeoutMs: config.wechatTimeoutMs, logger });
  }
  return OfflineGeocoder.load();
}

/** The catalog's part of the composition root: geocoder, area directory and the browsing use cases. */
export function bindCatalog(c: Container, config: AppConfig, geocoder: Geocoder): void {
  c.bind(T.Geocoder).toConstantValue(geocoder);
  c.bind(T.AreaDirectory).toResolvedValue((repos: Repositories) => new AreaDirectory(repos.areas), [T.Repositories]);
  c.bind(T.GetAreaTree).toResolvedValue((directory: AreaDirectory) => new GetAreaTree(directory), [T.AreaDirectory]);
  c.bind(T.ListCitiesWithHot).toResolvedValue(
    (directory: AreaDirectory) => new ListCitiesWithHot(directory, config.hotCityIds ?? DEFAULT_HOT_CITY_IDS),
    [T.AreaDirectory],
  );
  c.bind(T.LocateByGps).toResolvedValue(
    (geo: Geocoder, directory: AreaDirectory) => new LocateByGps(geo, directory),
    [T.Geocoder, T.AreaDirectory],
  );
  c.bind(T.ListCategoryTree).toResolvedValue((repos: Repositories) => new ListCategoryTree(repos.categories), [T.Repositories]);
  c.bind(T.SearchMerchants).toResolvedValue(
    (repos: Repositories) => new SearchMerchants(repos.merchants, repos.categories),
    [T.Repositories],
  );
  c.bind(T.GetMerchantDetail).toResolvedValue((repos: Repositories) => new GetMerchantDetail(repos.merchants), [T.Repositories]);
  c.bind(T.ListGoods).toResolvedValue((repos: Repositories) => new ListGoods(repos.merchants, repos.goods), [T.Repositories]);
  c.bind(T.GetGoodsDetail).toResolvedValue((repos: Repositories) => new GetGoodsDetail(repos.goods), [T.Repositories]);
}
