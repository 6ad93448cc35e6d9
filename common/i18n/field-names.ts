import type { Lang } from './server-messages.js';
import { caseFieldNames } from '../cases/field-names.js';
import { disclosureFieldNames } from '../disclosures/field-names.js';
import { emergencyFieldNames } from '../emergency/field-names.js';

/**
 * Human names of request fields, so a validation error says 「请填写手机号」
 * rather than "phone is required". Unknown fields fall back to their key.
 */
const fieldNames: Record<string, Record<Lang, string>> = {
  ...caseFieldNames,
  ...disclosureFieldNames,
  ...emergencyFieldNames,
  phone: { 'zh-CN': '手机号', 'zh-TW': '手機號碼', en: 'phone number' },
  code: { 'zh-CN': '验证码', 'zh-TW': '驗證碼', en: 'verification code' },
  password: { 'zh-CN': '密码', 'zh-TW': '密碼', en: 'password' },
  login: { 'zh-CN': '账号', 'zh-TW': '帳號', en: 'account' },
  currentPassword: { 'zh-CN': '当前密码', 'zh-TW': '目前密碼', en: 'current password' },
  newPassword: { 'zh-CN': '新密码', 'zh-TW': '新密碼', en: 'new password' },
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
  requiresAck: { 'zh-CN': '@所有人确认', 'zh-TW': '@所有人確認', en: 'acknowledgement request' },
  before: { 'zh-CN': '翻页位置', 'zh-TW': '翻頁位置', en: 'paging position' },
  limit: { 'zh-CN': '条数', 'zh-TW': '筆數', en: 'number of items' },
  kind: { 'zh-CN': '类型', 'zh-TW': '類型', en: 'kind' },
  username: { 'zh-CN': '用户名', 'zh-TW': '使用者名稱', en: 'user name' },
  departmentType: { 'zh-CN': '部门类别', 'zh-TW': '部門類別', en: 'department type' },
  regionPrefix: { 'zh-CN': '区域', 'zh-TW': '區域', en: 'area' },
  parent: { 'zh-CN': '上级区划', 'zh-TW': '上級區劃', en: 'parent region' },
  relation: { 'zh-CN': '与户主关系', 'zh-TW': '與戶主關係', en: 'relation to the head of the household' },
  approve: { 'zh-CN': '审核结果', 'zh-TW': '審核結果', en: 'decision' },
  grantId: { 'zh-CN': '角色授权', 'zh-TW': '角色授權', en: 'role grant' },
  id: { 'zh-CN': '编号', 'zh-TW': '編號', en: 'ID' },
  actorId: { 'zh-CN': '操作人', 'zh-TW': '操作人', en: 'actor' },
  action: { 'zh-CN': '操作类型', 'zh-TW': '操作類型', en: 'action' },
  targetType: { 'zh-CN': '对象类型', 'zh-TW': '對象類型', en: 'target type' },
  targetId: { 'zh-CN': '对象编号', 'zh-TW': '對象編號', en: 'target ID' },
  from: { 'zh-CN': '开始时间', 'zh-TW': '開始時間', en: 'start time' },
  to: { 'zh-CN': '结束时间', 'zh-TW': '結束時間', en: 'end time' },
};

export function fieldName(lang: Lang, field: string): string {
  return fieldNames[field]?.[lang] ?? field;
}
