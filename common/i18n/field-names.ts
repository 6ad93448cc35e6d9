import type { Lang } from './server-messages.js';

/**
 * Human names of request fields, so a validation error says 「请填写手机号」
 * rather than "phone is required". Unknown fields fall back to their key.
 */
const fieldNames: Record<string, Record<Lang, string>> = {
  phone: { 'zh-CN': '手机号', 'zh-TW': '手機號碼', en: 'phone number' },
  code: { 'zh-CN': '验证码', 'zh-TW': '驗證碼', en: 'verification code' },
  password: { 'zh-CN': '密码', 'zh-TW': '密碼', en: 'password' },
  login: { 'zh-CN': '账号', 'zh-TW': '帳號', en: 'account' },
  name: { 'zh-CN': '姓名', 'zh-TW': '姓名', en: 'name' },
  body: { 'zh-CN': '内容', 'zh-TW': '內容', en: 'text' },
  title: { 'zh-CN': '标题', 'zh-TW': '標題', en: 'title' },
  regionCode: { 'zh-CN': '区划代码', 'zh-TW': '區劃代碼', en: 'region code' },
  unitId: { 'zh-CN': '单位', 'zh-TW': '單位', en: 'unit' },
  role: { 'zh-CN': '角色', 'zh-TW': '角色', en: 'role' },
  date: { 'zh-CN': '日期', 'zh-TW': '日期', en: 'date' },
  page: { 'zh-CN': '页码', 'zh-TW': '頁碼', en: 'page' },
  pageSize: { 'zh-CN': '每页条数', 'zh-TW': '每頁筆數', en: 'page size' },
  address: { 'zh-CN': '地址', 'zh-TW': '地址', en: 'address' },
  householdId: { 'zh-CN': '户', 'zh-TW': '戶', en: 'household' },
  userId: { 'zh-CN': '人员', 'zh-TW': '人員', en: 'person' },
};

export function fieldName(lang: Lang, field: string): string {
  return fieldNames[field]?.[lang] ?? field;
}
