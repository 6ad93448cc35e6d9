import type { Lang } from '../i18n/catalogue.js';
import type { Labels } from '../labels.js';
import type { ErrandAction, ErrandState } from './errand-states.js';
import type { Line, RiskLevel, TaskStatus, TripStatus, Urgency } from './types.js';

/** Labels of the emergency vocabulary in the three languages (the web and the server's messages use them). */

export const LINE_LABELS: Labels<Line> = {
  supervision: { 'zh-CN': '监管', 'zh-TW': '監管', en: 'supervision' },
  supply: { 'zh-CN': '保障', 'zh-TW': '保障', en: 'supplies' },
  testing: { 'zh-CN': '核酸', 'zh-TW': '核酸', en: 'testing' },
  transfer: { 'zh-CN': '转运', 'zh-TW': '轉運', en: 'transfers' },
  publicity: { 'zh-CN': '宣传', 'zh-TW': '宣傳', en: 'publicity' },
};

export const TASK_STATUS_LABELS: Labels<TaskStatus> = {
  open: { 'zh-CN': '待办', 'zh-TW': '待辦', en: 'open' },
  in_progress: { 'zh-CN': '进行中', 'zh-TW': '進行中', en: 'in progress' },
  done: { 'zh-CN': '已完成', 'zh-TW': '已完成', en: 'done' },
  cancelled: { 'zh-CN': '已取消', 'zh-TW': '已取消', en: 'cancelled' },
};

export const ERRAND_STATE_LABELS: Labels<ErrandState> = {
  open: { 'zh-CN': '待认领', 'zh-TW': '待認領', en: 'open' },
  claimed: { 'zh-CN': '已认领', 'zh-TW': '已認領', en: 'claimed' },
  bought: { 'zh-CN': '已购买', 'zh-TW': '已購買', en: 'bought' },
  at_gate: { 'zh-CN': '已送到小区门口', 'zh-TW': '已送到社區門口', en: 'at the gate' },
  handed_over: { 'zh-CN': '已交接', 'zh-TW': '已交接', en: 'handed over' },
  delivered: { 'zh-CN': '已送到家', 'zh-TW': '已送到家', en: 'delivered' },
  confirmed: { 'zh-CN': '已确认收到', 'zh-TW': '已確認收到', en: 'confirmed' },
  cancelled: { 'zh-CN': '已取消', 'zh-TW': '已取消', en: 'cancelled' },
};

export const ERRAND_ACTION_LABELS: Labels<ErrandAction> = {
  claim: { 'zh-CN': '认领', 'zh-TW': '認領', en: 'claim' },
  release: { 'zh-CN': '退回认领', 'zh-TW': '退回認領', en: 'release' },
  buy: { 'zh-CN': '标记已购买', 'zh-TW': '標記已購買', en: 'mark bought' },
  reach_gate: { 'zh-CN': '送到小区门口', 'zh-TW': '送到社區門口', en: 'reach the gate' },
  hand_over: { 'zh-CN': '拍照交接', 'zh-TW': '拍照交接', en: 'hand over with a photo' },
  deliver: { 'zh-CN': '送到家', 'zh-TW': '送到家', en: 'deliver to the door' },
  confirm: { 'zh-CN': '确认收到', 'zh-TW': '確認收到', en: 'confirm receipt' },
  cancel: { 'zh-CN': '取消求助', 'zh-TW': '取消求助', en: 'cancel' },
};

export const URGENCY_LABELS: Labels<Urgency> = {
  life_critical: { 'zh-CN': '救命急需', 'zh-TW': '救命急需', en: 'life-critical' },
  urgent: { 'zh-CN': '紧急', 'zh-TW': '緊急', en: 'urgent' },
  normal: { 'zh-CN': '一般', 'zh-TW': '一般', en: 'normal' },
};

export const RISK_LEVEL_LABELS: Labels<RiskLevel> = {
  high: { 'zh-CN': '高风险区', 'zh-TW': '高風險區', en: 'high-risk area' },
  medium: { 'zh-CN': '中风险区', 'zh-TW': '中風險區', en: 'medium-risk area' },
  low: { 'zh-CN': '低风险区', 'zh-TW': '低風險區', en: 'low-risk area' },
};

export const TRIP_STATUS_LABELS: Labels<TripStatus> = {
  planned: { 'zh-CN': '已排班', 'zh-TW': '已排班', en: 'planned' },
  dispatched: { 'zh-CN': '已出车', 'zh-TW': '已出車', en: 'dispatched' },
  picked_up: { 'zh-CN': '已接到人', 'zh-TW': '已接到人', en: 'picked up' },
  arrived: { 'zh-CN': '已到达隔离点', 'zh-TW': '已到達隔離點', en: 'arrived' },
  cancelled: { 'zh-CN': '已取消', 'zh-TW': '已取消', en: 'cancelled' },
};

export const STAY_STATUS_LABELS: Labels<'applied' | 'admitted' | 'discharged' | 'transferred' | 'declined' | 'withdrawn'> = {
  applied: { 'zh-CN': '已申请', 'zh-TW': '已申請', en: 'applied' },
  admitted: { 'zh-CN': '已入住', 'zh-TW': '已入住', en: 'admitted' },
  discharged: { 'zh-CN': '已离站', 'zh-TW': '已離站', en: 'discharged' },
  transferred: { 'zh-CN': '已转院', 'zh-TW': '已轉院', en: 'transferred to hospital' },
  declined: { 'zh-CN': '未获接收', 'zh-TW': '未獲接收', en: 'declined' },
  withdrawn: { 'zh-CN': '已撤回', 'zh-TW': '已撤回', en: 'withdrawn' },
};

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A moment as people in Zhuzhou say it (Asia/Shanghai): 「11月15日0时」, 「11月15日8时30分」, "00:00 on 15 November". */
export function shanghaiMoment(at: Date, lang: Lang): string {
  const t = new Date(at.getTime() + 8 * 60 * 60 * 1000);
  const [month, day, hour, minute] = [t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];
  if (lang === 'en') return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} on ${day} ${MONTHS_EN[month]}`;
  return `${month + 1}月${day}日${hour}时${minute ? `${minute}分` : ''}`;
}
