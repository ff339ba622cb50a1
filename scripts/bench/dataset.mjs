// The benchmark's dataset, generated deterministically (same seed, same rows): merchants whose
// names are built from common shop words, clustered around twelve real cities plus 20 % spread over
// the country, half of them with goods; users; background orders. Rows are produced in chunks so
// that a million merchants never sit in memory at once; what the correctness checks need (brute-
// force totals) is counted while generating.
import { distanceInMetres } from '../../dist/core/index.js';
import { loadAreaDataset } from '../../dist/adapters/reference/area-dataset.js';

/** City centres (GCJ-02), share of the clustered merchants, spread (sigma, km). */
export const CITIES = [
  { name: '北京', cityId: 110100, lng: 116.4074, lat: 39.9042, weight: 15, sigmaKm: 17 },
  { name: '上海', cityId: 310100, lng: 121.4737, lat: 31.2304, weight: 15, sigmaKm: 17 },
  { name: '广州', cityId: 440100, lng: 113.2644, lat: 23.1291, weight: 9, sigmaKm: 15 },
  { name: '深圳', cityId: 440300, lng: 114.0579, lat: 22.5431, weight: 9, sigmaKm: 14 },
  { name: '成都', cityId: 510100, lng: 104.0665, lat: 30.5723, weight: 8, sigmaKm: 14 },
  { name: '杭州', cityId: 330100, lng: 120.1551, lat: 30.2741, weight: 7, sigmaKm: 13 },
  { name: '重庆', cityId: 500100, lng: 106.5516, lat: 29.563, weight: 7, sigmaKm: 15 },
  { name: '武汉', cityId: 420100, lng: 114.3054, lat: 30.5931, weight: 6, sigmaKm: 13 },
  { name: '西安', cityId: 610100, lng: 108.9398, lat: 34.3416, weight: 6, sigmaKm: 12 },
  { name: '南京', cityId: 320100, lng: 118.7969, lat: 32.0603, weight: 6, sigmaKm: 12 },
  { name: '天津', cityId: 120100, lng: 117.2009, lat: 39.0842, weight: 6, sigmaKm: 13 },
  { name: '苏州', cityId: 320500, lng: 120.5853, lat: 31.2989, weight: 6, sigmaKm: 12 },
];

/** Two-level categories: [top, [children]]. */
export const CATEGORIES = [
  ['美食', ['火锅', '烧烤', '小吃快餐', '川湘菜', '日韩料理', '西餐']],
  ['饮品甜点', ['咖啡', '奶茶果汁', '面包甜点']],
  ['休闲娱乐', ['KTV', '密室桌游', '网咖']],
  ['丽人', ['美发', '美甲美睫']],
  ['生活服务', ['洗衣', '洗车', '足疗按摩']],
  ['运动健身', ['健身中心', '瑜伽']],
];

/** Words a shop of each child category puts in its name. */
const WORDS = {
  火锅: ['火锅', '老火锅', '涮肉', '串串香', '牛油火锅', '椰子鸡'],
  烧烤: ['烧烤', '烤串', '烤肉', '烤鱼', '羊肉串', '炭烤'],
  小吃快餐: ['麻辣烫', '黄焖鸡', '兰州拉面', '米线', '饺子', '包子', '煎饼', '馄饨', '炸鸡', '汉堡', '螺蛳粉', '盖浇饭', '牛肉面'],
  川湘菜: ['川菜', '湘菜', '酸菜鱼', '水煮鱼', '小龙虾', '冒菜', '干锅'],
  日韩料理: ['寿司', '拉面', '日料', '韩式烤肉', '石锅拌饭', '居酒屋'],
  西餐: ['牛排', '披萨', '意面', '西餐', '汉堡'],
  咖啡: ['咖啡', '咖啡馆', '精品咖啡', '咖啡烘焙'],
  奶茶果汁: ['奶茶', '果茶', '鲜果汁', '柠檬茶', '酸奶'],
  面包甜点: ['面包', '蛋糕', '烘焙', '甜品', '蛋挞'],
  KTV: ['KTV', '量贩KTV', '音乐会所'],
  密室桌游: ['密室逃脱', '桌游', '剧本杀'],
  网咖: ['网咖', '电竞馆'],
  美发: ['美发', '造型', '烫染'],
  美甲美睫: ['美甲', '美睫', '美容'],
  洗衣: ['洗衣', '干洗'],
  洗车: ['洗车', '汽车美容'],
  足疗按摩: ['足疗', '按摩', '推拿', 'SPA'],
  健身中心: ['健身', '健身房', '搏击'],
  瑜伽: ['瑜伽', '普拉提'],
};
const PREFIXES = [
  '老王', '小李', '阿强', '张记', '刘家', '陈氏', '金牌', '老北京', '蜀香', '东北', '西北', '江南', '潮汕', '港式', '台湾', '新疆',
  '云南', '广式', '客家', '一品', '好运', '幸福', '开心', '阳光', '星光', '食尚', '大碗', '鲜', '味道', '老街', '巷子', '花园',
  '', '', '', '',
];
const SUFFIXES = ['店', '馆', '坊', '屋', '铺', '小馆', '餐厅', '工作室', '中心', '会所', '', '', '', ''];
const BRANCHES = ['国贸', '望京', '中关村', '五道口', '西单', '王府井', '陆家嘴', '徐家汇', '天河', '春熙路', '西湖', '万达', '大学城', '火车站', '万象城'];
const BRANDS = ['', '', '', '', '', '', '海底捞', '喜茶', '瑞幸', '星巴克', '肯德基', '麦当劳', '西贝', '外婆家', '真功夫', '蜜雪冰城'];

/** A deterministic generator (mulberry32). */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A normally distributed number (Box-Muller), from a uniform generator. */
export const gaussian = (next) => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
const pick = (next, list) => list[Math.floor(next() * list.length)];

/** Start of the creation times (2024-01-01 UTC); merchants are spread over two years. */
const T0 = Date.UTC(2024, 0, 1);

/**
 * The area rows of each city (province, city, a county) from the project's area tree, and the
 * other cities that the spread merchants are filed under.
 */
function placesFromAreas() {
  const areas = loadAreaDataset();
  const byCode = new Map(areas.map((a) => [a.areaId, a]));
  const firstCounty = new Map();
  for (const a of areas) if (a.tier === 3 && !firstCounty.has(a.parentId)) firstCounty.set(a.parentId, a);
  const placeOf = (cityId) => {
    const city = byCode.get(cityId);
    const province = byCode.get(city.parentId);
    const county = firstCounty.get(cityId) ?? city;
    return { province: province.name, province_id: province.areaId, city: city.name, city_id: city.areaId, area: county.name, area_id: county.areaId };
  };
  const clustered = new Set(CITIES.map((c) => c.cityId));
  const others = areas.filter((a) => a.tier === 2 && !clustered.has(a.areaId) && firstCounty.has(a.areaId)).map((a) => placeOf(a.areaId));
  return { placeOf, others };
}

/** The queries whose answers the bench checks against a count made here, by brute force. */
export const PROBES = {
  dense: { lng: 116.4074, lat: 39.9042, radius: 5000 },
  sparse: { lng: 117.12, lat: 39.9042, radius: 5000 },
  keywords: [
    { keyword: '火锅', cityId: 110100 },
    { keyword: '咖啡' },
    { keyword: '麻辣烫' },
    { keyword: '烤' },
  ],
  city: 110100,
};

function containsKeyword(merchant, categoryName, keyword) {
  return merchant.name.includes(keyword) || merchant.brand.includes(keyword) || categoryName.includes(keyword);
}

export function emptyCounts() {
  return { dense: 0, sparse: 0, city: 0, keywords: PROBES.keywords.map(() => 0) };
}

/** Counts a merchant row (as the table holds it) into the brute-force answers of {@link PROBES}. */
export function tally(counts, merchant, categoryName) {
  if (Number(merchant.status) !== 1) return;
  const here = { lng: Number(merchant.lng), lat: Number(merchant.lat) };
  if (distanceInMetres(PROBES.dense, here) <= PROBES.dense.radius) counts.dense++;
  if (distanceInMetres(PROBES.sparse, here) <= PROBES.sparse.radius) counts.sparse++;
  if (Number(merchant.city_id) === PROBES.city) counts.city++;
  PROBES.keywords.forEach((probe, k) => {
    if ((probe.cityId === undefined || probe.cityId === Number(merchant.city_id)) && containsKeyword(merchant, categoryName, probe.keyword)) counts.keywords[k]++;
  });
}

/**
 * Generates `count` merchants in chunks of `chunkSize`, calling `onChunk({merchants, goods})`
 * (rows as the tables hold them; ids from `firstId`). Resolves to the brute-force counts of
 * {@link PROBES} and what the bench needs to aim its requests.
 */
export async function generateMerchants({ count, firstId, firstGoodsId, operId, categories, chunkSize = 5000, onChunk }) {
  const next = random(20261201);
  const { placeOf, others } = placesFromAreas();
  const cityPlaces = new Map(CITIES.map((c) => [c.cityId, placeOf(c.cityId)]));
  const weights = CITIES.reduce((sum, c) => sum + c.weight, 0);
  const children = categories.filter((c) => c.pid !== 0);
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  const counts = emptyCounts();
  const sample = { merchantIdWithGoods: 0, goodsId: 0, goodsIds: [] };
  let goodsId = firstGoodsId - 1;
  for (let start = 0; start < count; start += chunkSize) {
    const merchants = [];
    const goods = [];
    for (let i = start; i < Math.min(count, start + chunkSize); i++) {
      const id = firstId + i;
      let lng;
      let lat;
      let place;
      if (next() < 0.2) {
        lng = 75 + next() * 59;
        lat = 18 + next() * 35;
        place = pick(next, others);
      } else {
        let ticket = next() * weights;
        let city = CITIES[0];
        for (const c of CITIES) if ((ticket -= c.weight) < 0) { city = c; break; }
        lng = city.lng + (gaussian(next) * city.sigmaKm) / (111.32 * Math.cos((city.lat * Math.PI) / 180));
        lat = city.lat + (gaussian(next) * city.sigmaKm) / 110.57;
        place = cityPlaces.get(city.cityId);
      }
      const category = pick(next, children);
      const word = pick(next, WORDS[category.name]);
      const branch = next() < 0.3 ? `(${pick(next, BRANCHES)}店)` : '';
      const name = `${pick(next, PREFIXES)}${word}${pick(next, SUFFIXES)}${branch}`.slice(0, 100);
      const brand = pick(next, BRANDS);
      const createdAt = T0 + Math.floor(next() * 730 * 86_400_000);
      const status = next() < 0.97 ? 1 : 2;
      const merchant = {
        id, oper_id: operId, merchant_category_id: category.id, name, brand, region: 1, address: `${place.area}某路${1 + Math.floor(next() * 300)}号`,
        ...place, lng, lat, business_start: '10:00:00', business_end: '22:00:00', logo: '', desc_pic: '', desc: '', contacter: '',
        contacter_phone: '', status, created_at: createdAt, updated_at: createdAt,
      };
      merchants.push(merchant);
      tally(counts, merchant, categoryName.get(category.id));
      if (next() < 0.5) {
        const n = 1 + Math.floor(next() * 3);
        for (let g = 0; g < n; g++) {
          goodsId++;
          const price = 990 + Math.floor(next() * 30000);
          goods.push({
            id: goodsId, oper_id: operId, merchant_id: id, name: `${word}${pick(next, ['双人套餐', '单人餐', '代金券', '四人套餐', '体验卡'])}`, desc: '',
            market_price: price + 1000, price, start_date: '2024-01-01', end_date: '2030-12-31', business_start: '10:00:00',
            business_end: '22:00:00', thumb_url: '', pic: '', pic_list: '[]', buy_info: '', status: next() < 0.9 ? 1 : 2, stock: null,
            sell_number: 0, created_at: createdAt, updated_at: createdAt,
          });
          if (status === 1 && sample.goodsIds.length < 50 && goods[goods.length - 1].status === 1) {
            sample.goodsIds.push(goodsId);
            sample.merchantIdWithGoods ||= id;
          }
        }
      }
    }
    await onChunk({ merchants, goods });
  }
  return { counts, sample, goodsCount: goodsId - firstGoodsId + 1 };
}
