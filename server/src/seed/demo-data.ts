/** Demo shop: what `npm start` loads into an empty database. Prices are integer fen. */

export const DEMO_OPERATOR = { nickname: '运营小美', role: 'operator' as const };
/** The demo shop's owner: the one who appoints staff (店员与权限). */
export const DEMO_OWNER = { nickname: '店主老林', role: 'owner' as const };
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

export interface DemoSku {
  name: string;
  priceFen: number;
  stock: number;
}

/** What the detail page shows beyond the goods row: its specs (first = the listed price) and a description. */
export const DEMO_DETAILS: Record<string, { skus: DemoSku[]; description: string }> = {
  cherry: {
    skus: [{ name: '2斤装 JJ级', priceFen: 13_900, stock: 120 }, { name: '5斤礼盒装 JJJ级', priceFen: 35_900, stock: 80 }],
    description: '智利进口车厘子，全程冷链空运直达。果径28-30mm，果肉紧实、甜度高，收到后冷藏保存，建议3天内吃完。',
  },
  mango: {
    skus: [{ name: '5斤装 中果', priceFen: 4_990, stock: 200 }, { name: '5斤装 大果', priceFen: 5_990, stock: 100 }],
    description: '海南三亚产区贵妃芒，树上自然成熟后采摘。果皮红黄相间，果肉细腻无丝、香甜多汁。常温放置1-2天待果皮变软即可食用。',
  },
  rice: {
    skus: [{ name: '5kg 袋装', priceFen: 8_900, stock: 300 }, { name: '10kg 袋装', priceFen: 16_900, stock: 150 }, { name: '5kg 礼盒装', priceFen: 10_900, stock: 50 }],
    description: '黑龙江五常产区稻花香2号，当季新米。米粒饱满、晶莹剔透，蒸煮后软糯清香，冷饭不回生。',
  },
  nuts: {
    skus: [{ name: '30袋 家庭装', priceFen: 12_900, stock: 100 }, { name: '30袋 礼盒装', priceFen: 14_900, stock: 50 }],
    description: '腰果、巴旦木、榛子、核桃、蔓越莓干、蓝莓干6种搭配，每日一袋刚刚好。独立小包装，低温烘焙，不添加额外糖分。',
  },
  coffee: {
    skus: [{ name: '20片 中度烘焙', priceFen: 5_900, stock: 250 }, { name: '20片 深度烘焙', priceFen: 5_900, stock: 150 }],
    description: '云南保山小粒咖啡，精选阿拉比卡豆新鲜烘焙。挂耳设计，挂杯注水即可冲出一杯醇香咖啡，办公出差都方便。',
  },
  tea: {
    skus: [{ name: '100g 罐装', priceFen: 19_800, stock: 60 }, { name: '250g 礼盒装', priceFen: 46_800, stock: 20 }],
    description: '西湖产区明前特级龙井，一芽一叶初展，手工炒制。汤色嫩绿明亮，滋味鲜爽回甘，豆香馥郁。',
  },
  lipstick: {
    skus: [{ name: '#316 豆沙红', priceFen: 16_900, stock: 70 }, { name: '#999 正红', priceFen: 16_900, stock: 50 }],
    description: '丝绒雾面质地，一抹显色，轻薄不拔干。显白百搭，持久不沾杯，日常通勤约会都合适。',
  },
  facemask: {
    skus: [{ name: '10片装', priceFen: 6_900, stock: 400 }, { name: '20片装', priceFen: 12_900, stock: 200 }],
    description: '小分子玻尿酸精华，深层补水、舒缓修护。天丝膜布轻薄服帖，敏感肌也可使用，每周2-3次。',
  },
  towel: {
    skus: [{ name: '浴巾 米白', priceFen: 7_900, stock: 160 }, { name: '浴巾+毛巾 套装', priceFen: 9_900, stock: 100 }],
    description: '新疆长绒棉，A类婴幼儿标准。毛圈柔软蓬松、吸水快不掉毛，可机洗。',
  },
  cup: {
    skus: [{ name: '500ml 月光白', priceFen: 9_900, stock: 0 }, { name: '500ml 曜石黑', priceFen: 9_900, stock: 0 }],
    description: '316医用级不锈钢内胆，真空双层结构，12小时长效保温保冷。一键开盖，单手可操作。',
  },
  earphones: {
    skus: [{ name: '曜石黑', priceFen: 39_900, stock: 50 }, { name: '珍珠白', priceFen: 39_900, stock: 40 }],
    description: '主动降噪，地铁办公都清静。单次续航8小时，配合充电盒共30小时；蓝牙5.3，连接稳定低延迟。',
  },
  powerbank: {
    skus: [{ name: '20000mAh 白色', priceFen: 12_900, stock: 100 }, { name: '20000mAh 黑色', priceFen: 12_900, stock: 80 }],
    description: '20000mAh大容量，22.5W双向快充，可给手机充电约4次。多重安全保护，支持带上飞机。',
  },
};

/** 小明's default delivery address (personal data of a made-up shopper). */
export const DEMO_ADDRESS = {
  name: '小明', phone: '13800000001', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道100号 8号楼1201室',
};

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
