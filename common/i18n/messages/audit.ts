import type { Catalogue } from '../catalogue.js';

/** Messages of the audit module: errors of the audit view and the CSV column titles. */
export const auditMessages = {
  'audit.forbidden': {
    'zh-CN': '只有系统管理员可以查看审计日志',
    'zh-TW': '只有系統管理員可以查看稽核日誌',
    en: 'Only administrators may read the audit log',
  },
  'audit.invalid_time': {
    'zh-CN': '{field}不是有效的日期或时间',
    'zh-TW': '{field}不是有效的日期或時間',
    en: '{field} is not a valid date or time',
  },
  'audit.range_reversed': {
    'zh-CN': '结束时间必须晚于开始时间',
    'zh-TW': '結束時間必須晚於開始時間',
    en: 'The end of the period must come after its start',
  },
  'audit.export_too_large': {
    'zh-CN': '符合条件的记录超过 {limit} 条，请缩小时间范围后再导出',
    'zh-TW': '符合條件的紀錄超過 {limit} 筆，請縮小時間範圍後再匯出',
    en: 'More than {limit} entries match; narrow the period and export again',
  },
  'audit.csv.id': { 'zh-CN': '编号', 'zh-TW': '編號', en: 'No.' },
  'audit.csv.time': { 'zh-CN': '时间（北京时间）', 'zh-TW': '時間（北京時間）', en: 'Time (Beijing time)' },
  'audit.csv.actor_id': { 'zh-CN': '操作人编号', 'zh-TW': '操作人編號', en: 'Actor ID' },
  'audit.csv.actor_name': { 'zh-CN': '操作人', 'zh-TW': '操作人', en: 'Actor' },
  'audit.csv.actor_roles': { 'zh-CN': '角色', 'zh-TW': '角色', en: 'Roles' },
  'audit.csv.action': { 'zh-CN': '操作', 'zh-TW': '操作', en: 'Action' },
  'audit.csv.target_type': { 'zh-CN': '对象类型', 'zh-TW': '對象類型', en: 'Target type' },
  'audit.csv.target_id': { 'zh-CN': '对象编号', 'zh-TW': '對象編號', en: 'Target ID' },
  'audit.csv.ip': { 'zh-CN': 'IP 地址', 'zh-TW': 'IP 位址', en: 'IP address' },
  'audit.csv.before': { 'zh-CN': '变更前（摘要）', 'zh-TW': '變更前（摘要）', en: 'Before (summary)' },
  'audit.csv.after': { 'zh-CN': '变更后（摘要）', 'zh-TW': '變更後（摘要）', en: 'After (summary)' },
  'audit.actor.system': { 'zh-CN': '系统', 'zh-TW': '系統', en: 'System' },
} as const satisfies Catalogue;
