/**
 * The demo catalog: categories, and merchants of both opers at real places (GCJ-02 coordinates,
 * GB/T 2260 codes), each with goods. Prices are in fen. Some entries are meant to stay hidden:
 * a disabled merchant, off-shelf goods, goods not yet or no longer on sale.
 */
export interface DemoCategory {
  readonly key: string;
  readonly name: string;
  readonly parent?: string;
  readonly status?: 1 | 2;
}

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  { key: 'food', name: '美食' },
  { key: 'hotpot', name: '火锅', parent: 'food' },
  { key: 'coffee', name: '咖啡', parent: 'food' },
  { key: 'bbq', name: '烧烤', parent: 'food' },
  { key: 'fun', name: '休闲娱乐' },
  { key: 'ktv', name: 'KTV', parent: 'fun' },
  { key: 'cinema', name: '电影', parent: 'fun' },
  { key: 'beauty', name: '丽人' },
  { key: 'hair', name: '美发', parent: 'beauty' },
  { key: 'retired', name: '已停用分类', status: 2 },
];

interface Place {
  readonly province: string;
  readonly provinceId: number;
  readonly city: string;
  readonly cityId: number;
  readonly area: string;
  readonly areaId: number;
}

const DONGCHENG: Place = { province: '北京市', provinceId: 110000, city: '北京市', cityId: 110100, area: '东城区', areaId: 110101 };
const CHAOYANG: Place = { province: '北京市', provinceId: 110000, city: '北京市', cityId: 110100, area: '朝阳区', areaId: 110105 };
const HAIDIAN: Place = { province: '北京市', provinceId: 110000, city: '北京市', cityId: 110100, area: '海淀区', areaId: 110108 };
const PUDONG: Place = { province: '上海市', provinceId: 310000, city: '上海市', cityId: 310100, area: '浦东新区', areaId: 310115 };
const HUANGPU: Place = { province: '上海市', provinceId: 310000, city: '上海市', cityId: 310100, area: '黄浦区', areaId: 310101 };
const XIHU: Place = { province: '浙江省', provinceId: 330000, city: '杭州市', cityId: 330100, area: '西湖区', areaId: 330106 };
const WUHOU: Place = { province: '四川省', provinceId: 510000, city: '成都市', cityId: 510100, area: '武侯区', areaId: 510107 };
const JINJIANG: Place = { province: '四川省', provinceId: 510000, city: '成都市', cityId: 510100, area: '锦江区', areaId: 510104 };
const TIANHE: Place = { province: '广东省', provinceId: 440000, city: '广州市', cityId: 440100, area: '天河区', areaId: 440106 };
const NANSHAN: Place = { province: '广东省', provinceId: 440000, city: '深圳市', cityId: 440300, area: '南山区', areaId: 440305 };
const YANTA: Place = { province: '陕西省', provinceId: 610000, city: '西安市', cityId: 610100, area: '雁塔区', areaId: 610113 };

export interface DemoGoods {
  readonly name: string;
  readonly desc: string;
  readonly marketPrice: number;
  readonly price: number;
  /** Days from the load day to the first and last day of sale. */
  readonly startInDays: number;
  readonly endInDays: number;
  readonly status?: 1 | 2;
  readonly stock?: number;
}

export interface DemoMerchant {
  readonly operId: 1 | 2;
  readonly category: string;
  readonly name: string;
  readonly brand: string;
  readonly place: Place;
  readonly address: string;
  readonly lng: number;
  readonly lat: number;
  readonly hours: readonly [string, string];
  readonly contacter: string;
  readonly phone: string;
  readonly desc: string;
  readonly status?: 1 | 2;
  readonly goods: readonly DemoGoods[];
}

const onSale = (name: string, desc: string, marketPrice: number, price: number, extra: Partial<DemoGoods> = {}): DemoGoods => ({
  name,
  desc,
  marketPrice,
  price,
  startInDays: -30,
  endInDays: 180,
  ...extra,
});

export const DEMO_MERCHANTS: readonly DemoMerchant[] = [
  {
    operId: 1, category: 'hotpot', name: '老北京涮肉（王府井店）', brand: '老北京涮肉', place: DONGCHENG,
    address: '北京市东城区王府井大街255号', lng: 116.4109, lat: 39.9149, hours: ['10:30:00', '22:00:00'],
    contacter: '张经理', phone: '13800000001', desc: '铜锅炭火，手切鲜羊肉。',
    goods: [
      onSale('双人涮肉套餐', '手切羊肉2份、麻酱小料、时蔬拼盘', 26800, 16800),
      onSale('100元代金券', '全场通用，不含酒水', 10000, 8800),
      onSale('限量特价单人餐', '每日限量', 9800, 3900, { stock: 5 }),
      onSale('旧版四人餐（已下架）', '已停售', 49800, 29800, { status: 2 }),
    ],
  },
  {
    operId: 1, category: 'coffee', name: '三里屯咖啡研究所', brand: '咖啡研究所', place: CHAOYANG,
    address: '北京市朝阳区三里屯路19号', lng: 116.4551, lat: 39.937, hours: ['08:00:00', '21:00:00'],
    contacter: '李店长', phone: '13800000002', desc: '单一产地手冲与意式。',
    goods: [
      onSale('任意咖啡两杯', '含手冲', 9600, 5900),
      onSale('下月新品尝鲜券', '下月起可用', 4800, 1900, { startInDays: 30, endInDays: 90 }),
    ],
  },
  {
    operId: 1, category: 'ktv', name: '中关村欢唱KTV', brand: '欢唱', place: HAIDIAN,
    address: '北京市海淀区中关村大街27号', lng: 116.3162, lat: 39.9837, hours: ['12:00:00', '23:59:59'],
    contacter: '王先生', phone: '13800000003', desc: '小包欢唱三小时。',
    goods: [onSale('小包3小时欢唱', '含果盘一份', 29800, 12800)],
  },
  {
    operId: 1, category: 'bbq', name: '陆家嘴江景烧烤', brand: '江景烧烤', place: PUDONG,
    address: '上海市浦东新区陆家嘴环路1000号', lng: 121.5055, lat: 31.2397, hours: ['17:00:00', '23:30:00'],
    contacter: '陈经理', phone: '13800000004', desc: '江景露台，炭火现烤。',
    goods: [onSale('双人烧烤套餐', '烤串20串、饮品2杯', 32800, 19900), onSale('50元代金券', '满200可用', 5000, 4500)],
  },
  {
    operId: 1, category: 'hair', name: '南京东路造型沙龙', brand: '造型沙龙', place: HUANGPU,
    address: '上海市黄浦区南京东路300号', lng: 121.4847, lat: 31.2393, hours: ['10:00:00', '21:00:00'],
    contacter: '赵老师', phone: '13800000005', desc: '资深发型师。',
    goods: [onSale('洗剪吹', '资深发型师', 16800, 6800), onSale('已过期烫发券', '活动已结束', 58800, 19900, { startInDays: -90, endInDays: -1 })],
  },
  {
    operId: 1, category: 'coffee', name: '西湖边的咖啡馆', brand: '湖畔', place: XIHU,
    address: '浙江省杭州市西湖区北山街84号', lng: 120.1485, lat: 30.259, hours: ['09:00:00', '20:00:00'],
    contacter: '周店长', phone: '13800000006', desc: '临湖而坐。',
    goods: [onSale('湖景下午茶双人套餐', '咖啡两杯、甜点两份', 19800, 12800)],
  },
  {
    operId: 1, category: 'hotpot', name: '停业整顿的火锅店', brand: '停业', place: DONGCHENG,
    address: '北京市东城区东单北大街1号', lng: 116.4177, lat: 39.9139, hours: ['10:00:00', '22:00:00'],
    contacter: '无', phone: '13800000007', desc: '已禁用，不应出现在列表中。', status: 2,
    goods: [onSale('禁用商家的套餐', '不应可购买', 10000, 5000)],
  },
  {
    operId: 2, category: 'hotpot', name: '蜀九香火锅（武侯祠店）', brand: '蜀九香', place: WUHOU,
    address: '四川省成都市武侯区武侯祠大街231号', lng: 104.0486, lat: 30.6466, hours: ['11:00:00', '23:00:00'],
    contacter: '刘经理', phone: '13900000001', desc: '牛油锅底，鲜毛肚。',
    goods: [onSale('四人火锅套餐', '鸳鸯锅、毛肚、鸭肠、肥牛', 42800, 26800), onSale('100元代金券', '全场通用', 10000, 8500)],
  },
  {
    operId: 2, category: 'cinema', name: '春熙路影城', brand: '春熙影城', place: JINJIANG,
    address: '四川省成都市锦江区春熙路东段8号', lng: 104.0808, lat: 30.658, hours: ['09:00:00', '23:59:59'],
    contacter: '孙经理', phone: '13900000002', desc: 'IMAX 激光厅。',
    goods: [onSale('2D电影票一张', '周一至周日通用', 8000, 3990)],
  },
  {
    operId: 2, category: 'bbq', name: '天河城夜宵烧烤', brand: '夜宵', place: TIANHE,
    address: '广东省广州市天河区天河路208号', lng: 113.327, lat: 23.1322, hours: ['18:00:00', '02:00:00'],
    contacter: '黄老板', phone: '13900000003', desc: '生蚝现烤。',
    goods: [onSale('生蚝一打', '蒜蓉或原味', 12800, 6800)],
  },
  {
    operId: 2, category: 'coffee', name: '南山科技园咖啡', brand: '码农咖啡', place: NANSHAN,
    address: '广东省深圳市南山区科技园南区高新南一道', lng: 113.953, lat: 22.5405, hours: ['07:30:00', '20:00:00'],
    contacter: '吴店长', phone: '13900000004', desc: '早八人的续命咖啡。',
    goods: [onSale('美式咖啡10杯卡', '工作日可用', 25000, 12900), onSale('下架的拿铁券', '已下架', 3200, 1500, { status: 2 })],
  },
  {
    operId: 2, category: 'ktv', name: '大雁塔欢唱KTV', brand: '欢唱', place: YANTA,
    address: '陕西省西安市雁塔区雁塔路南段', lng: 108.964, lat: 34.2196, hours: ['12:00:00', '23:59:59'],
    contacter: '马经理', phone: '13900000005', desc: '大包派对。',
    goods: [onSale('大包欢唱4小时', '含啤酒一打', 49800, 23800)],
  },
];
