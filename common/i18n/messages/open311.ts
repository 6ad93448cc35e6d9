import type { Catalogue } from '../catalogue.js';

/**
 * Messages of the Open311 GeoReport v2 endpoint (the `description` of its
 * errors) and of the administrators' key management. `{field}` is the
 * GeoReport parameter name as the client sent it (service_code, lat …).
 */
export const open311Messages = {
  'open311.not_found': { 'zh-CN': '没有这个接口或资源', 'zh-TW': '沒有這個介面或資源', en: 'No such resource' },
  'open311.format': { 'zh-CN': '格式只能是 .json 或 .xml', 'zh-TW': '格式只能是 .json 或 .xml', en: 'The format must be .json or .xml' },
  'open311.jurisdiction': { 'zh-CN': '本接口只服务株洲（jurisdiction_id=zhuzhou）', 'zh-TW': '本介面只服務株洲（jurisdiction_id=zhuzhou）', en: 'This endpoint serves jurisdiction_id=zhuzhou only' },
  'open311.api_key_missing': { 'zh-CN': '缺少 api_key：请向管理员申请客户端密钥', 'zh-TW': '缺少 api_key：請向管理員申請用戶端金鑰', en: 'api_key is missing: ask the administrators for a client key' },
  'open311.api_key_invalid': { 'zh-CN': 'api_key 无效或已被吊销', 'zh-TW': 'api_key 無效或已被撤銷', en: 'The api_key is invalid or has been revoked' },
  'open311.service_not_found': { 'zh-CN': '没有这个服务类别（service_code），请先查询 services', 'zh-TW': '沒有這個服務類別（service_code），請先查詢 services', en: 'No such service_code: list the services first' },
  'open311.request_not_found': { 'zh-CN': '没有这个诉求，或它不公开', 'zh-TW': '沒有這個訴求，或它不公開', en: 'No such service request, or it is not public' },
  'open311.token_not_found': { 'zh-CN': '没有这个 token', 'zh-TW': '沒有這個 token', en: 'No such token' },
  'open311.required': { 'zh-CN': '缺少参数 {field}', 'zh-TW': '缺少參數 {field}', en: '{field} is required' },
  'open311.invalid': { 'zh-CN': '参数 {field} 的值无效', 'zh-TW': '參數 {field} 的值無效', en: '{field} is not valid' },
  'open311.too_long': { 'zh-CN': '参数 {field} 太长（最多 {limit} 个字符）', 'zh-TW': '參數 {field} 太長（最多 {limit} 個字元）', en: '{field} is too long (at most {limit} characters)' },
  'open311.location_required': {
    'zh-CN': '请提供位置：lat 和 long，或 address_string',
    'zh-TW': '請提供位置：lat 和 long，或 address_string',
    en: 'Give a location: lat and long, or address_string',
  },
  'open311.lat_long_together': { 'zh-CN': 'lat 和 long 需要同时提供', 'zh-TW': 'lat 和 long 需要同時提供', en: 'Give both lat and long, or neither' },
  'open311.unknown_attribute': { 'zh-CN': '这个服务没有属性 {field}，请查看服务定义', 'zh-TW': '這個服務沒有屬性 {field}，請查看服務定義', en: 'This service has no attribute {field}: see its service definition' },
  'open311.unknown_parameter': { 'zh-CN': '不认识的参数 {field}', 'zh-TW': '不認識的參數 {field}', en: 'Unknown parameter {field}' },
  'open311.unknown_region': { 'zh-CN': '没有这个区划代码（attribute[region_code]）', 'zh-TW': '沒有這個區劃代碼（attribute[region_code]）', en: 'There is no region with this attribute[region_code]' },
  'open311.date_range': {
    'zh-CN': 'start_date 必须早于 end_date，且相隔不超过 90 天',
    'zh-TW': 'start_date 必須早於 end_date，且相隔不超過 90 天',
    en: 'start_date must come before end_date, at most 90 days apart',
  },
  'open311.too_many_ids': { 'zh-CN': '一次最多查询 {limit} 个 service_request_id', 'zh-TW': '一次最多查詢 {limit} 個 service_request_id', en: 'At most {limit} service_request_id values at once' },
  'open311.media_type': { 'zh-CN': '请用 application/x-www-form-urlencoded 提交', 'zh-TW': '請用 application/x-www-form-urlencoded 提交', en: 'Send the request as application/x-www-form-urlencoded' },
  'open311.too_many_requests': { 'zh-CN': '请求太频繁，请稍后再试', 'zh-TW': '請求太頻繁，請稍後再試', en: 'Too many requests: try again shortly' },
  'open311.internal': { 'zh-CN': '服务器内部错误，请稍后再试', 'zh-TW': '伺服器內部錯誤，請稍後再試', en: 'Internal error: try again later' },
  'open311.service_notice': {
    'zh-CN': '已受理，转{unit}办理，预计 {due} 前办结',
    'zh-TW': '已受理，轉{unit}辦理，預計 {due} 前辦結',
    en: 'Received; {unit} handles it, to be resolved by {due}',
  },
  'open311.service_notice_pool': {
    'zh-CN': '已受理，等待派单，预计 {due} 前办结',
    'zh-TW': '已受理，等待派單，預計 {due} 前辦結',
    en: 'Received; waiting for dispatch, to be resolved by {due}',
  },
  'open311.attr_region_code': {
    'zh-CN': '诉求所在的行政区划代码（12 位，如双江村 430212101201）；不填时按 address_string 中的地名判断',
    'zh-TW': '訴求所在的行政區劃代碼（12 位，如雙江村 430212101201）；不填時按 address_string 中的地名判斷',
    en: 'The 12-digit region code of the place (e.g. 430212101201); without it the place names in address_string decide',
  },
  'open311.attr_title': {
    'zh-CN': '诉求标题（2–60 字）；不填时取描述的第一句',
    'zh-TW': '訴求標題（2–60 字）；不填時取描述的第一句',
    en: 'A title (2–60 characters); without it, the first sentence of the description',
  },
  'open311.keys_forbidden': { 'zh-CN': '只有系统管理员可以管理 Open311 密钥', 'zh-TW': '只有系統管理員可以管理 Open311 金鑰', en: 'Only administrators may manage Open311 keys' },
  'open311.key_not_found': { 'zh-CN': '没有这个密钥', 'zh-TW': '沒有這個金鑰', en: 'No such key' },
  'open311.key_revoked': { 'zh-CN': '这个密钥已经吊销', 'zh-TW': '這個金鑰已經撤銷', en: 'This key has already been revoked' },
  'open311.blank': { 'zh-CN': '{field}不能只填空格', 'zh-TW': '{field}不能只填空白', en: '{field} cannot be blank' },
} as const satisfies Catalogue;
