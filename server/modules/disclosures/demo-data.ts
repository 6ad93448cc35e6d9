import type { Direction, FundKind, PaymentMethod } from '../../../common/disclosures/kinds.js';
import { nextPeriod } from '../../../common/disclosures/periods.js';

/**
 * The disclosures of the demo (pure data, deterministic): the twelve months
 * before the current one for 双江村 (with seed 001's water fund: 306,000 yuan
 * approved for water works, 157,600 spent on them, the rest moved to road
 * widening without a decision; the secretary's father on the 低保 list),
 * 王家洲村 and 汆溪村 (clean books, published on
 * time), and every other village of 渌口区's eight towns (a few months late
 * or missing, as on a real board).
 */
export interface DemoFund {
  code: string;
  name: string;
  kind: FundKind;
  purpose: string;
  approvedFen: number;
  approvalDocument: string | null;
  status: 'open' | 'completed';
  decision?: string;
}

export interface DemoEntry {
  date: string;
  voucher: string;
  direction: Direction;
  amountFen: number;
  counterparty: string;
  person: boolean;
  purpose: string;
  fund: string;
  toFund?: string;
  payment: PaymentMethod;
  approvers: string[];
}

export interface DemoMonth {
  period: string;
  /** null: never published (missing); otherwise the day of the next month it was published. */
  publishedDay: number | null;
  entries: DemoEntry[];
}

export interface DemoVillage {
  code: string;
  funds: DemoFund[];
  decisions: { key: string; title: string; subject: string; steps: { step: string; offsetDays: number; present?: number; eligible?: number; inFavour?: number }[] }[];
  months: DemoMonth[];
}

export const SHUANGJIANG = '430212101201';
export const WANGJIAZHOU = '430212100201';
export const CUANXI = '430281102201';

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

const BASE_FUNDS: DemoFund[] = [
  { code: 'JF', name: '村级运转经费', kind: 'general', purpose: '村级组织日常运转', approvedFen: 0, approvalDocument: null, status: 'open' },
  { code: 'DB', name: '低保及困难救助资金', kind: 'livelihood', purpose: '城乡低保、临时救助发放', approvedFen: 0, approvalDocument: null, status: 'open' },
  { code: 'ZC', name: '集体资产资源收益', kind: 'general', purpose: '集体山林、鱼塘、门面租金', approvedFen: 0, approvalDocument: null, status: 'open' },
];
/** 双江村 secretary 李卫东's father, in his household, on the 低保 list (the relative_beneficiary case). */
export const CADRE_RELATIVE = { name: '李德胜', phone: '13907331299' } as const;

const RECIPIENTS = ['谭德明', '易秋菊', '刘建军', '李桂英', '陈国平', '周春华', '罗志强', '彭玉兰'];
const CLEANERS = ['黄冬梅', '贺海军', '王淑芬'];

/** Ordinary months: fees in, bills, cleaners, 低保 out. */
function ordinaryMonth(period: string, rnd: () => number, cadre: string, size: number): DemoEntry[] {
  const day = (d: number) => `${period}-${String(Math.min(d, 28)).padStart(2, '0')}`;
  const yuan = (base: number, spread: number) => Math.round((base + rnd() * spread) * 100);
  const out: DemoEntry[] = [
    { date: day(3), voucher: '', direction: 'income', amountFen: 1_500_000, counterparty: '镇财政所', person: false, purpose: '村级组织运转经费', fund: 'JF', payment: 'bank', approvers: [] },
    { date: day(6), voucher: '', direction: 'income', amountFen: yuan(2000, 3000), counterparty: '村集体鱼塘承包户', person: false, purpose: '鱼塘承包款', fund: 'ZC', payment: 'bank', approvers: [cadre] },
    { date: day(9), voucher: '', direction: 'expense', amountFen: yuan(300, 500), counterparty: '国网供电所', person: false, purpose: '村部电费', fund: 'JF', payment: 'bank', approvers: [cadre] },
    { date: day(12), voucher: '', direction: 'expense', amountFen: yuan(100, 600), counterparty: '朱亭文具店', person: false, purpose: '办公用品', fund: 'JF', payment: 'bank', approvers: [cadre] },
  ];
  for (let i = 0; i < Math.min(size, CLEANERS.length); i++) {
    out.push({ date: day(25), voucher: '', direction: 'expense', amountFen: 180_000, counterparty: CLEANERS[i], person: true, purpose: '保洁员工资', fund: 'JF', payment: 'bank', approvers: [cadre] });
  }
  for (let i = 0; i < size + 2; i++) {
    out.push({ date: day(10), voucher: '', direction: 'expense', amountFen: 69_000, counterparty: RECIPIENTS[i % RECIPIENTS.length], person: true, purpose: '城乡低保金', fund: 'DB', payment: 'bank', approvers: [cadre] });
  }
  out.push({ date: day(8), voucher: '', direction: 'income', amountFen: (size + 2) * 69_000, counterparty: '区民政局', person: false, purpose: '低保资金拨付', fund: 'DB', payment: 'bank', approvers: [] });
  return out;
}

function numbered(period: string, entries: DemoEntry[]): DemoEntry[] {
  return entries
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((e, i) => ({ ...e, voucher: `记-${period.replace('-', '')}-${String(i + 1).padStart(3, '0')}` }));
}

/** The twelve months before `current` (YYYY-MM), oldest first. */
export function demoPeriods(current: string): string[] {
  return Array.from({ length: 12 }, (_, i) => nextPeriod(current, i - 12));
}

export function shuangjiang(current: string): DemoVillage {
  const periods = demoPeriods(current);
  const rnd = random(101201);
  const months: DemoMonth[] = periods.map((period) => ({ period, publishedDay: 10, entries: ordinaryMonth(period, rnd, '李卫东', 3) }));
  const water = (i: number, e: Omit<DemoEntry, 'voucher' | 'date' | 'person' | 'payment' | 'approvers'> & { day: number }) =>
    months[i].entries.push({ ...e, date: `${months[i].period}-${String(e.day).padStart(2, '0')}`, voucher: '', person: false, payment: 'bank', approvers: ['李卫东'] });
  water(3, { day: 5, direction: 'income', amountFen: 30_600_000, counterparty: '渌口区财政局', purpose: '水利建设和美丽乡村建设专项资金拨付', fund: 'SL' });
  water(4, { day: 16, direction: 'expense', amountFen: 8_000_000, counterparty: '株洲兴农水利工程有限公司', purpose: '渠道硬化工程进度款', fund: 'SL' });
  water(5, { day: 18, direction: 'expense', amountFen: 7_760_000, counterparty: '株洲兴农水利工程有限公司', purpose: '山塘清淤工程结算款', fund: 'SL' });
  water(6, { day: 20, direction: 'expense', amountFen: 9_000_000, counterparty: '渌口区路桥工程队', purpose: '村道拓宽工程款', fund: 'SL', toFund: 'DL' });
  water(7, { day: 14, direction: 'expense', amountFen: 5_840_000, counterparty: '渌口区路桥工程队', purpose: '村道拓宽工程尾款', fund: 'SL', toFund: 'DL' });
  // 优亲厚友: from the sixth month the secretary's own father draws 低保 (his household: demo-household.ts).
  for (const m of months.slice(6)) {
    m.entries.push({ date: `${m.period}-10`, voucher: '', direction: 'expense', amountFen: 69_000, counterparty: CADRE_RELATIVE.name, person: true, purpose: '城乡低保金', fund: 'DB', payment: 'bank', approvers: ['李卫东'] });
  }
  // One month published late, one cash payment over the limit.
  months[9].publishedDay = 22;
  months[8].entries.push({ date: `${months[8].period}-11`, voucher: '', direction: 'expense', amountFen: 680_000, counterparty: '朱亭农机站', person: false, purpose: '抽水机维修', fund: 'JF', payment: 'cash', approvers: ['李卫东'] });
  return {
    code: SHUANGJIANG,
    funds: [
      ...BASE_FUNDS,
      { code: 'SL', name: '水利建设和美丽乡村建设项目', kind: 'special', purpose: '渠道硬化、山塘清淤等水利设施建设', approvedFen: 30_600_000, approvalDocument: '渌水发〔专项〕12号', status: 'completed' },
      { code: 'DL', name: '道路拓宽工程', kind: 'project', purpose: '村主干道拓宽', approvedFen: 0, approvalDocument: null, status: 'open' },
    ],
    decisions: [],
    months: months.map((m) => ({ ...m, entries: numbered(m.period, m.entries) })),
  };
}

function clean(code: string, cadre: string, current: string, withProject: boolean): DemoVillage {
  const rnd = random(Number(code.slice(6)));
  const months: DemoMonth[] = demoPeriods(current).map((period) => ({ period, publishedDay: 5 + Math.floor(rnd() * 9), entries: ordinaryMonth(period, rnd, cadre, 4) }));
  const funds = [...BASE_FUNDS];
  const decisions: DemoVillage['decisions'] = [];
  if (withProject) {
    funds.push({ code: 'CB', name: '村部维修改造', kind: 'project', purpose: '村部屋面防水、外墙维修', approvedFen: 8_600_000, approvalDocument: null, status: 'completed', decision: 'cb' });
    decisions.push({
      key: 'cb',
      title: '村部维修改造',
      subject: '村部屋面防水、外墙维修，预算 8.6 万元',
      steps: [
        { step: 'proposal', offsetDays: 0 },
        { step: 'committees', offsetDays: 2 },
        { step: 'party_members', offsetDays: 5, present: 26, eligible: 31, inFavour: 25 },
        { step: 'villagers', offsetDays: 8, present: 38, eligible: 45, inFavour: 36 },
        { step: 'decision_published', offsetDays: 9 },
        { step: 'result_published', offsetDays: 60 },
      ],
    });
    months[5].entries.push({ date: `${months[5].period}-15`, voucher: '', direction: 'expense', amountFen: 5_000_000, counterparty: '渌口建筑工程队', person: false, purpose: '村部维修进度款', fund: 'CB', payment: 'bank', approvers: [cadre] });
    months[6].entries.push({ date: `${months[6].period}-15`, voucher: '', direction: 'expense', amountFen: 3_550_000, counterparty: '渌口建筑工程队', person: false, purpose: '村部维修结算款', fund: 'CB', payment: 'bank', approvers: [cadre] });
    months[4].entries.push({ date: `${months[4].period}-03`, voucher: '', direction: 'income', amountFen: 8_600_000, counterparty: '镇财政所', person: false, purpose: '村部维修以奖代补资金', fund: 'CB', payment: 'bank', approvers: [] });
  }
  return { code, funds, decisions, months: months.map((m) => ({ ...m, entries: numbered(m.period, m.entries) })) };
}

export const wangjiazhou = (current: string) => clean(WANGJIAZHOU, '王建平', current, true);
export const cuanxi = (current: string) => clean(CUANXI, '易建平', current, false);

/** Any other village of 渌口区: the last six months, a few late or missing. */
export function generated(code: string, current: string): DemoVillage {
  const rnd = random(Number(code.slice(4)));
  const months = demoPeriods(current)
    .slice(6)
    .map((period) => {
      const r = rnd();
      return { period, publishedDay: r < 0.08 ? null : r < 0.2 ? 16 + Math.floor(rnd() * 10) : 3 + Math.floor(rnd() * 12), entries: numbered(period, ordinaryMonth(period, rnd, '村干部', 1)) };
    });
  return { code, funds: BASE_FUNDS, decisions: [], months };
}
