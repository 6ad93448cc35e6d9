import type { Lang } from '../i18n/catalogue.js';

/** Human names of the disclosures module's request fields (merged into common/i18n/field-names.ts). */
export const disclosureFieldNames: Record<string, Record<Lang, string>> = {
  period: { 'zh-CN': '所属月份', 'zh-TW': '所屬月份', en: 'period' },
  kind: { 'zh-CN': '公开类别', 'zh-TW': '公開類別', en: 'kind' },
  entryDate: { 'zh-CN': '日期', 'zh-TW': '日期', en: 'date' },
  voucherNo: { 'zh-CN': '凭证号', 'zh-TW': '憑證號', en: 'voucher number' },
  direction: { 'zh-CN': '收支类型', 'zh-TW': '收支類型', en: 'direction' },
  amountFen: { 'zh-CN': '金额（分）', 'zh-TW': '金額（分）', en: 'amount (fen)' },
  counterparty: { 'zh-CN': '对方单位', 'zh-TW': '對方單位', en: 'counterparty' },
  purpose: { 'zh-CN': '摘要', 'zh-TW': '摘要', en: 'purpose' },
  fundId: { 'zh-CN': '资金（项目）', 'zh-TW': '資金（項目）', en: 'fund' },
  toFundId: { 'zh-CN': '转入项目', 'zh-TW': '轉入項目', en: 'receiving project' },
  decisionId: { 'zh-CN': '决议', 'zh-TW': '決議', en: 'decision' },
  approvedFen: { 'zh-CN': '批准金额（分）', 'zh-TW': '批准金額（分）', en: 'approved amount (fen)' },
  heldOn: { 'zh-CN': '会议日期', 'zh-TW': '會議日期', en: 'meeting date' },
  present: { 'zh-CN': '到会人数', 'zh-TW': '到會人數', en: 'present' },
  entryIds: { 'zh-CN': '所涉台账', 'zh-TW': '所涉台帳', en: 'entries' },
  dueDay: { 'zh-CN': '公开截止日', 'zh-TW': '公開截止日', en: 'due day' },
  region: { 'zh-CN': '区划', 'zh-TW': '區劃', en: 'region' },
  file: { 'zh-CN': '文件', 'zh-TW': '檔案', en: 'file' },
  mapping: { 'zh-CN': '列对应关系', 'zh-TW': '欄對應關係', en: 'column mapping' },
};
