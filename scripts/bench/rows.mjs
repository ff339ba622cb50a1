// The requests a bench run measures, each with the goal and a check of its answer against
// what the generator counted by brute force (so that a fast wrong answer cannot pass for a result).
import { PROBES } from './dataset.mjs';

export const APP1 = 'wx0000000000000001';
export const REFERER = `https://servicewechat.com/${APP1}/0/page-frame.html`;

const q = (params) => new URLSearchParams(params).toString();

function expectTotal(body, total, what) {
  if (body.code !== 0) return `${what}: code ${body.code} ${body.message}`;
  if (body.data.total !== total) return `${what}: total ${body.data.total}, brute force counts ${total}`;
  return null;
}

/** The rows of the table, plus the orders of a user with 200 orders. */
export function catalogRows({ token, goodsId, merchantId, counts }) {
  const get = (path, params) => ({ method: 'GET', path: `/api/user${path}?${q({ ...params, token })}`, headers: { Referer: REFERER } });
  const keywordRow = (k, label, goal) => {
    const probe = PROBES.keywords[k];
    return {
      key: `keyword-${probe.keyword}${probe.cityId ? '-city' : ''}`,
      label,
      goal,
      request: get('/merchants', { keyword: probe.keyword, ...(probe.cityId ? { city_id: probe.cityId } : {}) }),
      check: (body) =>
        expectTotal(body, counts.keywords[k], label) ??
        (body.data.list.every((m) => [m.name, m.brand, m.merchantCategoryName].some((text) => text.includes(probe.keyword))) &&
        body.data.list.every((m, i, all) => i === 0 || m.id !== all[i - 1].id)
          ? null
          : `${label}: a listed merchant does not contain ${probe.keyword}`),
    };
  };
  const nearbyRow = (key, label, probe, total, goal) => ({
    key,
    label,
    goal,
    request: get('/merchants', { lng: probe.lng, lat: probe.lat, radius: probe.radius }),
    check: (body) =>
      expectTotal(body, total, label) ??
      (body.data.list.every((m, i, all) => m.distance <= probe.radius && (i === 0 || all[i - 1].distance <= m.distance))
        ? null
        : `${label}: not nearest first within the radius`),
  });
  return [
    {
      key: 'goods-detail', label: '/goods/detail', goal: { ratio: 0.15 },
      request: get('/goods/detail', { id: goodsId }),
      check: (body) => (body.code === 0 && body.data.id === goodsId ? null : `/goods/detail: ${JSON.stringify(body).slice(0, 200)}`),
    },
    {
      key: 'merchant-detail', label: '/merchant/detail', goal: { ratio: 0.15 },
      request: get('/merchant/detail', { id: merchantId }),
      check: (body) => (body.code === 0 && body.data.id === merchantId ? null : `/merchant/detail: ${JSON.stringify(body).slice(0, 200)}`),
    },
    {
      key: 'getByGps', label: '/area/getByGps', goal: { ratio: 0.25 },
      request: get('/area/getByGps', { lng: 116.4074, lat: 39.9042 }),
      check: (body) => (body.code === 0 && JSON.stringify(body.data).includes('110100') ? null : `/area/getByGps: ${JSON.stringify(body).slice(0, 200)}`),
    },
    {
      key: 'city', label: '/merchants?city_id (newest first, total)', goal: { ratio: 0.05 },
      request: get('/merchants', { city_id: PROBES.city }),
      check: (body) =>
        expectTotal(body, counts.city, 'city') ??
        (body.data.list.every((m) => m.city_id === PROBES.city) ? null : 'city: a merchant of another city'),
    },
    nearbyRow('nearby-dense', `/merchants 5 km, dense centre (${counts.dense} inside)`, PROBES.dense, counts.dense, { ratio: 0.01, p99: 100 }),
    nearbyRow('nearby-sparse', `/merchants 5 km, sparse area (${counts.sparse} inside)`, PROBES.sparse, counts.sparse, { ratio: 0.1 }),
    keywordRow(0, `/merchants?keyword=火锅 in a city (${counts.keywords[0]})`, { ratio: 0.02, p99: 100 }),
    keywordRow(1, `/merchants?keyword=咖啡, country (${counts.keywords[1]})`, { ratio: 0.02, p99: 100 }),
    keywordRow(2, `/merchants?keyword=麻辣烫, country (${counts.keywords[2]})`, { ratio: 0.02, p99: 100 }),
    keywordRow(3, `/merchants?keyword=烤, country (${counts.keywords[3]})`, { ratio: 0.02, p99: 100 }),
    {
      key: 'orders', label: '/orders of a user with 200 orders', goal: null,
      request: get('/orders', {}),
      check: (body) => (body.code === 0 && body.data.total === 200 ? null : `/orders: ${JSON.stringify(body).slice(0, 200)}`),
    },
  ];
}
