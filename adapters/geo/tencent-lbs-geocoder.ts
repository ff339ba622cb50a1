import type { Logger } from 'pino';
import type { CoordinateSystem, GeoPoint } from '../../core/catalog/geo.js';
import type { Geocoder } from '../../core/catalog/geocoder.js';
import { DomainError, ErrorCode } from '../../core/index.js';
import { toGcj02 } from './gcj02.js';
import { fetchText, parseObject } from '../shared/http-answers.js';

/** Tencent Location Service's WebService host. */
export const TENCENT_LBS_BASE_URL = 'https://apis.map.qq.com';

export interface TencentLbsGeocoderOptions {
  /** The WebService key (never logged, never in an error). */
  readonly key: string;
  /** Defaults to {@link TENCENT_LBS_BASE_URL}; a test server's base otherwise. */
  readonly baseUrl?: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

/** `status` 347 查询无结果: the service knows no place there. */
const NO_RESULT = 347;
/** `ad_info.nation_code` of China. */
const CHINA = '156';
const MAX_LOGGED_MESSAGE = 200;

/**
 * {@link Geocoder} over Tencent Location Service's reverse geocoding,
 * `GET /ws/geocoder/v1/?location=<lat>,<lng>&key=…` (latitude first). The answer's
 * `result.ad_info.adcode` is the code: for a municipality's district it is the district's
 * (`ad_info.city` then repeats the municipality's name), for a city without districts (东莞) the
 * city's. The current documentation takes GCJ-02 only (the old `coord_type=1` for GPS input is
 * no longer documented), so a `wgs84` point is converted with gcoord before the call.
 *
 * Null: `status` 347 (no result), or an answer without a 6-digit adcode or outside China (at sea
 * the service answers with an empty adcode). Throws DomainError 70012 for a timeout, a network
 * error, a non-2xx answer, an unreadable body or any other status (key refused, quota, …),
 * logging status, message and duration, never the key or the URL that carries it.
 */
export class TencentLbsGeocoder implements Geocoder {
  readonly #key: string;
  readonly #endpoint: string;
  readonly #timeoutMs: number;
  readonly #logger: Logger;

  constructor(options: TencentLbsGeocoderOptions) {
    const base = options.baseUrl ?? TENCENT_LBS_BASE_URL;
    if (!URL.canParse(base)) throw new Error('TencentLbsGeocoder: baseUrl must be an absolute URL');
    if (!(options.timeoutMs > 0)) throw new RangeError('TencentLbsGeocoder: timeoutMs must be positive');
    if (options.key === '') throw new Error('TencentLbsGeocoder: key is required');
    this.#key = options.key;
    this.#endpoint = `${base.replace(/\/+$/, '')}/ws/geocoder/v1/`;
    this.#timeoutMs = options.timeoutMs;
    this.#logger = options.logger;
  }

  async locate(point: GeoPoint, system: CoordinateSystem): Promise<number | null> {
    const { lng, lat } = system === 'wgs84' ? toGcj02(point) : point;
    const started = Date.now();
    const fields = (more: Record<string, unknown>) => ({ durationMs: Date.now() - started, ...more });
    const unavailable = (more: Record<string, unknown>): DomainError => {
      this.#logger.warn(fields(more), 'tencent lbs reverse geocoding failed');
      return new DomainError(ErrorCode.WechatUnavailable);
    };

    const query = new URLSearchParams({ location: `${lat.toFixed(6)},${lng.toFixed(6)}`, key: this.#key });
    const answered = await fetchText(`${this.#endpoint}?${query}`, {}, this.#timeoutMs);
    if ('failure' in answered) throw unavailable(answered.failure);
    const { status, text } = answered;

    const answer = parseObject(text);
    if (answer === null || typeof answer.status !== 'number') throw unavailable({ reason: 'answer is not a status object', status });
    const message = typeof answer.message === 'string' ? answer.message.slice(0, MAX_LOGGED_MESSAGE) : undefined;
    if (answer.status === NO_RESULT) {
      this.#logger.info(fields({ lbsStatus: answer.status, message }), 'tencent lbs found no place');
      return null;
    }
    if (answer.status !== 0) throw unavailable({ reason: 'status', lbsStatus: answer.status, message });

    const result = answer.result as { ad_info?: { adcode?: unknown; nation_code?: unknown } } | undefined;
    if (typeof result !== 'object' || result === null) throw unavailable({ reason: 'answer has no result' });
    const adcode = String(result.ad_info?.adcode ?? '');
    const nation = result.ad_info?.nation_code;
    const inChina = nation === undefined || nation === null || nation === '' || String(nation) === CHINA;
    const code = /^[1-9]\d{5}$/.test(adcode) && inChina ? Number(adcode) : null;
    this.#logger.info(fields({ adcode: code }), 'tencent lbs reverse geocoding ok');
    return code;
  }
}
