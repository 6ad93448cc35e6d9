import type { Catalogue } from '../catalogue.js';

/** Messages of the disclosures module (村务公开): errors, import row problems, red-flag explanations, notices. */
export const disclosuresMessages = {
  // ---- publications ----
  'disclosures.village_not_found': { 'zh-CN': '该村（社区）不存在', 'zh-TW': '該村（社區）不存在', en: 'This village or community does not exist' },
  'disclosures.village_only': {
    'zh-CN': '公开只能属于村（社区），请填写 12 位村级区划代码',
    'zh-TW': '公開只能屬於村（社區），請填寫 12 位村級區劃代碼',
    en: 'Publications belong to a village or community: give a 12-digit village code',
  },
  'disclosures.publication_not_found': { 'zh-CN': '该公开不存在', 'zh-TW': '該公開不存在', en: 'This publication does not exist' },
  'disclosures.period_future': {
    'zh-CN': '不能为尚未开始的月份（{period}）编制公开',
    'zh-TW': '不能為尚未開始的月份（{period}）編製公開',
    en: 'The period {period} has not started yet',
  },
  'disclosures.open_version_exists': {
    'zh-CN': '该村 {period} 的{kind}已有一份未发布的稿件，请继续编辑它',
    'zh-TW': '該村 {period} 的{kind}已有一份未發布的稿件，請繼續編輯它',
    en: 'There is already an unpublished {kind} for {period}; continue editing it',
  },
  'disclosures.already_published': {
    'zh-CN': '该村 {period} 的{kind}已经发布；如需更正，请发起更正（新版本）',
    'zh-TW': '該村 {period} 的{kind}已經發布；如需更正，請發起更正（新版本）',
    en: 'The {kind} for {period} is already published; start a correction (a new version) instead',
  },
  'disclosures.not_editable': {
    'zh-CN': '当前状态（{status}）下不能修改，只有草稿或退回的稿件可以修改',
    'zh-TW': '目前狀態（{status}）下不能修改，只有草稿或退回的稿件可以修改',
    en: 'It cannot be changed while {status}: only drafts and returned versions can',
  },
  'disclosures.wrong_status': {
    'zh-CN': '当前状态（{status}）下不能进行此操作',
    'zh-TW': '目前狀態（{status}）下不能進行此操作',
    en: 'This cannot be done while the publication is {status}',
  },
  'disclosures.not_published': { 'zh-CN': '该公开尚未发布', 'zh-TW': '該公開尚未發布', en: 'This publication has not been published' },
  'disclosures.not_latest': {
    'zh-CN': '只能更正最新发布的版本（第 {version} 版）',
    'zh-TW': '只能更正最新發布的版本（第 {version} 版）',
    en: 'Only the latest published version (version {version}) can be corrected',
  },
  'disclosures.review_comment_required': {
    'zh-CN': '退回时请写明需要修改的地方',
    'zh-TW': '退回時請寫明需要修改的地方',
    en: 'Say what has to change when sending it back',
  },
  'disclosures.reason_blank': { 'zh-CN': '请填写理由', 'zh-TW': '請填寫理由', en: 'Please give a reason' },
  'disclosures.text_blank': { 'zh-CN': '请填写{field}', 'zh-TW': '請填寫{field}', en: '{field} is required' },
  'disclosures.no_ledger_for_kind': {
    'zh-CN': '{kind}不含台账，只有财务、三资、民生资金和项目公示可以录入台账',
    'zh-TW': '{kind}不含台帳，只有財務、三資、民生資金和項目公示可以錄入台帳',
    en: '{kind} has no ledger: only finance, assets, livelihood and project publications do',
  },
  // ---- ledger entries ----
  'disclosures.entry_not_found': { 'zh-CN': '该笔台账不存在', 'zh-TW': '該筆台帳不存在', en: 'This ledger entry does not exist' },
  'disclosures.fund_unknown': { 'zh-CN': '所选资金（项目）不属于本村', 'zh-TW': '所選資金（項目）不屬於本村', en: 'The fund or project does not belong to this village' },
  'disclosures.fund_same': { 'zh-CN': '转入项目不能与资金来源相同', 'zh-TW': '轉入項目不能與資金來源相同', en: 'The receiving project must differ from the source fund' },
  'disclosures.transfer_needs_target': { 'zh-CN': '调拨必须写明转入的项目', 'zh-TW': '調撥必須寫明轉入的項目', en: 'A transfer must name the project that receives the money' },
  'disclosures.date_outside_period': {
    'zh-CN': '日期 {date} 不在公开所属月份 {period} 内',
    'zh-TW': '日期 {date} 不在公開所屬月份 {period} 內',
    en: 'The date {date} is outside the period {period}',
  },
  'disclosures.date_invalid': { 'zh-CN': '{field}不是有效的日期', 'zh-TW': '{field}不是有效的日期', en: '{field} is not a valid date' },
  'disclosures.voucher_duplicate': {
    'zh-CN': '凭证号 {voucher} 在本期台账中已经存在',
    'zh-TW': '憑證號 {voucher} 在本期台帳中已經存在',
    en: 'Voucher {voucher} is already in this ledger',
  },
  'disclosures.decision_unknown': { 'zh-CN': '所选决议不属于本村', 'zh-TW': '所選決議不屬於本村', en: 'The decision does not belong to this village' },
  // ---- funds and decisions ----
  'disclosures.fund_not_found': { 'zh-CN': '该资金（项目）不存在', 'zh-TW': '該資金（項目）不存在', en: 'This fund or project does not exist' },
  'disclosures.fund_code_taken': { 'zh-CN': '本村已有编号为 {code} 的资金（项目）', 'zh-TW': '本村已有編號為 {code} 的資金（項目）', en: 'This village already has a fund with code {code}' },
  'disclosures.fund_name_taken': { 'zh-CN': '本村已有名为「{name}」的资金（项目）', 'zh-TW': '本村已有名為「{name}」的資金（項目）', en: 'This village already has a fund named {name}' },
  'disclosures.decision_not_found': { 'zh-CN': '该决议不存在', 'zh-TW': '該決議不存在', en: 'This decision does not exist' },
  'disclosures.step_counts': {
    'zh-CN': '{field}人数不合理：到会人数不能多于应到人数，同意人数不能多于到会人数',
    'zh-TW': '{field}人數不合理：到會人數不能多於應到人數，同意人數不能多於到會人數',
    en: '{field}: those present cannot exceed those entitled, nor those in favour those present',
  },
  'disclosures.step_duplicate': { 'zh-CN': '步骤「{step}」重复填写', 'zh-TW': '步驟「{step}」重複填寫', en: 'The step {step} is given twice' },
  'disclosures.nothing_to_change': { 'zh-CN': '没有需要修改的内容', 'zh-TW': '沒有需要修改的內容', en: 'Nothing to change' },
  // ---- attachments ----
  'disclosures.attachment_missing': { 'zh-CN': '请选择要上传的票据', 'zh-TW': '請選擇要上傳的票據', en: 'Choose a receipt to upload' },
  'disclosures.attachment_type': {
    'zh-CN': '票据只支持 JPG、PNG、WebP 图片或 PDF',
    'zh-TW': '票據只支援 JPG、PNG、WebP 圖片或 PDF',
    en: 'Receipts must be JPEG, PNG or WebP images or PDF',
  },
  'disclosures.attachment_limit': { 'zh-CN': '每笔台账最多 {max} 张票据', 'zh-TW': '每筆台帳最多 {max} 張票據', en: 'At most {max} receipts per entry' },
  'disclosures.attachment_not_found': { 'zh-CN': '该票据不存在', 'zh-TW': '該票據不存在', en: 'This receipt does not exist' },
  // ---- flags ----
  'disclosures.flag_not_found': { 'zh-CN': '该预警不存在', 'zh-TW': '該預警不存在', en: 'This red flag does not exist' },
  'disclosures.flag_not_open': { 'zh-CN': '只有未处理的预警可以排除', 'zh-TW': '只有未處理的預警可以排除', en: 'Only an open red flag can be dismissed' },
  'disclosures.flag_not_dismissed': { 'zh-CN': '只有已排除的预警可以重新打开', 'zh-TW': '只有已排除的預警可以重新打開', en: 'Only a dismissed red flag can be reopened' },
  // ---- comments and reports ----
  'disclosures.comment_not_found': { 'zh-CN': '该留言不存在', 'zh-TW': '該留言不存在', en: 'This comment does not exist' },
  'disclosures.reply_to_reply': { 'zh-CN': '只能回复村民的留言', 'zh-TW': '只能回覆村民的留言', en: 'Only a villager’s comment can be answered' },
  'disclosures.report_title': {
    'zh-CN': '关于{village}{period}{kind}的举报',
    'zh-TW': '關於{village}{period}{kind}的舉報',
    en: 'Report about {village} {kind} {period}',
  },
  'disclosures.report_reference': {
    'zh-CN': '（涉及公开：{village}{period}{kind}第 {version} 版，编号 {id}{vouchers}）',
    'zh-TW': '（涉及公開：{village}{period}{kind}第 {version} 版，編號 {id}{vouchers}）',
    en: '(Publication: {village} {kind} {period}, version {version}, id {id}{vouchers})',
  },
  'disclosures.entries_unknown': { 'zh-CN': '所选台账不属于这份公开', 'zh-TW': '所選台帳不屬於這份公開', en: 'The chosen entries are not part of this publication' },
  // ---- settings and compliance ----
  'disclosures.compliance_range': {
    'zh-CN': '起止月份有误：开始不能晚于结束，最多查询 36 个月',
    'zh-TW': '起止月份有誤：開始不能晚於結束，最多查詢 36 個月',
    en: 'The range is wrong: from must not be after to, and at most 36 months',
  },
  'disclosures.scope_region': { 'zh-CN': '请选择乡镇（街道）或更高一级区划', 'zh-TW': '請選擇鄉鎮（街道）或更高一級區劃', en: 'Choose a township or a larger region' },
  // ---- import ----
  'disclosures.import_file_missing': { 'zh-CN': '请上传台账文件（CSV 或 XLSX）', 'zh-TW': '請上傳台帳檔案（CSV 或 XLSX）', en: 'Upload a ledger file (CSV or XLSX)' },
  'disclosures.import_file_type': {
    'zh-CN': '无法识别的文件：只支持 CSV（UTF-8 或 GBK）和 Excel XLSX',
    'zh-TW': '無法識別的檔案：只支援 CSV（UTF-8 或 GBK）和 Excel XLSX',
    en: 'Unrecognised file: only CSV (UTF-8 or GBK) and Excel XLSX are supported',
  },
  'disclosures.import_unreadable': { 'zh-CN': '文件已损坏或无法读取：{detail}', 'zh-TW': '檔案已損壞或無法讀取：{detail}', en: 'The file is damaged or unreadable: {detail}' },
  'disclosures.import_empty': { 'zh-CN': '文件中没有台账数据', 'zh-TW': '檔案中沒有台帳資料', en: 'The file holds no ledger rows' },
  'disclosures.import_too_many_rows': { 'zh-CN': '一次最多导入 {max} 行', 'zh-TW': '一次最多匯入 {max} 行', en: 'At most {max} rows per import' },
  'disclosures.import_column_missing': {
    'zh-CN': '文件缺少「{column}」列（表头中找不到 {header}）',
    'zh-TW': '檔案缺少「{column}」欄（表頭中找不到 {header}）',
    en: 'The file lacks the “{column}” column (no header {header})',
  },
  'disclosures.import_mapping_incomplete': {
    'zh-CN': '列对应关系不完整：请指定「{column}」在哪一列',
    'zh-TW': '欄對應關係不完整：請指定「{column}」在哪一欄',
    en: 'The column mapping is incomplete: say which column holds “{column}”',
  },
  'disclosures.import_mapping_invalid': { 'zh-CN': '列对应关系格式不正确', 'zh-TW': '欄對應關係格式不正確', en: 'The column mapping is malformed' },
  'disclosures.import_rejected': {
    'zh-CN': '有 {count} 行不符合要求，整份文件未导入；请先预览并修改后再导入',
    'zh-TW': '有 {count} 行不符合要求，整份檔案未匯入；請先預覽並修改後再匯入',
    en: '{count} rows were rejected, so nothing was imported; preview the file and fix them first',
  },
  // Row problems shown in the preview.
  'disclosures.row.value_missing': { 'zh-CN': '「{column}」为空', 'zh-TW': '「{column}」為空', en: '“{column}” is empty' },
  'disclosures.row.amount_invalid': {
    'zh-CN': '金额「{value}」无效：应为大于 0、最多两位小数的数字',
    'zh-TW': '金額「{value}」無效：應為大於 0、最多兩位小數的數字',
    en: 'Amount “{value}” is invalid: a number above 0 with at most two decimals',
  },
  'disclosures.row.both_amounts': {
    'zh-CN': '收入和支出同时有金额，一行只能记一笔',
    'zh-TW': '收入和支出同時有金額，一行只能記一筆',
    en: 'Both income and expense hold an amount; one row is one entry',
  },
  'disclosures.row.date_invalid': { 'zh-CN': '日期「{value}」无效', 'zh-TW': '日期「{value}」無效', en: 'Date “{value}” is invalid' },
  'disclosures.row.date_outside_period': {
    'zh-CN': '日期 {value} 不在 {period} 内',
    'zh-TW': '日期 {value} 不在 {period} 內',
    en: 'Date {value} is outside {period}',
  },
  'disclosures.row.direction_invalid': {
    'zh-CN': '收支类型「{value}」无效：应为 收入、支出 或 调拨',
    'zh-TW': '收支類型「{value}」無效：應為 收入、支出 或 調撥',
    en: 'Direction “{value}” is invalid: income, expense or transfer',
  },
  'disclosures.row.payment_invalid': {
    'zh-CN': '支付方式「{value}」无效：应为 现金、转账 或 其他',
    'zh-TW': '支付方式「{value}」無效：應為 現金、轉帳 或 其他',
    en: 'Payment method “{value}” is invalid: cash, bank or other',
  },
  'disclosures.row.fund_unknown': {
    'zh-CN': '资金（项目）「{value}」不是本村登记的资金或项目',
    'zh-TW': '資金（項目）「{value}」不是本村登記的資金或項目',
    en: 'Fund “{value}” is not a fund or project of this village',
  },
  'disclosures.row.to_fund_required': { 'zh-CN': '调拨必须写明转入项目', 'zh-TW': '調撥必須寫明轉入項目', en: 'A transfer needs the receiving project' },
  'disclosures.row.to_fund_same': { 'zh-CN': '转入项目与资金来源相同', 'zh-TW': '轉入項目與資金來源相同', en: 'The receiving project equals the source fund' },
  'disclosures.row.voucher_duplicate_file': {
    'zh-CN': '凭证号 {value} 与第 {other} 行重复',
    'zh-TW': '憑證號 {value} 與第 {other} 行重複',
    en: 'Voucher {value} repeats row {other}',
  },
  'disclosures.row.voucher_duplicate_ledger': {
    'zh-CN': '凭证号 {value} 已在本期台账中',
    'zh-TW': '憑證號 {value} 已在本期台帳中',
    en: 'Voucher {value} is already in this ledger',
  },
  'disclosures.row.too_long': { 'zh-CN': '「{column}」超过 {max} 个字', 'zh-TW': '「{column}」超過 {max} 個字', en: '“{column}” is longer than {max} characters' },
  // ---- poster ----
  'disclosures.font_missing': {
    'zh-CN': '服务器未安装中文字体（fonts-noto-cjk），暂时无法生成海报',
    'zh-TW': '伺服器未安裝中文字型（fonts-noto-cjk），暫時無法產生海報',
    en: 'The server has no Chinese font (fonts-noto-cjk) installed, so the poster cannot be made',
  },
  // ---- the feed notice on publication ----
  'disclosures.notice_title': { 'zh-CN': '{period}{kind}已公开', 'zh-TW': '{period}{kind}已公開', en: '{kind} for {period} published' },
  'disclosures.notice_body': {
    'zh-CN': '{village}{period}{kind}（第 {version} 版）已经村务监督委员会审核并公开：收入 {income} 元，支出 {expense} 元，共 {count} 笔。请点开查看明细，有疑问可以留言。{correction}',
    'zh-TW': '{village}{period}{kind}（第 {version} 版）已經村務監督委員會審核並公開：收入 {income} 元，支出 {expense} 元，共 {count} 筆。請點開查看明細，有疑問可以留言。{correction}',
    en: '{village} {kind} for {period} (version {version}) was checked by the supervision committee and published: income {income} yuan, expense {expense} yuan, {count} entries. Open it for the details; ask in the comments.{correction}',
  },
  'disclosures.notice_correction': { 'zh-CN': '更正原因：{reason}', 'zh-TW': '更正原因：{reason}', en: ' Reason for the correction: {reason}' },
  // ---- red flags: plain-language explanations ----
  'disclosures.flag.fund_diverted': {
    'zh-CN': '专项资金「{fund}」获批 {approved} 元，用途是「{purpose}」。其中 {moved} 元（{count} 笔）被用于或转入「{target}」，但没有记录村民（代表）会议同意改变用途的决议。专项资金结余应按程序退回或经决议后调整用途。',
    'zh-TW': '專項資金「{fund}」獲批 {approved} 元，用途是「{purpose}」。其中 {moved} 元（{count} 筆）被用於或轉入「{target}」，但沒有記錄村民（代表）會議同意改變用途的決議。專項資金結餘應按程序退回或經決議後調整用途。',
    en: 'Special fund “{fund}” was approved for {approved} yuan for “{purpose}”. {moved} yuan ({count} entries) went to “{target}” without a recorded villagers’ meeting decision to change its use. An unspent special fund must be returned or re-purposed by decision.',
  },
  'disclosures.flag.approved_gap': {
    'zh-CN': '「{fund}」已完工，获批 {approved} 元，实际用于本项目 {actual} 元，相差 {gap} 元（{percent}%），没有说明差额的原因和去向。',
    'zh-TW': '「{fund}」已完工，獲批 {approved} 元，實際用於本項目 {actual} 元，相差 {gap} 元（{percent}%），沒有說明差額的原因和去向。',
    en: '“{fund}” is completed: approved {approved} yuan, actually spent on it {actual} yuan, a gap of {gap} yuan ({percent}%) with no explanation of why or where the difference went.',
  },
  'disclosures.flag.split_payments': {
    'zh-CN': '{days} 天内向「{counterparty}」支付了 {count} 笔，每笔都低于审批限额 {threshold} 元，合计 {total} 元，超过了限额，可能是拆分付款以规避审批。',
    'zh-TW': '{days} 天內向「{counterparty}」支付了 {count} 筆，每筆都低於審批限額 {threshold} 元，合計 {total} 元，超過了限額，可能是拆分付款以規避審批。',
    en: '{count} payments to “{counterparty}” within {days} days, each below the approval threshold of {threshold} yuan, add up to {total} yuan: possibly split to avoid approval.',
  },
  'disclosures.flag.cash_over_limit': {
    'zh-CN': '{date} 以现金支付 {amount} 元（凭证 {voucher}），超过现金限额 {limit} 元；大额支出应通过银行转账。',
    'zh-TW': '{date} 以現金支付 {amount} 元（憑證 {voucher}），超過現金限額 {limit} 元；大額支出應透過銀行轉帳。',
    en: 'On {date}, {amount} yuan was paid in cash (voucher {voucher}), above the cash limit of {limit} yuan; large payments should go through the bank.',
  },
  'disclosures.flag.duplicate_voucher': {
    'zh-CN': '凭证号 {voucher} 在 {year} 年的台账中出现了 {count} 次（{periods}），同一张凭证可能被重复报销。',
    'zh-TW': '憑證號 {voucher} 在 {year} 年的台帳中出現了 {count} 次（{periods}），同一張憑證可能被重複報銷。',
    en: 'Voucher {voucher} appears {count} times in the {year} ledgers ({periods}): the same voucher may have been paid twice.',
  },
  'disclosures.flag.major_without_decision': {
    'zh-CN': '「{fund}」的支出 {amount} 元（{count} 笔）达到重大事项标准（{threshold} 元），但没有完整记录“四议两公开”决议（缺少：{missing}）。',
    'zh-TW': '「{fund}」的支出 {amount} 元（{count} 筆）達到重大事項標準（{threshold} 元），但沒有完整記錄「四議兩公開」決議（缺少：{missing}）。',
    en: 'Spending of {amount} yuan ({count} entries) on “{fund}” reaches the major-matter threshold ({threshold} yuan) without a complete 四议两公开 decision on record (missing: {missing}).',
  },
  'disclosures.flag.relative_beneficiary': {
    'zh-CN': '「{fund}」的领取人 {recipient} 与村干部 {cadre} 同属一户，共领取 {amount} 元（{count} 笔），请核实是否优亲厚友。',
    'zh-TW': '「{fund}」的領取人 {recipient} 與村幹部 {cadre} 同屬一戶，共領取 {amount} 元（{count} 筆），請核實是否優親厚友。',
    en: 'Recipient {recipient} of “{fund}” lives in the same household as village cadre {cadre} and received {amount} yuan ({count} entries): check for favouritism.',
  },
  'disclosures.flag.late_publication': {
    'zh-CN': '{period}的{kind}应在 {due} 前公开，实际 {published} 才公开，晚了 {days} 天。',
    'zh-TW': '{period}的{kind}應在 {due} 前公開，實際 {published} 才公開，晚了 {days} 天。',
    en: 'The {kind} for {period} was due by {due} but was published on {published}, {days} days late.',
  },
  'disclosures.flag.missing_publication': {
    'zh-CN': '{period}的{kind}应在 {due} 前公开，至今没有公开。',
    'zh-TW': '{period}的{kind}應在 {due} 前公開，至今沒有公開。',
    en: 'The {kind} for {period} was due by {due} and has not been published.',
  },
} as const satisfies Catalogue;
