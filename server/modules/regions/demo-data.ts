/**
 * The Zhuzhou region tree of the demo (DOMAIN.md): province, city, the nine
 * county-level units, every township and street DOMAIN.md lists, the villages
 * and communities the newspaper seeds name, and generated plausible ones so
 * every township has 3–8 (渌口区's 8 towns: 139 in all, as seed 001 says).
 * Pure data: `demoRegions()` always returns the same list.
 */

export interface DemoRegion {
  code: string;
  name: string;
  kind: string;
}

export const PROVINCE: DemoRegion = { code: '430000000000', name: '湖南省', kind: '省' };
export const CITY: DemoRegion = { code: '430200000000', name: '株洲市', kind: '地级市' };

export const COUNTIES: DemoRegion[] = [
  { code: '430202000000', name: '荷塘区', kind: '区' },
  { code: '430203000000', name: '芦淞区', kind: '区' },
  { code: '430204000000', name: '石峰区', kind: '区' },
  { code: '430211000000', name: '天元区', kind: '区' },
  { code: '430212000000', name: '渌口区', kind: '区' },
  { code: '430223000000', name: '攸县', kind: '县' },
  { code: '430224000000', name: '茶陵县', kind: '县' },
  { code: '430225000000', name: '炎陵县', kind: '县' },
  { code: '430281000000', name: '醴陵市', kind: '县级市' },
];

/** [county, 3-digit township code, name without suffix, 街道 | 镇] */
const TOWNSHIP_LIST: [string, string, string, '街道' | '镇'][] = [
  ['430202', '001', '月塘', '街道'],
  ['430202', '002', '茨菇塘', '街道'],
  ['430202', '003', '宋家桥', '街道'],
  ['430202', '004', '桂花', '街道'],
  ['430202', '005', '金山', '街道'],
  ['430202', '100', '仙庾', '镇'],
  ['430203', '001', '贺家土', '街道'],
  ['430203', '002', '建设', '街道'],
  ['430203', '003', '建宁', '街道'],
  ['430203', '004', '董家塅', '街道'],
  ['430203', '005', '庆云', '街道'],
  ['430203', '006', '枫溪', '街道'],
  ['430203', '007', '龙泉', '街道'],
  ['430203', '100', '白关', '镇'],
  ['430204', '001', '田心', '街道'],
  ['430204', '002', '响石岭', '街道'],
  ['430204', '003', '清水塘', '街道'],
  ['430204', '004', '铜塘湾', '街道'],
  ['430204', '005', '井龙', '街道'],
  ['430211', '001', '嵩山路', '街道'],
  ['430211', '002', '泰山路', '街道'],
  ['430211', '003', '栗雨', '街道'],
  ['430211', '101', '群丰', '镇'],
  ['430211', '102', '雷打石', '镇'],
  ['430211', '103', '三门', '镇'],
  ['430212', '100', '渌口', '镇'],
  ['430212', '101', '朱亭', '镇'],
  ['430212', '106', '古岳峰', '镇'],
  ['430212', '107', '淦田', '镇'],
  ['430212', '108', '龙门', '镇'],
  ['430212', '109', '龙潭', '镇'],
  ['430212', '110', '南洲', '镇'],
  ['430212', '111', '龙船', '镇'],
  ['430281', '002', '阳三石', '街道'],
  ['430281', '003', '仙岳山', '街道'],
  ['430281', '004', '国瓷', '街道'],
  ['430281', '006', '来龙门', '街道'],
  ['430281', '102', '白兔潭', '镇'],
  ['430281', '103', '浦口', '镇'],
  ['430281', '105', '王仙', '镇'],
  ['430281', '107', '泗汾', '镇'],
  ['430281', '108', '沈潭', '镇'],
  ['430281', '109', '船湾', '镇'],
  ['430281', '120', '均楚', '镇'],
  ['430281', '121', '东富', '镇'],
  ['430281', '122', '石亭', '镇'],
  ['430281', '125', '孙家湾', '镇'],
  ['430281', '126', '官庄', '镇'],
  ['430281', '127', '嘉树', '镇'],
  ['430281', '128', '板杉', '镇'],
  ['430281', '129', '沩山', '镇'],
  ['430281', '130', '枫林', '镇'],
  ['430281', '131', '李畋', '镇'],
  ['430281', '132', '明月', '镇'],
  ['430281', '133', '左权', '镇'],
  ['430281', '134', '茶山', '镇'],
];

export const TOWNSHIPS: DemoRegion[] = TOWNSHIP_LIST.map(([county, t, name, kind]) => ({
  code: `${county}${t}000`,
  name: `${name}${kind}`,
  kind,
}));

/** Villages and communities named in the seeds (codes assigned per DOMAIN.md: communities 001–199, villages 200+). */
export const NAMED_VILLAGES: DemoRegion[] = [
  // seed 001: 渌口区渌口镇王家洲村, 朱亭镇双江村, 龙门镇花冲村
  { code: '430212100201', name: '王家洲村', kind: '村' },
  { code: '430212101201', name: '双江村', kind: '村' },
  { code: '430212108201', name: '花冲村', kind: '村' },
  // seed 004: 醴陵市白兔潭镇汆溪村; 芦淞区钟鼓岭社区
  { code: '430281102201', name: '汆溪村', kind: '村' },
  { code: '430203003001', name: '钟鼓岭社区', kind: '社区' },
  // seed 003: 茨菇塘街道红旗村, 金山街道跃进村; 月塘街道合泰区域; 庆云街道枫溪花园
  { code: '430202002201', name: '红旗村', kind: '村' },
  { code: '430202005201', name: '跃进村', kind: '村' },
  { code: '430202001001', name: '合泰社区', kind: '社区' },
  { code: '430202001002', name: '月塘社区', kind: '社区' },
  { code: '430202001003', name: '新华社区', kind: '社区' },
  { code: '430202001004', name: '荷塘铺社区', kind: '社区' },
  { code: '430203005001', name: '庆云山社区', kind: '社区' },
  { code: '430203005002', name: '枫溪花园社区', kind: '社区' },
  { code: '430203005003', name: '石宋社区', kind: '社区' },
  // seed 004: 天元区泰山路街道天泰花园
  { code: '430211002001', name: '天泰社区', kind: '社区' },
];

/** 渌口区: 8 towns, 139 villages and communities (seed 001). */
const LUKOU_COUNTS: Record<string, number> = {
  '430212100': 24,
  '430212101': 19,
  '430212106': 16,
  '430212107': 20,
  '430212108': 15,
  '430212109': 16,
  '430212110': 14,
  '430212111': 15,
};

/** Streets whose communities are divided into grids (the seeds' epidemic grid management). */
export const GRIDDED_STREETS = ['430202001', '430203005'];

const VILLAGE_STEMS = [
  '石湾', '松西', '枫仙', '杨柳', '荷叶', '太湖', '新桥', '黄龙', '金星', '长岭', '大塘', '青山', '白石', '凤形', '龙凤',
  '高塘', '樟树', '明星', '柏树', '竹山', '梅林', '湾塘', '光明', '胜利', '和平', '团结', '新民', '东风', '向阳', '朝阳',
  '红星', '建新', '联合', '民主', '先锋', '三星', '五里', '八一', '石塘', '泉塘', '清水', '南塘', '柳树', '桐梓', '桃源',
  '杉树', '天井', '仙井', '马家', '李家', '周家', '谭家', '易家', '彭家', '刘家', '罗家', '唐家', '贺家', '陈家', '丁家',
  '黄家', '张家', '晏家', '洪家', '文家', '凤凰', '瑶山', '江边', '沙坪', '黄泥', '合兴', '观音', '花园', '太平', '大桥',
  '堰塘', '荷花', '新阳', '古塘', '石门', '东山', '西湖', '湘江', '龙泉', '茶园', '杨梅', '桂花', '狮子', '双龙', '金田',
];

const COMMUNITY_STEMS = [
  '建设', '人民', '东风', '长青', '明珠', '和平', '文化', '铁路', '桂园', '滨江', '书香', '金桂', '新塘', '湘水', '红港',
  '站前', '育才', '钻石', '荷花', '南华', '向阳', '幸福', '栗园', '华天', '白石港', '响田', '清水', '车站', '兴隆', '樟树',
];

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A small deterministic PRNG (mulberry32), so every run builds the same tree. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The villages and communities of one township: the named ones, then generated ones up to its count. */
function villagesOf(township: DemoRegion): DemoRegion[] {
  const prefix = township.code.slice(0, 9);
  const rnd = random(Number(prefix.slice(4)));
  const named = NAMED_VILLAGES.filter((v) => v.code.startsWith(prefix));
  const target = Math.max(LUKOU_COUNTS[prefix] ?? 3 + Math.floor(rnd() * 6), named.length);
  const out = [...named];
  const usedNames = new Set(named.map((v) => v.name.replace(/(社区|村)$/, '')));
  const usedCodes = new Set(named.map((v) => v.code));
  const isStreet = township.kind === '街道';
  // Streets are urban: communities only. Towns: the seat's community (two in the bigger towns), then villages.
  const communities = isStreet ? target - named.filter((v) => v.kind === '村').length : target >= 15 ? 2 : 1;
  const townStem = township.name.replace(/(街道|镇)$/, '');
  const communityStems = shuffled(COMMUNITY_STEMS, rnd);
  const villageStems = shuffled(VILLAGE_STEMS, rnd);
  let nextCommunity = 1;
  let nextVillage = 201;
  const take = (stems: string[]) => {
    for (;;) {
      const stem = stems.shift();
      if (!stem) throw new Error(`demo data: out of names for ${township.name}`);
      if (!usedNames.has(stem)) {
        usedNames.add(stem);
        return stem;
      }
    }
  };
  const nextCode = (kind: '社区' | '村') => {
    for (;;) {
      const n = kind === '社区' ? nextCommunity++ : nextVillage++;
      const code = `${prefix}${String(n).padStart(3, '0')}`;
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  };
  let haveCommunities = named.filter((v) => v.kind === '社区').length;
  if (!isStreet && haveCommunities === 0 && !usedNames.has(townStem)) {
    usedNames.add(townStem);
    out.push({ code: nextCode('社区'), name: `${townStem}社区`, kind: '社区' });
    haveCommunities++;
  }
  while (out.length < target) {
    if (haveCommunities < communities) {
      out.push({ code: nextCode('社区'), name: `${take(communityStems)}社区`, kind: '社区' });
      haveCommunities++;
    } else {
      out.push({ code: nextCode('村'), name: `${take(villageStems)}村`, kind: '村' });
    }
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

/** 2–4 grids (15-digit codes) under a community. */
function gridsOf(community: DemoRegion): DemoRegion[] {
  const rnd = random(Number(community.code.slice(6)));
  const count = 2 + Math.floor(rnd() * 3);
  return Array.from({ length: count }, (_, i) => ({
    code: `${community.code}${String(i + 1).padStart(3, '0')}`,
    name: `${community.name}第${CHINESE_ORDINALS[i]}网格`,
    kind: '网格',
  }));
}

let cache: DemoRegion[] | null = null;

/** The whole demo tree, parents before children. */
export function demoRegions(): DemoRegion[] {
  if (cache) return cache;
  const villages = TOWNSHIPS.flatMap(villagesOf);
  const grids = villages
    .filter((v) => v.kind === '社区' && GRIDDED_STREETS.includes(v.code.slice(0, 9)))
    .flatMap(gridsOf);
  cache = [PROVINCE, CITY, ...COUNTIES, ...TOWNSHIPS, ...villages, ...grids];
  return cache;
}

/**
 * Functional departments of the demo: at the city and at 渌口区, 芦淞区, 荷塘区,
 * and the discipline inspectors of every township (below).
 */
export interface DemoDepartment {
  regionCode: string;
  departmentType: string;
  name: string;
  phone: string | null;
}

export function demoDepartments(): DemoDepartment[] {
  const city: DemoDepartment[] = [
    { regionCode: CITY.code, departmentType: '城管', name: '株洲市城市管理和综合执法局', phone: '0731-28681234' },
    { regionCode: CITY.code, departmentType: '交警', name: '株洲市公安局交通警察支队', phone: '0731-22722122' },
    { regionCode: CITY.code, departmentType: '公安', name: '株洲市公安局', phone: '0731-22713110' },
    { regionCode: CITY.code, departmentType: '住建', name: '株洲市住房和城乡建设局', phone: '0731-28681520' },
    { regionCode: CITY.code, departmentType: '卫健', name: '株洲市卫生健康委员会', phone: '0731-28682120' },
    { regionCode: CITY.code, departmentType: '民政', name: '株洲市民政局', phone: '0731-28682349' },
    { regionCode: CITY.code, departmentType: '医保', name: '株洲市医疗保障局', phone: '0731-28683100' },
    { regionCode: CITY.code, departmentType: '人社', name: '株洲市人力资源和社会保障局', phone: '0731-28683333' },
    { regionCode: CITY.code, departmentType: '纪委', name: '株洲市纪委监委', phone: '0731-12388' },
    { regionCode: CITY.code, departmentType: '应急', name: '株洲市应急管理局', phone: '0731-28684119' },
    { regionCode: CITY.code, departmentType: '市场监管', name: '株洲市市场监督管理局', phone: '0731-12315' },
    { regionCode: CITY.code, departmentType: '信访', name: '株洲市信访局', phone: '0731-28685000' },
    { regionCode: CITY.code, departmentType: '政务热线', name: '株洲市12345政务服务便民热线', phone: '12345' },
  ];
  const districts: [string, string][] = [
    ['430212000000', '渌口'],
    ['430203000000', '芦淞'],
    ['430202000000', '荷塘'],
  ];
  const district = districts.flatMap(([code, short], i): DemoDepartment[] => {
    const tel = (n: number) => `0731-2${7 - i}${String(600000 + n * 1111).slice(0, 6)}`;
    return [
      { regionCode: code, departmentType: '城管', name: `${short}区城市管理和综合执法局`, phone: tel(1) },
      { regionCode: code, departmentType: '交警', name: `株洲市公安局${short}分局交通警察大队`, phone: tel(2) },
      { regionCode: code, departmentType: '住建', name: `${short}区住房和城乡建设局`, phone: tel(3) },
      { regionCode: code, departmentType: '卫健', name: `${short}区卫生健康局`, phone: tel(4) },
      { regionCode: code, departmentType: '民政', name: `${short}区民政局`, phone: tel(5) },
      { regionCode: code, departmentType: '医保', name: `${short}区医疗保障局`, phone: tel(6) },
      { regionCode: code, departmentType: '人社', name: `${short}区人力资源和社会保障局`, phone: tel(7) },
      { regionCode: code, departmentType: '纪委', name: `${short}区纪委监委`, phone: tel(8) },
      { regionCode: code, departmentType: '应急', name: `${short}区应急管理局`, phone: tel(9) },
    ];
  });
  return [...city, ...district, ...townshipInspectors()];
}

/**
 * Every town has its own 纪委 (镇纪委, headed by the 镇纪委书记) and every
 * street a 纪工委 (the district 纪委's office in the street). They are
 * departments of type 纪委 at the township, so a confidential report
 * (routing rule supervision → township 纪委) lands in their own queue —
 * not in the township government's, whose officials must never see it, and
 * not at the district unless the district takes it up.
 */
function townshipInspectors(): DemoDepartment[] {
  return TOWNSHIPS.map((t) => ({
    regionCode: t.code,
    departmentType: '纪委',
    name: `${t.name}${t.kind === '街道' ? '纪工委' : '纪委'}`,
    phone: demoOfficePhone(`${t.code}纪委`),
  }));
}

/** A plausible office phone for a region's own unit (Zhuzhou numbers: 0731-2xxxxxxx). */
export function demoOfficePhone(code: string): string {
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) % 10_000_000;
  return `0731-2${String(h).padStart(7, '0')}`;
}
