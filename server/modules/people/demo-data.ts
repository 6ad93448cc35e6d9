/**
 * The demo's people (pure data). Where the seeds name a person in a role we
 * use them (白兔潭镇党委书记肖小武 on duty in 汆溪村's group; volunteer 刘翊 and
 * 沁香大包店主 黄玉林 in 庆云街道; 社区医护代表 陈玲; 家庭医生 吴慧贤 in 泰山路街道);
 * the rest are invented. Phones are 0733-style demo numbers (0733 is Zhuzhou's
 * area code) that belong to nobody.
 */
import type { Role } from '../../platform/context.js';

export const DEMO_PASSWORD = 'Lianxin@2026';
export const OTP_HINT = '验证码见控制台/开发发件箱';

export interface DemoStaff {
  who: string;
  name: string;
  username: string;
  phone: string;
  role: Role;
  /** A region unit by region code, or a department by region code and type. */
  unit: { regionCode: string; departmentType?: string };
  /**
   * Where earlier versions of the demo granted this role instead (a region
   * unit by code): the seed withdraws that grant, so a demo database made
   * before the move ends up like a new one.
   */
  formerRegionUnit?: string;
}

export const DEMO_STAFF: DemoStaff[] = [
  { who: '管理员', name: '周建国', username: 'admin', phone: '13807330001', role: 'admin', unit: { regionCode: '430200000000' } },
  { who: '双江村村支书', name: '李卫东', username: 'sjc_shuji', phone: '13807330002', role: 'village_cadre', unit: { regionCode: '430212101201' } },
  { who: '双江村监委会主任', name: '谭秋莲', username: 'sjc_jiandu', phone: '13807330003', role: 'supervision_member', unit: { regionCode: '430212101201' } },
  { who: '朱亭镇干部', name: '刘振华', username: 'zt_ganbu', phone: '13807330004', role: 'township_official', unit: { regionCode: '430212101000' } },
  { who: '朱亭镇纪委书记', name: '陈志刚', username: 'zt_jiwei', phone: '13807330005', role: 'discipline_inspector', unit: { regionCode: '430212101000', departmentType: '纪委' }, formerRegionUnit: '430212101000' },
  { who: '白兔潭镇党委书记', name: '肖小武', username: 'btt_shuji', phone: '13807330006', role: 'township_official', unit: { regionCode: '430281102000' } },
  { who: '汆溪村村支书', name: '易建平', username: 'cxc_shuji', phone: '13807330015', role: 'village_cadre', unit: { regionCode: '430281102201' } },
  { who: '芦淞区城管', name: '王海波', username: 'cg_wang', phone: '13807330007', role: 'department_handler', unit: { regionCode: '430203000000', departmentType: '城管' } },
  { who: '12345话务员', name: '罗敏', username: 'rx_12345', phone: '13807330008', role: 'hotline_operator', unit: { regionCode: '430200000000', departmentType: '政务热线' } },
  { who: '月塘街道网格员', name: '彭丽', username: 'yt_wangge1', phone: '13807330009', role: 'grid_worker', unit: { regionCode: '430202001001001' } },
  { who: '月塘街道网格员', name: '邓勇', username: 'yt_wangge2', phone: '13807330010', role: 'grid_worker', unit: { regionCode: '430202001001002' } },
  { who: '庆云街道志愿者', name: '刘翊', username: 'qy_zhiyuan1', phone: '13807330011', role: 'volunteer', unit: { regionCode: '430203005000' } },
  { who: '庆云街道志愿者', name: '黄玉林', username: 'qy_zhiyuan2', phone: '13807330012', role: 'volunteer', unit: { regionCode: '430203005002' } },
  { who: '庆云街道医护', name: '陈玲', username: 'qy_yihu', phone: '13807330013', role: 'medic', unit: { regionCode: '430203005000' } },
  { who: '钟鼓岭社区主任', name: '何丽娟', username: 'zgl_zhuren', phone: '13807330014', role: 'village_cadre', unit: { regionCode: '430203003001' } },
  { who: '渌口区纪委监委', name: '彭卫国', username: 'lk_jiwei', phone: '13807330016', role: 'discipline_inspector', unit: { regionCode: '430212000000', departmentType: '纪委' } },
  { who: '泰山路家庭医生', name: '吴慧贤', username: 'ts_yisheng', phone: '13807330017', role: 'medic', unit: { regionCode: '430211002000' } },
];

export interface DemoMember {
  name: string;
  phone: string;
  relation: string;
  status: 'verified' | 'pending';
}

export interface DemoHousehold {
  regionCode: string;
  address: string;
  members: DemoMember[];
}

const SURNAMES = ['谭', '易', '刘', '李', '陈', '周', '罗', '彭', '黄', '贺', '王', '张', '曾', '唐', '文', '邓'];
const MEN = ['德明', '建军', '国平', '志强', '海军', '正清', '卫平', '红军', '新民', '长生', '石生', '立新', '家旺', '春生', '运来', '伟'];
const WOMEN = ['秋菊', '桂英', '春华', '玉兰', '冬梅', '淑芬', '金花', '丽华', '秀英', '凤英', '满秀', '小燕', '菊香', '亚萍', '月娥', '芳'];

/**
 * Deterministic, distinct names: the i-th person of the demo, skipping any
 * name already handed out (two 刘凤英 in one village read like a bug).
 */
const usedNames = new Set<string>();
function person(i: number, female: boolean): string {
  for (let k = 0; ; k++) {
    const j = i + k * 17;
    const name = SURNAMES[(j * 7) % SURNAMES.length]! + (female ? WOMEN[(j * 5 + 3 + k) % WOMEN.length]! : MEN[(j * 3 + k) % MEN.length]!);
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return name;
    }
  }
}

/**
 * Verified households of a village: `count` households, every third with a
 * spouse; phones `${phoneBase}NN` for the heads and `${spouseBase}NN` for spouses.
 */
function village(regionCode: string, count: number, phoneBase: string, spouseBase: string, address: (i: number) => string): DemoHousehold[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const head = person(i, i % 5 === 4);
    const members: DemoMember[] = [{ name: head, phone: `${phoneBase}${n}`, relation: '户主', status: 'verified' }];
    if (i % 3 === 0) members.push({ name: person(i + 11, i % 5 !== 4), phone: `${spouseBase}${n}`, relation: '配偶', status: 'verified' });
    return { regionCode, address: address(i), members };
  });
}

/** 双江村3组11号: 8 groups (村民小组), house numbers unique per group. */
const rural = (village: string, groups: number) => (i: number) => `${village}${(i % groups) + 1}组${Math.floor(i / groups) * 3 + 8}号`;

export function demoHouseholds(): DemoHousehold[] {
  usedNames.clear();
  for (const s of DEMO_STAFF) usedNames.add(s.name);
  usedNames.add('谭德明');
  const shuangjiang = village('430212101201', 24, '139073310', '139073311', rural('双江村', 8));
  // The first resident is the demo's 居民（双江村）.
  shuangjiang[0]!.members[0]!.name = '谭德明';
  // A son asking to join his parents' household, and a newcomer registering a new one: the cadre's queue.
  shuangjiang[1]!.members.push({ name: `${shuangjiang[1]!.members[0]!.name.slice(0, 1)}小军`, phone: '13907331201', relation: '子女', status: 'pending' });
  shuangjiang.push({
    regionCode: '430212101201',
    address: '双江村6组21号',
    members: [{ name: '贺新宇', phone: '13907331202', relation: '户主', status: 'pending' }],
  });
  const cuanxi = village('430281102201', 10, '139073320', '139073321', rural('汆溪村', 5));
  const zhonggulin = village('430203003001', 6, '139073330', '139073331', (i) => `书城路${(i % 3) * 2 + 12}号${Math.floor(i / 3) + 1}单元${(i % 2) + 3}0${(i % 2) + 1}室`);
  // seed 004: the family doctor's visit to 易汉钦 in 天泰花园.
  const tiantai: DemoHousehold = {
    regionCode: '430211002001',
    address: '天泰花园3栋502室',
    members: [{ name: '易汉钦', phone: '13907334001', relation: '户主', status: 'verified' }],
  };
  return [...shuangjiang, ...cuanxi, ...zhonggulin, tiantai];
}

/** The residents who appear in the demo sign-in list. */
export const DEMO_RESIDENT_LOGINS: { who: string; phone: string }[] = [
  { who: '居民（双江村）', phone: '13907331001' },
  { who: '居民（汆溪村）', phone: '13907332001' },
];
