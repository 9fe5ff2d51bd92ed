/** Demo shop: what `npm start` loads into an empty database. Prices are integer fen. */

export const DEMO_OPERATOR = { nickname: '运营小美', role: 'operator' as const };
export const DEMO_SHOPPERS = ['小明', '阿花'];
/** 小明 has been a member for 40 days, with a verified phone; 阿花 just arrived. */
export const DEMO_VETERAN = { nickname: '小明', phone: '13800000001', daysAgo: 40 };

export const DEMO_CATEGORIES = [
  { slug: 'fruit', name: '生鲜水果' },
  { slug: 'snacks', name: '休闲零食' },
  { slug: 'beauty', name: '美妆个护' },
  { slug: 'home', name: '家居日用' },
  { slug: 'digital', name: '数码配件' },
];

interface DemoGoods {
  slug: string;
  category: string;
  title: string;
  subtitle: string;
  priceFen: number;
  originalPriceFen: number | null;
  pointsPrice: number | null;
  stock: number;
  sales: number;
}

export const DEMO_GOODS: DemoGoods[] = [
  { slug: 'cherry', category: 'fruit', title: '智利车厘子 JJ级 2斤装', subtitle: '空运直达 果径28-30mm', priceFen: 13_900, originalPriceFen: 16_900, pointsPrice: null, stock: 200, sales: 1_268 },
  { slug: 'mango', category: 'fruit', title: '海南贵妃芒 5斤装', subtitle: '树上熟 香甜多汁', priceFen: 4_990, originalPriceFen: 5_990, pointsPrice: 4_990, stock: 300, sales: 2_310 },
  { slug: 'rice', category: 'fruit', title: '五常稻花香大米 5kg', subtitle: '当季新米 软糯清香', priceFen: 8_900, originalPriceFen: null, pointsPrice: null, stock: 500, sales: 986 },
  { slug: 'nuts', category: 'snacks', title: '每日坚果礼盒 30袋', subtitle: '6种坚果果干 科学配比', priceFen: 12_900, originalPriceFen: 15_900, pointsPrice: 12_000, stock: 150, sales: 3_420 },
  { slug: 'coffee', category: 'snacks', title: '精品挂耳咖啡 20片', subtitle: '中度烘焙 云南小粒', priceFen: 5_900, originalPriceFen: 6_900, pointsPrice: 5_500, stock: 400, sales: 1_876 },
  { slug: 'tea', category: 'snacks', title: '明前龙井 特级 100g', subtitle: '西湖产区 鲜爽回甘', priceFen: 19_800, originalPriceFen: 25_800, pointsPrice: null, stock: 80, sales: 412 },
  { slug: 'lipstick', category: 'beauty', title: '丝绒雾面口红 #316', subtitle: '显白不挑皮 持久不沾杯', priceFen: 16_900, originalPriceFen: null, pointsPrice: null, stock: 120, sales: 2_045 },
  { slug: 'facemask', category: 'beauty', title: '玻尿酸补水面膜 10片', subtitle: '深层补水 舒缓修护', priceFen: 6_900, originalPriceFen: 9_900, pointsPrice: 6_500, stock: 600, sales: 5_230 },
  { slug: 'towel', category: 'home', title: '新疆长绒棉浴巾', subtitle: 'A类标准 柔软吸水', priceFen: 7_900, originalPriceFen: 9_900, pointsPrice: 7_500, stock: 260, sales: 1_120 },
  { slug: 'cup', category: 'home', title: '316不锈钢保温杯 500ml', subtitle: '12小时长效保温', priceFen: 9_900, originalPriceFen: 12_900, pointsPrice: 9_000, stock: 0, sales: 3_388 },
  { slug: 'earphones', category: 'digital', title: '降噪蓝牙耳机 Pro', subtitle: '主动降噪 30小时续航', priceFen: 39_900, originalPriceFen: 49_900, pointsPrice: null, stock: 90, sales: 764 },
  { slug: 'powerbank', category: 'digital', title: '20000mAh 快充充电宝', subtitle: '22.5W 双向快充', priceFen: 12_900, originalPriceFen: null, pointsPrice: 12_500, stock: 180, sales: 1_594 },
];
