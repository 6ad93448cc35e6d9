import type { Catalogue } from '../catalogue.js';

/** Messages of the feed module (the service and supervision groups). */
export const feedMessages = {
  'feed.not_found': {
    'zh-CN': '该区划还没有服务与监督群',
    'zh-TW': '該區劃還沒有服務與監督群',
    en: 'This region has no service and supervision group',
  },
  'feed.post_not_found': { 'zh-CN': '该帖子不存在或已被删除', 'zh-TW': '該貼文不存在或已被刪除', en: 'This post does not exist' },
  'feed.body_blank': { 'zh-CN': '内容不能只有空格', 'zh-TW': '內容不能只有空格', en: 'The text cannot be blank' },
  'feed.title_blank': { 'zh-CN': '标题不能只有空格', 'zh-TW': '標題不能只有空格', en: 'The title cannot be blank' },
  'feed.reason_blank': { 'zh-CN': '请填写原因', 'zh-TW': '請填寫原因', en: 'Please give a reason' },
  'feed.ack_notice_only': {
    'zh-CN': '只有通知可以要求全体住户确认',
    'zh-TW': '只有通知可以要求全體住戶確認',
    en: 'Only a notice can ask every household to acknowledge it',
  },
  'feed.before_unknown': {
    'zh-CN': '翻页位置无效，请刷新后重试',
    'zh-TW': '翻頁位置無效，請重新整理後重試',
    en: 'The paging position is not a post of this group; reload and try again',
  },
  'feed.reply_to_reply': { 'zh-CN': '只能回复主帖', 'zh-TW': '只能回覆主貼文', en: 'Replies go to the first post of a thread' },
  'feed.post_hidden': {
    'zh-CN': '该内容已被隐藏，不能回复或确认',
    'zh-TW': '該內容已被隱藏，不能回覆或確認',
    en: 'This post is hidden; it cannot be replied to or acknowledged',
  },
  'feed.ack_not_required': { 'zh-CN': '这条内容不需要确认', 'zh-TW': '這條內容不需要確認', en: 'This post does not ask for acknowledgement' },
  'feed.ack_no_household': {
    'zh-CN': '只有本辖区已核实住户的成员可以确认',
    'zh-TW': '只有本轄區已核實住戶的成員可以確認',
    en: 'Only verified members of a household in this area can acknowledge',
  },
  'feed.already_hidden': { 'zh-CN': '该内容已经隐藏', 'zh-TW': '該內容已經隱藏', en: 'This post is already hidden' },
  'feed.not_hidden': { 'zh-CN': '该内容没有被隐藏', 'zh-TW': '該內容沒有被隱藏', en: 'This post is not hidden' },
  'feed.live_unavailable': {
    'zh-CN': '实时更新暂不可用，请下拉刷新查看新消息',
    'zh-TW': '即時更新暫不可用，請下拉重新整理查看新訊息',
    en: 'Live updates are unavailable; refresh to see new posts',
  },
  'feed.hidden_placeholder': { 'zh-CN': '该内容已被管理员隐藏', 'zh-TW': '該內容已被管理員隱藏', en: 'This content was hidden by a moderator' },
  'feed.role.resident': { 'zh-CN': '居民', 'zh-TW': '居民', en: 'Resident' },
  'feed.role.grid_worker': { 'zh-CN': '网格员', 'zh-TW': '網格員', en: 'Grid worker' },
  'feed.role.village_cadre': { 'zh-CN': '村（社区）干部', 'zh-TW': '村（社區）幹部', en: 'Village cadre' },
  'feed.role.supervision_member': { 'zh-CN': '村务监督委员', 'zh-TW': '村務監督委員', en: 'Supervision committee member' },
  'feed.role.township_official': { 'zh-CN': '乡镇（街道）干部', 'zh-TW': '鄉鎮（街道）幹部', en: 'Township official' },
  'feed.role.department_handler': { 'zh-CN': '部门工作人员', 'zh-TW': '部門工作人員', en: 'Department staff' },
  'feed.role.discipline_inspector': { 'zh-CN': '纪检监察干部', 'zh-TW': '紀檢監察幹部', en: 'Discipline inspector' },
  'feed.role.hotline_operator': { 'zh-CN': '热线话务员', 'zh-TW': '熱線話務員', en: 'Hotline operator' },
  'feed.role.volunteer': { 'zh-CN': '志愿者', 'zh-TW': '志願者', en: 'Volunteer' },
  'feed.role.medic': { 'zh-CN': '医护人员', 'zh-TW': '醫護人員', en: 'Medical staff' },
  'feed.role.admin': { 'zh-CN': '平台管理员', 'zh-TW': '平台管理員', en: 'Administrator' },
} as const satisfies Catalogue;
