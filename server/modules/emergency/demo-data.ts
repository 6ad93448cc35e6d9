/**
 * The November 2022 outbreak in 芦淞区 and 荷塘区, replayed (seeds 001–003),
 * as pure data. Names of officials and volunteers come from the seeds where
 * the newspaper gives them (刘翊, 黄玉林, 陈玲); residents are invented;
 * coordinates are plausible points in Zhuzhou, not surveyed ones.
 */

export const INCIDENT = {
  name: '2022年11月株洲新冠疫情处置（芦淞区、荷塘区）',
  regionCode: '430200000000',
  description: '11月2日起全市静默管理；芦淞、荷塘两区划分工作网格，实行“格长制”，落实“监管、保障、核酸、转运、宣传”五线工作。',
  startedAt: '2022-11-02T16:00:00Z',
};

/** 合泰社区 split into 7 independent sealed zones (seed 003). */
export const HETAI = '430202001001';
export const HETAI_ZONES = ['合泰一区', '合泰二区', '合泰三区', '合泰四区', '合泰五区', '合泰六区', '合泰七区'];
export const HETAI_CENTRE = { lat: 27.8575, lng: 113.1645 };
export const QINGYUN_CENTRE = { lat: 27.8205, lng: 113.146 };

/** Zone leaders (格长): 45 or younger, drawn from across the district (seed 003). */
export const ZONE_LEADERS = ['谢志勇', '曹海平', '龙建军', '汤小兵', '钟伟', '阳红', '苏京'];

/** Residents of 庆云街道 who ask for help, with the community whose first grid they live in. */
export const QINGYUN_RESIDENTS = [
  { key: 'dialysis', name: '罗建华', phone: '13907335001', community: '430203005001', address: '庆云山庄5栋1单元302室', relation: '户主' },
  { key: 'formula', name: '张晓燕', phone: '13907335002', community: '430203005002', address: '百江花园2栋601室', relation: '户主' },
  { key: 'heart', name: '黄德胜', phone: '13907335003', community: '430203005001', address: '金碧花园8栋203室', relation: '户主' },
  { key: 'pressure', name: '李淑芬', phone: '13907335004', community: '430203005003', address: '山水国际3栋1102室', relation: '户主' },
  { key: 'insulin', name: '周桂英', phone: '13907335005', community: '430203005001', address: '庆云山庄2栋402室', relation: '户主' },
  { key: 'valsartan', name: '文长生', phone: '13907335006', community: '430203005002', address: '枫溪花园6栋101室', relation: '户主' },
] as const;

export const SHOPS = {
  jianshe: { name: '建设路老百姓大药房', lat: 27.8262, lng: 113.1423 },
  baijiang: { name: '百江花园旁母婴店', lat: 27.8189, lng: 113.1512 },
};

export interface DemoNeed {
  requester: (typeof QINGYUN_RESIDENTS)[number]['key'];
  compound: string;
  building: string;
  urgency: 'life_critical' | 'urgent' | 'normal';
  point: { lat: number; lng: number };
  shop: keyof typeof SHOPS | null;
  items: { kind: string; name: string; strength: string | null; quantity: number; unit: string; toBuy: boolean }[];
  note: string;
  /** How far the errand has gone, and who runs it. */
  status: 'open' | 'claimed' | 'bought' | 'at_gate' | 'confirmed';
  runner: '刘翊' | '黄玉林' | null;
  postedAt: string;
}

export const NEEDS: DemoNeed[] = [
  {
    requester: 'dialysis',
    compound: '庆云山庄',
    building: '5栋1单元302室',
    urgency: 'life_critical',
    point: { lat: 27.8218, lng: 113.1489 },
    shop: 'jianshe',
    items: [
      { kind: 'dialysis_drug', name: '碳酸司维拉姆片', strength: '800mg', quantity: 2, unit: '盒', toBuy: true },
      { kind: 'dialysis_drug', name: '骨化三醇软胶囊', strength: '0.25μg', quantity: 1, unit: '盒', toBuy: true },
    ],
    note: '古稀老人，血透术后用药，家里一点备用药都没有了',
    status: 'claimed',
    runner: '刘翊',
    postedAt: '2022-11-13T07:20:00Z',
  },
  {
    requester: 'formula',
    compound: '百江花园',
    building: '2栋601室',
    urgency: 'urgent',
    point: { lat: 27.8192, lng: 113.1518 },
    shop: 'baijiang',
    items: [{ kind: 'infant_formula', name: '氨基酸配方脱敏奶粉', strength: null, quantity: 2, unit: '罐', toBuy: true }],
    note: '宝宝喝的是脱敏配方，快要断粮了',
    status: 'confirmed',
    runner: '刘翊',
    postedAt: '2022-11-14T01:05:00Z',
  },
  {
    requester: 'heart',
    compound: '金碧花园',
    building: '8栋203室',
    urgency: 'urgent',
    point: { lat: 27.8241, lng: 113.153 },
    shop: 'jianshe',
    items: [
      { kind: 'medicine', name: '单硝酸异山梨酯缓释片', strength: '40mg', quantity: 2, unit: '盒', toBuy: true },
      { kind: 'medicine', name: '阿司匹林肠溶片', strength: '100mg', quantity: 1, unit: '盒', toBuy: true },
    ],
    note: '冠心病用药',
    status: 'claimed',
    runner: '刘翊',
    postedAt: '2022-11-13T00:10:00Z',
  },
  {
    requester: 'pressure',
    compound: '山水国际',
    building: '3栋1102室',
    urgency: 'normal',
    point: { lat: 27.8172, lng: 113.1448 },
    shop: 'jianshe',
    items: [{ kind: 'medicine', name: '硝苯地平控释片', strength: '30mg', quantity: 1, unit: '盒', toBuy: true }],
    note: '降压药还剩两天',
    status: 'bought',
    runner: '刘翊',
    postedAt: '2022-11-13T02:30:00Z',
  },
  {
    requester: 'insulin',
    compound: '庆云山庄',
    building: '2栋402室',
    urgency: 'life_critical',
    point: { lat: 27.8221, lng: 113.1494 },
    shop: null,
    items: [{ kind: 'medicine', name: '门冬胰岛素注射液', strength: '3ml:300单位', quantity: 2, unit: '支', toBuy: true }],
    note: '糖尿病，胰岛素明天就用完',
    status: 'open',
    runner: null,
    postedAt: '2022-11-14T03:40:00Z',
  },
  {
    requester: 'valsartan',
    compound: '枫溪花园',
    building: '6栋101室',
    urgency: 'normal',
    point: { lat: 27.815, lng: 113.1535 },
    shop: null,
    items: [
      { kind: 'medicine', name: '缬沙坦胶囊', strength: '80mg', quantity: 1, unit: '盒', toBuy: true },
      { kind: 'food', name: '面粉', strength: null, quantity: 1, unit: '袋', toBuy: false },
    ],
    note: '面粉邻居已放在门岗，请帮忙带上楼',
    status: 'open',
    runner: null,
    postedAt: '2022-11-14T05:00:00Z',
  },
];

/** The six hotels of seed 001 (phones as printed), opened on 26 December 2022. */
export const STATIONS = [
  { name: '天元区株洲高科豪亚酒店', district: '430211000000', phone: '28599999', lat: 27.833, lng: 113.089, rooms: 36, price: 16800 },
  { name: '芦淞区万方酒店', district: '430203000000', phone: '22128999', lat: 27.8222, lng: 113.1517, rooms: 30, price: 15800 },
  { name: '芦淞区维也纳国际酒店中心广场店', district: '430203000000', phone: '28513888', lat: 27.829, lng: 113.147, rooms: 40, price: 18800 },
  { name: '荷塘区荷都宾馆', district: '430202000000', phone: '28413370', lat: 27.8555, lng: 113.165, rooms: 24, price: 12800 },
  { name: '石峰区明峰宾馆', district: '430204000000', phone: '22628888', lat: 27.876, lng: 113.123, rooms: 28, price: 13800 },
  { name: '渌口区玉龙山庄酒店', district: '430212000000', phone: '27625636', lat: 27.7, lng: 113.146, rooms: 20, price: 11800 },
];
export const STATION_SERVICES = ['管吃', '管住', '管药', '健康监测', '定期消毒保洁', '安保'];
/** 全市新冠重症定点救治医院 (seed 001). */
export const DESIGNATED_HOSPITAL = '株洲市中心医院';
export const STATIONS_OPENED = '2022-12-26T01:00:00Z';

export const ISOLATION_POINTS = [
  { name: '芦淞区集中隔离点（白关）', lat: 27.783, lng: 113.205, capacity: 300 },
  { name: '芦淞区集中隔离点（董家塅）', lat: 27.795, lng: 113.13, capacity: 200 },
];

/** 「10名司机10辆车一夜不停」 (seed 003). */
export const DRIVERS = ['王建平', '李国栋', '赵勇', '陈志华', '刘明', '杨光', '黄海', '周强', '吴军', '徐斌'];
export const TRANSFER_NIGHT = '2022-11-11T11:00:00Z';

const SURNAMES = ['谭', '易', '刘', '李', '陈', '周', '罗', '彭', '黄', '贺', '王', '张', '曾', '唐', '文', '邓', '龙', '肖'];
const GIVEN = ['建国', '秋菊', '志强', '桂英', '海军', '玉兰', '卫平', '冬梅', '新民', '丽华', '长生', '秀英', '立新', '凤英', '春生', '小燕', '运来', '月娥'];

/** A deterministic name for the n-th generated person. */
export function demoName(n: number): string {
  return SURNAMES[n % SURNAMES.length]! + GIVEN[(n * 7 + 3) % GIVEN.length]!;
}
