import type { CasePriority, RoutingLevel } from '../../../common/cases/types.js';

/**
 * The starting dispatch catalogue and routing rules, loaded by migration
 * 1001. Both are data that admins edit afterwards; a change to the defaults
 * for existing installations is a new migration, not an edit here.
 *
 * Time limits follow DOMAIN.md: emergencies 2 h, water/power/gas/heating 24 h,
 * ordinary 7 days (168 h), complex 15 days (360 h).
 */
export interface DefaultCategory {
  code: string;
  name: string;
  nameEn: string;
  parent: string | null;
  priority: CasePriority;
  response: number;
  resolution: number;
  keywords: string[];
  confidential?: boolean;
  anonymity?: boolean;
}

const EMERGENCY = { priority: 'emergency' as const, response: 1, resolution: 2 };
const UTILITY = { priority: 'urgent' as const, response: 2, resolution: 24 };
const ORDINARY = { priority: 'normal' as const, response: 24, resolution: 168 };
const COMPLEX = { priority: 'normal' as const, response: 24, resolution: 360 };

export const DEFAULT_CATEGORIES: DefaultCategory[] = [
  { code: 'emergency', name: '紧急求助', nameEn: 'Emergencies', parent: null, ...EMERGENCY, keywords: ['紧急', '危险', '救命'] },
  { code: 'emergency.safety', name: '安全隐患', nameEn: 'Safety hazard', parent: 'emergency', ...EMERGENCY, keywords: ['隐患', '倒塌', '塌陷', '坍塌', '漏电', '起火', '火灾', '坠落', '危房'] },
  { code: 'emergency.gas_leak', name: '燃气泄漏', nameEn: 'Gas leak', parent: 'emergency', ...EMERGENCY, keywords: ['泄漏', '漏气', '煤气味', '燃气味'] },
  { code: 'emergency.trapped', name: '电梯困人', nameEn: 'People trapped in a lift', parent: 'emergency', ...EMERGENCY, keywords: ['困人', '被困', '关在电梯'] },

  { code: 'utilities', name: '水电气暖', nameEn: 'Water, power, gas, heating', parent: null, ...UTILITY, keywords: [] },
  { code: 'utilities.water', name: '供水', nameEn: 'Water supply', parent: 'utilities', ...UTILITY, keywords: ['停水', '水压', '自来水', '水管', '爆管', '水质', '没水', '漏水'] },
  { code: 'utilities.power', name: '供电', nameEn: 'Power supply', parent: 'utilities', ...UTILITY, keywords: ['停电', '断电', '电压', '跳闸', '电线', '没电'] },
  { code: 'utilities.gas', name: '燃气', nameEn: 'Gas supply', parent: 'utilities', ...UTILITY, keywords: ['燃气', '天然气', '煤气', '气压', '停气'] },
  { code: 'utilities.heating', name: '供暖', nameEn: 'Heating', parent: 'utilities', ...UTILITY, keywords: ['暖气', '供暖', '取暖'] },

  { code: 'environment', name: '环境卫生', nameEn: 'Environment', parent: null, ...ORDINARY, keywords: [] },
  { code: 'environment.noise', name: '噪音扰民', nameEn: 'Noise', parent: 'environment', ...ORDINARY, keywords: ['噪音', '噪声', '扰民', '吵', '装修', '施工', '广场舞', '喇叭'] },
  { code: 'environment.garbage', name: '垃圾清运', nameEn: 'Rubbish', parent: 'environment', ...ORDINARY, keywords: ['垃圾', '清运', '垃圾桶', '堆放', '卫生', '保洁'] },
  { code: 'environment.pollution', name: '污染排放', nameEn: 'Pollution', parent: 'environment', ...ORDINARY, keywords: ['污水', '排污', '臭味', '油烟', '黑烟', '污染', '焚烧'] },

  { code: 'infrastructure', name: '市政设施', nameEn: 'Public works', parent: null, ...ORDINARY, keywords: [] },
  { code: 'infrastructure.streetlight', name: '路灯照明', nameEn: 'Street lights', parent: 'infrastructure', ...ORDINARY, keywords: ['路灯', '不亮', '照明', '灯坏'] },
  { code: 'infrastructure.road', name: '道路设施', nameEn: 'Roads', parent: 'infrastructure', ...ORDINARY, keywords: ['道路', '坑洼', '路面', '破损', '井盖', '人行道', '护栏'] },
  { code: 'infrastructure.drainage', name: '排水防涝', nameEn: 'Drainage', parent: 'infrastructure', ...ORDINARY, keywords: ['下水道', '堵塞', '积水', '内涝', '排水', '化粪池'] },

  { code: 'housing', name: '住房物业', nameEn: 'Housing', parent: null, ...ORDINARY, keywords: [] },
  { code: 'housing.elevator', name: '电梯维修', nameEn: 'Lift repairs', parent: 'housing', ...ORDINARY, keywords: ['电梯', '维保', '停运'] },
  { code: 'housing.property', name: '物业管理', nameEn: 'Property management', parent: 'housing', ...ORDINARY, keywords: ['物业', '物业费', '保安', '小区', '门禁', '楼道'] },
  { code: 'housing.renewal', name: '老旧小区改造', nameEn: 'Old-community renewal', parent: 'housing', ...COMPLEX, keywords: ['改造', '加装电梯', '老旧小区', '外墙'] },

  { code: 'traffic', name: '交通出行', nameEn: 'Traffic', parent: null, ...ORDINARY, keywords: [] },
  { code: 'traffic.parking', name: '违章停车', nameEn: 'Illegal parking', parent: 'traffic', ...ORDINARY, keywords: ['违停', '乱停', '停车', '占道', '堵门', '消防通道'] },
  { code: 'traffic.bus', name: '公交出行', nameEn: 'Buses', parent: 'traffic', ...ORDINARY, keywords: ['公交', '站台', '班次', '公交车'] },

  { code: 'social', name: '社会保障', nameEn: 'Social security', parent: null, ...COMPLEX, keywords: [] },
  { code: 'social.assistance', name: '低保救助', nameEn: 'Minimum allowance and relief', parent: 'social', ...COMPLEX, keywords: ['低保', '救助', '困难', '补助', '特困', '临时救助'] },
  { code: 'social.elderly', name: '养老服务', nameEn: 'Elderly care', parent: 'social', ...ORDINARY, keywords: ['养老', '老人', '居家养老', '养老院', '高龄'] },
  { code: 'social.insurance', name: '医保社保', nameEn: 'Medical and social insurance', parent: 'social', ...ORDINARY, keywords: ['医保', '报销', '社保', '社保卡', '养老金'] },

  { code: 'market', name: '市场监管', nameEn: 'Market regulation', parent: null, ...ORDINARY, keywords: [] },
  { code: 'market.food', name: '食品安全', nameEn: 'Food safety', parent: 'market', ...ORDINARY, keywords: ['食品', '过期', '变质', '餐馆', '食物中毒'] },
  { code: 'market.price', name: '价格收费', nameEn: 'Prices and fees', parent: 'market', ...ORDINARY, keywords: ['乱收费', '价格', '收费', '涨价'] },

  { code: 'dispute', name: '矛盾纠纷', nameEn: 'Disputes', parent: null, ...COMPLEX, keywords: [] },
  { code: 'dispute.neighbour', name: '邻里纠纷', nameEn: 'Neighbour disputes', parent: 'dispute', ...COMPLEX, keywords: ['纠纷', '邻居', '吵架', '矛盾'] },
  { code: 'dispute.wages', name: '拖欠工资', nameEn: 'Unpaid wages', parent: 'dispute', ...COMPLEX, keywords: ['工资', '拖欠', '欠薪', '讨薪'] },

  { code: 'supervision', name: '小微权力监督', nameEn: 'Supervision of petty power', parent: null, ...COMPLEX, confidential: true, anonymity: true, keywords: [] },
  { code: 'supervision.village_affairs', name: '村务监督举报', nameEn: 'Village affairs report', parent: 'supervision', ...COMPLEX, confidential: true, anonymity: true, keywords: ['村干部', '优亲厚友', '挪用', '公款', '贪污', '吃拿卡要', '截留'] },

  { code: 'other', name: '其他', nameEn: 'Other', parent: null, ...ORDINARY, keywords: [] },
];

export interface DefaultRule {
  category: string;
  level: RoutingLevel;
  department: string | null;
}

/**
 * Rules for every region (prefix ''). Anything without a rule goes to the
 * village/community itself; a rule whose unit does not exist in a region falls
 * back to it too, so every case reaches someone.
 */
export const DEFAULT_RULES: DefaultRule[] = [
  { category: 'emergency', level: 'township', department: null },
  { category: 'utilities', level: 'county', department: '住建' },
  { category: 'environment.pollution', level: 'county', department: '生态环境' },
  { category: 'infrastructure', level: 'county', department: '城管' },
  { category: 'housing.renewal', level: 'county', department: '住建' },
  { category: 'traffic.parking', level: 'county', department: '交警' },
  { category: 'traffic.bus', level: 'county', department: '交通运输' },
  { category: 'social.assistance', level: 'township', department: null },
  { category: 'social.elderly', level: 'county', department: '民政' },
  { category: 'social.insurance', level: 'county', department: '医保' },
  { category: 'market', level: 'county', department: '市场监管' },
  { category: 'dispute.wages', level: 'county', department: '人社' },
  { category: 'supervision', level: 'township', department: '纪委' },
];
