/**
 * The hot cities listed first by `GET /area/cities/withHot`, as city `areaId`s in display order.
 * This is configuration, not data: the default is the original system's list (北京 成都 重庆 广州
 * 杭州 南京 上海 深圳 苏州 天津 武汉 西安, per the API spec); deployments may replace it.
 */
export const DEFAULT_HOT_CITY_IDS: readonly number[] = Object.freeze([
  110100, 510100, 500100, 440100, 330100, 320100, 310100, 440300, 320500, 120100, 420100, 610100,
]);
