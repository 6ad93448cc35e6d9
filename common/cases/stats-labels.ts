import type { Lang } from '../i18n/catalogue.js';

/**
 * Names of the 三率 figures (GET /api/cases/stats), for the dashboard and
 * the exports. Rates are fractions in the API; exports show percentages.
 */
export const FIGURE_LABELS: Record<string, Record<Lang, string>> = {
  received: { 'zh-CN': '受理量', 'zh-TW': '受理量', en: 'Received' },
  responded: { 'zh-CN': '已签收', 'zh-TW': '已簽收', en: 'Accepted' },
  respondedOnTime: { 'zh-CN': '按时签收', 'zh-TW': '按時簽收', en: 'Accepted on time' },
  responseRate: { 'zh-CN': '响应率', 'zh-TW': '響應率', en: 'Response rate' },
  resolved: { 'zh-CN': '已办结', 'zh-TW': '已辦結', en: 'Resolved' },
  resolvedOnTime: { 'zh-CN': '按时办结', 'zh-TW': '按時辦結', en: 'Resolved on time' },
  resolutionRate: { 'zh-CN': '办结率', 'zh-TW': '辦結率', en: 'Resolution rate' },
  rated: { 'zh-CN': '参评数', 'zh-TW': '參評數', en: 'Rated' },
  satisfied: { 'zh-CN': '满意', 'zh-TW': '滿意', en: 'Satisfied' },
  basicallySatisfied: { 'zh-CN': '基本满意', 'zh-TW': '基本滿意', en: 'Basically satisfied' },
  dissatisfied: { 'zh-CN': '不满意', 'zh-TW': '不滿意', en: 'Dissatisfied' },
  satisfactionRate: { 'zh-CN': '满意率', 'zh-TW': '滿意率', en: 'Satisfaction rate' },
  medianResponseMinutes: { 'zh-CN': '响应时长中位数（分钟）', 'zh-TW': '響應時長中位數（分鐘）', en: 'Median time to accept (min)' },
  medianResolutionMinutes: { 'zh-CN': '办结时长中位数（分钟）', 'zh-TW': '辦結時長中位數（分鐘）', en: 'Median time to resolve (min)' },
  overdue: { 'zh-CN': '当前超期', 'zh-TW': '目前逾期', en: 'Overdue now' },
  resolvedLate: { 'zh-CN': '超期办结', 'zh-TW': '逾期辦結', en: 'Resolved late' },
  reopened: { 'zh-CN': '重办', 'zh-TW': '重辦', en: 'Reopened' },
  open: { 'zh-CN': '办理中', 'zh-TW': '辦理中', en: 'Open' },
  withdrawn: { 'zh-CN': '撤回', 'zh-TW': '撤回', en: 'Withdrawn' },
  rejected: { 'zh-CN': '不予受理', 'zh-TW': '不予受理', en: 'Rejected' },
};

/** Words of the exports besides the figures. */
export const EXPORT_WORDS: Record<string, Record<Lang, string>> = {
  key: { 'zh-CN': '编码', 'zh-TW': '編碼', en: 'Code' },
  label: { 'zh-CN': '名称', 'zh-TW': '名稱', en: 'Name' },
  total: { 'zh-CN': '合计', 'zh-TW': '合計', en: 'Total' },
  period: { 'zh-CN': '时段', 'zh-TW': '時段', en: 'Period' },
  statsSheet: { 'zh-CN': '三率统计', 'zh-TW': '三率統計', en: 'Figures' },
  trendSheet: { 'zh-CN': '趋势', 'zh-TW': '趨勢', en: 'Trend' },
  casesSheet: { 'zh-CN': '诉求清单', 'zh-TW': '訴求清單', en: 'Cases' },
  trackingNumber: { 'zh-CN': '诉求编号', 'zh-TW': '訴求編號', en: 'Tracking number' },
  title: { 'zh-CN': '标题', 'zh-TW': '標題', en: 'Title' },
  category: { 'zh-CN': '类别', 'zh-TW': '類別', en: 'Category' },
  region: { 'zh-CN': '区划', 'zh-TW': '區劃', en: 'Region' },
  unit: { 'zh-CN': '承办单位', 'zh-TW': '承辦單位', en: 'Handling unit' },
  status: { 'zh-CN': '状态', 'zh-TW': '狀態', en: 'Status' },
  priority: { 'zh-CN': '紧急程度', 'zh-TW': '緊急程度', en: 'Priority' },
  channel: { 'zh-CN': '来源渠道', 'zh-TW': '來源管道', en: 'Channel' },
  receivedAt: { 'zh-CN': '受理时间', 'zh-TW': '受理時間', en: 'Received' },
  responseDueAt: { 'zh-CN': '签收时限', 'zh-TW': '簽收時限', en: 'Accept by' },
  resolutionDueAt: { 'zh-CN': '办结时限', 'zh-TW': '辦結時限', en: 'Resolve by' },
  respondedAt: { 'zh-CN': '签收时间', 'zh-TW': '簽收時間', en: 'Accepted at' },
  resolvedAt: { 'zh-CN': '办结时间', 'zh-TW': '辦結時間', en: 'Resolved at' },
  rating: { 'zh-CN': '满意度', 'zh-TW': '滿意度', en: 'Rating' },
  requester: { 'zh-CN': '诉求人', 'zh-TW': '訴求人', en: 'Requester' },
  phone: { 'zh-CN': '联系电话', 'zh-TW': '聯絡電話', en: 'Phone' },
  anonymous: { 'zh-CN': '匿名', 'zh-TW': '匿名', en: 'Anonymous' },
  ownLevel: { 'zh-CN': '本级', 'zh-TW': '本級', en: 'own level' },
  noUnit: { 'zh-CN': '待派单', 'zh-TW': '待派單', en: 'Awaiting dispatch' },
};

/** Rates are shown as percentages with one decimal. */
export function percent(rate: number | null): string {
  return rate === null ? '' : `${(rate * 100).toFixed(1)}%`;
}
