import type { Catalogue } from '../catalogue.js';

/** Messages of the regions module. */
export const regionsMessages = {
  'region.unknown': { 'zh-CN': '区划代码 {code} 不存在', 'zh-TW': '區劃代碼 {code} 不存在', en: 'Region code {code} does not exist' },
  'region.not_found': { 'zh-CN': '该区划不存在', 'zh-TW': '該區劃不存在', en: 'This region does not exist' },
  'unit.not_found': { 'zh-CN': '该单位不存在', 'zh-TW': '該單位不存在', en: 'This unit does not exist' },
  'unit.unknown': { 'zh-CN': '所选单位不存在', 'zh-TW': '所選單位不存在', en: 'The chosen unit does not exist' },
  'unit.department_level': {
    'zh-CN': '职能部门只能设在市、县（市、区）或乡镇（街道）',
    'zh-TW': '職能部門只能設在市、縣（市、區）或鄉鎮（街道）',
    en: 'A department can only be set up at city, county or township level',
  },
  'unit.department_exists': {
    'zh-CN': '{region}已有{type}部门：{name}',
    'zh-TW': '{region}已有{type}部門：{name}',
    en: '{region} already has a {type} department: {name}',
  },
  'unit.name_blank': { 'zh-CN': '请填写单位名称', 'zh-TW': '請填寫單位名稱', en: 'Please enter the name of the unit' },
  'unit.nothing_to_change': { 'zh-CN': '没有需要修改的内容', 'zh-TW': '沒有需要修改的內容', en: 'Nothing to change' },
} as const satisfies Catalogue;
