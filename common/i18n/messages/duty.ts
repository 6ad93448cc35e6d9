import type { Catalogue } from '../catalogue.js';

/** Messages of the duty module (the duty roster and the daily check-in). */
export const dutyMessages = {
  'duty.unit_not_found': { 'zh-CN': '单位不存在', 'zh-TW': '單位不存在', en: 'This unit does not exist' },
  'duty.region_no_unit': { 'zh-CN': '该区划没有对应的单位', 'zh-TW': '該區劃沒有對應的單位', en: 'This region has no unit' },
  'duty.unit_not_region': {
    'zh-CN': '只有区划单位（村、社区、乡镇、街道等）可以排班',
    'zh-TW': '只有區劃單位（村、社區、鄉鎮、街道等）可以排班',
    en: 'Only region units (villages, communities, townships …) keep a duty roster',
  },
  'duty.user_not_eligible': {
    'zh-CN': '该人员不是本单位或上级单位的干部，不能安排值班',
    'zh-TW': '該人員不是本單位或上級單位的幹部，不能安排值班',
    en: 'This person is not a cadre of this unit or a unit above it',
  },
  'duty.date_past': { 'zh-CN': '不能为过去的日期排班', 'zh-TW': '不能為過去的日期排班', en: 'Duty cannot be set for a past date' },
  'duty.range_invalid': {
    'zh-CN': '结束日期不能早于开始日期，且最多查询 {limit} 天',
    'zh-TW': '結束日期不能早於開始日期，且最多查詢 {limit} 天',
    en: 'The end date must not be before the start date, and the range is at most {limit} days',
  },
  'duty.shift_not_found': { 'zh-CN': '该值班安排不存在', 'zh-TW': '該值班安排不存在', en: 'This duty assignment does not exist' },
  'duty.shift_checked_in': {
    'zh-CN': '已签到的值班安排不能修改或删除',
    'zh-TW': '已簽到的值班安排不能修改或刪除',
    en: 'A duty assignment already checked in cannot be changed or removed',
  },
  'duty.shift_past': {
    'zh-CN': '过去的值班安排不能修改或删除',
    'zh-TW': '過去的值班安排不能修改或刪除',
    en: 'A past duty assignment cannot be changed or removed',
  },
  'duty.not_on_duty': {
    'zh-CN': '您今天不在本单位值班，不能签到',
    'zh-TW': '您今天不在本單位值班，不能簽到',
    en: 'You are not on duty for this unit today',
  },
  'duty.already_checked_in': { 'zh-CN': '您今天已经签到过了', 'zh-TW': '您今天已經簽到過了', en: 'You have already checked in today' },
  'duty.check_in_body': {
    'zh-CN': '@所有人，大家好！我是{unit}{name}，今天我值班……有事请在群里留言，我会及时回复。',
    'zh-TW': '@所有人，大家好！我是{unit}{name}，今天我值班……有事請在群裡留言，我會及時回覆。',
    en: '@everyone, hello! I am {name} of {unit}, on duty today… Leave a message here and I will answer promptly.',
  },
} as const satisfies Catalogue;
