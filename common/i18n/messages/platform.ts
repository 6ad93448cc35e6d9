import type { Catalogue } from '../catalogue.js';

/** Platform messages: errors every route may answer with. */
export const platformMessages = {
  'common.not_found': { 'zh-CN': '您要找的内容不存在或已被删除', 'zh-TW': '您要找的內容不存在或已被刪除', en: 'Not found' },
  'common.internal': { 'zh-CN': '系统繁忙，请稍后再试', 'zh-TW': '系統繁忙，請稍後再試', en: 'Something went wrong; please try again later' },
  'common.malformed_json': { 'zh-CN': '请求内容不是有效的 JSON', 'zh-TW': '請求內容不是有效的 JSON', en: 'The request body is not valid JSON' },
  'common.body_too_large': { 'zh-CN': '提交的内容过大', 'zh-TW': '提交的內容過大', en: 'The request body is too large' },
  'common.unsupported_media': { 'zh-CN': '不支持的内容类型', 'zh-TW': '不支援的內容類型', en: 'Unsupported content type' },
  'common.too_many_requests': { 'zh-CN': '操作太频繁，请稍后再试', 'zh-TW': '操作太頻繁，請稍後再試', en: 'Too many requests; please slow down' },
  'validation.required': { 'zh-CN': '请填写{field}', 'zh-TW': '請填寫{field}', en: '{field} is required' },
  'validation.type': { 'zh-CN': '{field}的格式不正确', 'zh-TW': '{field}的格式不正確', en: '{field} has the wrong type' },
  'validation.format': { 'zh-CN': '{field}的格式不正确', 'zh-TW': '{field}的格式不正確', en: '{field} is not in the right format' },
  'validation.too_long': { 'zh-CN': '{field}最多 {limit} 个字', 'zh-TW': '{field}最多 {limit} 個字', en: '{field} must be at most {limit} characters' },
  'validation.too_short': { 'zh-CN': '{field}至少 {limit} 个字', 'zh-TW': '{field}至少 {limit} 個字', en: '{field} must be at least {limit} characters' },
  'validation.enum': { 'zh-CN': '{field}的取值不在允许范围内', 'zh-TW': '{field}的取值不在允許範圍內', en: '{field} is not one of the allowed values' },
  'validation.range': { 'zh-CN': '{field}超出允许范围', 'zh-TW': '{field}超出允許範圍', en: '{field} is out of range' },
  'validation.unknown_field': { 'zh-CN': '不认识的字段 {field}', 'zh-TW': '不認識的欄位 {field}', en: 'Unknown field {field}' },
  'validation.invalid': { 'zh-CN': '{field}填写有误，请检查', 'zh-TW': '{field}填寫有誤，請檢查', en: '{field} is invalid' },
  'auth.required': { 'zh-CN': '请先登录', 'zh-TW': '請先登入', en: 'Please sign in first' },
  'auth.forbidden': { 'zh-CN': '您没有权限进行此操作', 'zh-TW': '您沒有權限進行此操作', en: 'You are not allowed to do this' },
  'auth.csrf': { 'zh-CN': '页面已过期，请刷新后重试', 'zh-TW': '頁面已過期，請重新整理後重試', en: 'The page has expired; reload and try again' },
} as const satisfies Catalogue;

