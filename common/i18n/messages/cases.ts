import type { Catalogue } from '../catalogue.js';

/** Messages of the case engine (诉求). `{status}` and `{action}` arrive already in the reader's language. */
export const casesMessages = {
  'cases.not_found': { 'zh-CN': '诉求不存在或您无权查看', 'zh-TW': '訴求不存在或您無權查看', en: 'No such case, or you may not see it' },
  'cases.illegal_transition': {
    'zh-CN': '诉求当前状态为“{status}”，不能{action}',
    'zh-TW': '訴求目前狀態為「{status}」，不能{action}',
    en: 'The case is {status}; it cannot be given the action “{action}” now',
  },
  'cases.unknown_category': { 'zh-CN': '没有这个诉求类别', 'zh-TW': '沒有這個訴求類別', en: 'There is no such category' },
  'cases.unknown_region': { 'zh-CN': '没有这个区划', 'zh-TW': '沒有這個區劃', en: 'There is no such region' },
  'cases.unknown_unit': { 'zh-CN': '没有这个单位', 'zh-TW': '沒有這個單位', en: 'There is no such unit' },
  'cases.blank': { 'zh-CN': '{field}不能只填空格', 'zh-TW': '{field}不能只填空白', en: '{field} cannot be blank' },
  'cases.anonymity_not_allowed': {
    'zh-CN': '这类诉求不能匿名提交',
    'zh-TW': '這類訴求不能匿名提交',
    en: 'Cases of this category cannot be anonymous',
  },
  'cases.confidential_not_public': {
    'zh-CN': '监督举报不能公开',
    'zh-TW': '監督舉報不能公開',
    en: 'A supervision report cannot be made public',
  },
  'cases.lat_lng_together': { 'zh-CN': '经度和纬度需要同时填写', 'zh-TW': '經度和緯度需要同時填寫', en: 'Give both latitude and longitude, or neither' },
  'cases.priority_staff_only': {
    'zh-CN': '紧急程度由工作人员确定',
    'zh-TW': '緊急程度由工作人員確定',
    en: 'Only staff may set the priority',
  },
  'cases.caller_fields_hotline_only': {
    'zh-CN': '来电人信息只在热线登记时填写',
    'zh-TW': '來電人資訊只在熱線登記時填寫',
    en: 'Caller details belong to hotline calls only',
  },
  'cases.caller_phone_required': { 'zh-CN': '请填写来电号码', 'zh-TW': '請填寫來電號碼', en: 'The caller’s phone number is required' },
  'cases.hotline_forbidden': {
    'zh-CN': '只有热线座席可以代群众登记诉求',
    'zh-TW': '只有熱線座席可以代民眾登記訴求',
    en: 'Only hotline operators may record a call for a caller',
  },
  'cases.idempotency_mismatch': {
    'zh-CN': '这个提交编号已用于另一条诉求，请刷新页面后重新提交',
    'zh-TW': '這個提交編號已用於另一條訴求，請重新整理頁面後再提交',
    en: 'This Idempotency-Key was already used for a different case',
  },
  'cases.track_phone_required': {
    'zh-CN': '这条诉求未公开，请输入提交人手机号后四位',
    'zh-TW': '這條訴求未公開，請輸入提交人手機號碼後四碼',
    en: 'This case is private: enter the last four digits of the requester’s phone',
  },
  'cases.no_queue': { 'zh-CN': '您没有需要办理的诉求', 'zh-TW': '您沒有需要辦理的訴求', en: 'You have no case queue' },
  'cases.merge_self': { 'zh-CN': '不能合并到诉求本身', 'zh-TW': '不能合併到訴求本身', en: 'A case cannot be merged into itself' },
  'cases.merge_primary_closed': {
    'zh-CN': '只能合并到仍在办理的诉求',
    'zh-TW': '只能合併到仍在辦理的訴求',
    en: 'A case can only be merged into one that is still open',
  },
  'cases.merge_confidential': {
    'zh-CN': '监督举报不能与普通诉求合并',
    'zh-TW': '監督舉報不能與一般訴求合併',
    en: 'A supervision report cannot be merged with an ordinary case',
  },
  'cases.same_unit': { 'zh-CN': '诉求已在该单位', 'zh-TW': '訴求已在該單位', en: 'The case is already with that unit' },
  'cases.confidential_target': {
    'zh-CN': '监督举报只能交给纪检监察机构办理',
    'zh-TW': '監督舉報只能交給紀檢監察機構辦理',
    en: 'A supervision report can only go to discipline inspectors',
  },
  'cases.follow_not_public': {
    'zh-CN': '只能关注公开的诉求',
    'zh-TW': '只能關注公開的訴求',
    en: 'Only public cases can be followed',
  },
  'cases.finished': { 'zh-CN': '诉求已结束，不能再添加照片', 'zh-TW': '訴求已結束，不能再新增照片', en: 'The case is finished; no more photos can be added' },
  'cases.attachment_missing': { 'zh-CN': '请选择要上传的照片', 'zh-TW': '請選擇要上傳的照片', en: 'Choose a photo to upload' },
  'cases.attachment_type': {
    'zh-CN': '只能上传 JPEG、PNG 或 WebP 格式的照片',
    'zh-TW': '只能上傳 JPEG、PNG 或 WebP 格式的照片',
    en: 'Photos must be JPEG, PNG or WebP',
  },
  'cases.attachment_too_large': { 'zh-CN': '照片不能超过 5 MB', 'zh-TW': '照片不能超過 5 MB', en: 'A photo may be at most 5 MB' },
  'cases.attachment_limit': { 'zh-CN': '每条诉求最多 9 张照片', 'zh-TW': '每條訴求最多 9 張照片', en: 'A case may have at most 9 photos' },
  'cases.routing_forbidden': {
    'zh-CN': '只有系统管理员可以修改派单规则',
    'zh-TW': '只有系統管理員可以修改派單規則',
    en: 'Only administrators may change routing rules',
  },
  'cases.unknown_department_type': { 'zh-CN': '没有这种职能部门', 'zh-TW': '沒有這種職能部門', en: 'There is no such kind of department' },
  'cases.department_at_village': {
    'zh-CN': '村（社区）一级没有职能部门',
    'zh-TW': '村（社區）一級沒有職能部門',
    en: 'Villages and communities have no departments',
  },
  'cases.post_not_convertible': {
    'zh-CN': '只有群众的提问或回复可以转为诉求',
    'zh-TW': '只有民眾的提問或回覆可以轉為訴求',
    en: 'Only a resident’s question or reply can become a case',
  },
  'cases.post_already_converted': { 'zh-CN': '这条群消息已转为诉求', 'zh-TW': '這則群訊息已轉為訴求', en: 'This post has already become a case' },
  'cases.confidential_from_post': {
    'zh-CN': '监督举报须由本人提交，不能由群消息转入',
    'zh-TW': '監督舉報須由本人提交，不能由群訊息轉入',
    en: 'A supervision report must come from the reporter, not from a post',
  },
  'cases.anonymous': { 'zh-CN': '匿名群众', 'zh-TW': '匿名民眾', en: 'Anonymous' },
  'cases.requester_self': { 'zh-CN': '提交人', 'zh-TW': '提交人', en: 'Requester' },
  // ---- statistics, exports, deadlines and supervision (cases-ops) ----
  'cases.stats_forbidden': { 'zh-CN': '统计数据仅向工作人员开放', 'zh-TW': '統計資料僅向工作人員開放', en: 'Statistics are for staff only' },
  'cases.stats_scope_forbidden': {
    'zh-CN': '您只能查看本人辖区或本单位的统计',
    'zh-TW': '您只能查看本人轄區或本單位的統計',
    en: 'You may only see the statistics of your own area or unit',
  },
  'cases.stats_bad_day': { 'zh-CN': '{field}不是有效日期（格式 YYYY-MM-DD）', 'zh-TW': '{field}不是有效日期（格式 YYYY-MM-DD）', en: '{field} is not a valid day (YYYY-MM-DD)' },
  'cases.stats_range_order': { 'zh-CN': '开始日期不能晚于结束日期', 'zh-TW': '開始日期不能晚於結束日期', en: 'The start day must not be after the end day' },
  'cases.stats_range_too_long': {
    'zh-CN': '统计区间最长 {max} 天，请缩短日期范围',
    'zh-TW': '統計區間最長 {max} 天，請縮短日期範圍',
    en: 'A period may span at most {max} days; choose a shorter one',
  },
  'cases.stats_unit_or_region': {
    'zh-CN': '区划和单位只能选择其一',
    'zh-TW': '區劃和單位只能選擇其一',
    en: 'Choose either a region or a unit, not both',
  },
  'cases.stats_group_unit': {
    'zh-CN': '按单位统计时只能按类别分组',
    'zh-TW': '按單位統計時只能按類別分組',
    en: 'The figures of one unit can only be grouped by category',
  },
  'cases.stats_region_level': {
    'zh-CN': '请选择市、县区、乡镇街道或村社区',
    'zh-TW': '請選擇市、縣區、鄉鎮街道或村社區',
    en: 'Choose a city, county, township or village',
  },
  'cases.export_too_many': {
    'zh-CN': '符合条件的诉求有 {count} 件，超过导出上限 {max} 件，请缩小筛选范围后再导出',
    'zh-TW': '符合條件的訴求有 {count} 件，超過匯出上限 {max} 件，請縮小篩選範圍後再匯出',
    en: '{count} cases match, more than the {max} an export may hold; narrow the filters and export again',
  },
  'cases.escalation_not_found': { 'zh-CN': '督办事项不存在或您无权查看', 'zh-TW': '督辦事項不存在或您無權查看', en: 'No such supervision item, or you may not see it' },
  'cases.escalation_closed': { 'zh-CN': '该督办事项已办结', 'zh-TW': '該督辦事項已辦結', en: 'This supervision item is already closed' },
  'cases.notification_not_found': { 'zh-CN': '提醒不存在', 'zh-TW': '提醒不存在', en: 'No such notice' },
  'cases.notice.response_warning': {
    'zh-CN': '诉求 {trackingNumber}「{title}」将于 {due} 到达签收时限，请尽快签收',
    'zh-TW': '訴求 {trackingNumber}「{title}」將於 {due} 到達簽收時限，請盡快簽收',
    en: 'Case {trackingNumber} “{title}” must be accepted by {due}',
  },
  'cases.notice.resolution_warning': {
    'zh-CN': '诉求 {trackingNumber}「{title}」将于 {due} 到达办结时限，请抓紧办理',
    'zh-TW': '訴求 {trackingNumber}「{title}」將於 {due} 到達辦結時限，請抓緊辦理',
    en: 'Case {trackingNumber} “{title}” must be resolved by {due}',
  },
  'cases.notice.response_overdue': {
    'zh-CN': '诉求 {trackingNumber}「{title}」已超过签收时限（{due}）仍未签收，请督促本单位处理',
    'zh-TW': '訴求 {trackingNumber}「{title}」已超過簽收時限（{due}）仍未簽收，請督促本單位處理',
    en: 'Case {trackingNumber} “{title}” was not accepted by its deadline ({due}); see that your unit acts on it',
  },
  'cases.notice.escalated': {
    'zh-CN': '诉求 {trackingNumber}「{title}」超过办结时限（{due}），已由{fromUnit}提交上级督办，请在督办台跟进',
    'zh-TW': '訴求 {trackingNumber}「{title}」超過辦結時限（{due}），已由{fromUnit}提交上級督辦，請在督辦台跟進',
    en: 'Case {trackingNumber} “{title}” passed its resolution deadline ({due}) at {fromUnit}; follow it up on the supervision board',
  },
  'cases.escalation_note': {
    'zh-CN': '超过办结时限，已提交{toUnit}督办',
    'zh-TW': '超過辦結時限，已提交{toUnit}督辦',
    en: 'Past the resolution deadline: sent to {toUnit} for supervision',
  },
  'cases.dispatch_pool': { 'zh-CN': '待派单', 'zh-TW': '待派單', en: 'awaiting dispatch' },
} as const satisfies Catalogue;
