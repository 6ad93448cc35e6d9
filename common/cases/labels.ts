import type { Lang } from '../i18n/catalogue.js';
import { labelOf, type Labels } from '../labels.js';
import type { CaseAction, CaseStatus } from './states.js';
import type { CaseChannel, CasePriority, CaseRating } from './types.js';

/** What people call each state (the progress page, the staff console, error messages). */
export const STATUS_LABELS: Labels<CaseStatus> = {
  submitted: { 'zh-CN': '已提交', 'zh-TW': '已提交', en: 'Submitted' },
  assigned: { 'zh-CN': '已派单', 'zh-TW': '已派單', en: 'Assigned' },
  accepted: { 'zh-CN': '已受理', 'zh-TW': '已受理', en: 'Accepted' },
  in_progress: { 'zh-CN': '办理中', 'zh-TW': '辦理中', en: 'In progress' },
  resolved: { 'zh-CN': '已办结', 'zh-TW': '已辦結', en: 'Resolved' },
  closed: { 'zh-CN': '已评价归档', 'zh-TW': '已評價歸檔', en: 'Closed' },
  transferred: { 'zh-CN': '已转办', 'zh-TW': '已轉辦', en: 'Transferred' },
  returned: { 'zh-CN': '已退回', 'zh-TW': '已退回', en: 'Returned to dispatch' },
  merged: { 'zh-CN': '已合并', 'zh-TW': '已合併', en: 'Merged' },
  rejected: { 'zh-CN': '不予受理', 'zh-TW': '不予受理', en: 'Rejected' },
  withdrawn: { 'zh-CN': '已撤回', 'zh-TW': '已撤回', en: 'Withdrawn' },
  reopened: { 'zh-CN': '重新办理', 'zh-TW': '重新辦理', en: 'Reopened' },
};

export const ACTION_LABELS: Labels<CaseAction> = {
  route: { 'zh-CN': '自动派单', 'zh-TW': '自動派單', en: 'route' },
  assign: { 'zh-CN': '派单', 'zh-TW': '派單', en: 'assign' },
  accept: { 'zh-CN': '受理', 'zh-TW': '受理', en: 'accept' },
  reply: { 'zh-CN': '回复', 'zh-TW': '回覆', en: 'reply' },
  request_info: { 'zh-CN': '请群众补充材料', 'zh-TW': '請民眾補充資料', en: 'request information' },
  add_info: { 'zh-CN': '补充材料', 'zh-TW': '補充資料', en: 'add information' },
  transfer: { 'zh-CN': '转办', 'zh-TW': '轉辦', en: 'transfer' },
  return: { 'zh-CN': '退回', 'zh-TW': '退回', en: 'return to dispatch' },
  merge: { 'zh-CN': '合并', 'zh-TW': '合併', en: 'merge' },
  reject: { 'zh-CN': '不予受理', 'zh-TW': '不予受理', en: 'reject' },
  resolve: { 'zh-CN': '办结', 'zh-TW': '辦結', en: 'resolve' },
  rate: { 'zh-CN': '确认评价', 'zh-TW': '確認評價', en: 'confirm and rate' },
  reopen: { 'zh-CN': '要求重办', 'zh-TW': '要求重辦', en: 'reopen' },
  withdraw: { 'zh-CN': '撤回', 'zh-TW': '撤回', en: 'withdraw' },
};

export const RATING_LABELS: Labels<CaseRating> = {
  satisfied: { 'zh-CN': '满意', 'zh-TW': '滿意', en: 'Satisfied' },
  basically_satisfied: { 'zh-CN': '基本满意', 'zh-TW': '基本滿意', en: 'Basically satisfied' },
  dissatisfied: { 'zh-CN': '不满意', 'zh-TW': '不滿意', en: 'Dissatisfied' },
};

export const CHANNEL_LABELS: Labels<CaseChannel> = {
  app: { 'zh-CN': '网上提交', 'zh-TW': '網上提交', en: 'Online' },
  hotline: { 'zh-CN': '热线电话', 'zh-TW': '熱線電話', en: 'Hotline' },
  feed: { 'zh-CN': '群内反映', 'zh-TW': '群內反映', en: 'From a group post' },
  open311: { 'zh-CN': 'Open311 接口', 'zh-TW': 'Open311 介面', en: 'Open311' },
};

export const PRIORITY_LABELS: Labels<CasePriority> = {
  emergency: { 'zh-CN': '紧急', 'zh-TW': '緊急', en: 'Emergency' },
  urgent: { 'zh-CN': '加急', 'zh-TW': '加急', en: 'Urgent' },
  normal: { 'zh-CN': '一般', 'zh-TW': '一般', en: 'Normal' },
};

export function statusLabel(lang: Lang, status: CaseStatus): string {
  return labelOf(STATUS_LABELS, status, lang);
}

export function actionLabel(lang: Lang, action: CaseAction): string {
  return labelOf(ACTION_LABELS, action, lang);
}
