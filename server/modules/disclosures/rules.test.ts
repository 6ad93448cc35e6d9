import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanLedger, type RuleEntry, type VillageLedger } from './flag-rules.js';
import { fundFigures } from './figures.js';
import { decisionStatus } from './decision-status.js';
import { csvRows, detectEncoding } from './import-parse.js';
import iconv from 'iconv-lite';

const settings = { cashLimitFen: 500_000, approvalThresholdFen: 1_000_000, splitWindowDays: 30, majorSpendFen: 5_000_000, gapTolerancePct: 10 };
let n = 0;
const e = (x: Partial<RuleEntry>): RuleEntry => ({
  id: `e${++n}`,
  publication_id: 'p',
  kind: 'finance',
  period: '2026-07',
  entry_date: '2026-07-01',
  voucher_no: `v${n}`,
  direction: 'expense',
  amount_fen: 100,
  counterparty: '某公司',
  counterparty_kind: 'organisation',
  fund_id: 'JF',
  to_fund_id: null,
  payment_method: 'bank',
  decision_id: null,
  ...x,
});
const fund = (id: string, kind: 'special' | 'project' | 'general' | 'livelihood', approved = 0, status: 'open' | 'completed' = 'open') => ({ id, name: id, kind, purpose: '', approved_fen: approved, decision_id: null, status, gap_explanation: null });
const ledger = (entries: RuleEntry[], extra: Partial<VillageLedger> = {}): VillageLedger => ({
  entries,
  funds: [fund('JF', 'general'), fund('SL', 'special', 30_600_000), fund('DL', 'project'), fund('DB', 'livelihood')],
  decisions: new Map(),
  cadreHouseholds: [],
  settings,
  ...extra,
});
const rules = (l: VillageLedger) => scanLedger(l).map((f) => f.rule).sort();

test('the water fund of seed 001: diverted, an unexplained gap, and an undecided major project', () => {
  const l = ledger([
    e({ direction: 'income', amount_fen: 30_600_000, fund_id: 'SL' }),
    e({ amount_fen: 15_760_000, fund_id: 'SL' }),
    e({ amount_fen: 14_840_000, fund_id: 'SL', to_fund_id: 'DL' }),
  ]);
  l.funds[1].status = 'completed';
  const found = scanLedger(l);
  const diverted = found.find((f) => f.rule === 'fund_diverted')!;
  assert.equal(diverted.params.moved, '148,400.00');
  assert.equal(found.find((f) => f.rule === 'approved_gap')!.params.actual, '157,600.00');
  assert.ok(found.some((f) => f.rule === 'major_without_decision' && f.fundId === 'DL'));
});

test('a decided move is not a diversion; an explained gap is not a gap', () => {
  const decisions = new Map([['d1', { complete: true, missing: [] }]]);
  const l = ledger([e({ direction: 'income', amount_fen: 30_600_000, fund_id: 'SL' }), e({ amount_fen: 30_600_000, fund_id: 'SL', to_fund_id: 'DL', decision_id: 'd1' })], { decisions });
  l.funds[1].status = 'completed';
  l.funds[1].gap_explanation = '经村民代表会议决议全部用于村道';
  assert.deepEqual(rules(l).filter((r) => r !== 'major_without_decision'), []);
});

test('split payments need two or more under the threshold adding up to it within the window', () => {
  const split = [e({ entry_date: '2026-07-01', amount_fen: 600_000, counterparty: '张记' }), e({ entry_date: '2026-07-20', amount_fen: 600_000, counterparty: '张记' })];
  assert.deepEqual(rules(ledger(split)), ['split_payments']);
  const apart = [e({ entry_date: '2026-07-01', amount_fen: 600_000, counterparty: '张记' }), e({ entry_date: '2026-09-20', amount_fen: 600_000, counterparty: '张记', period: '2026-09' })];
  assert.deepEqual(rules(ledger(apart)), []);
});

test('the same payment disclosed twice (finance and projects) is counted once; a voucher reused for another payment is flagged', () => {
  const same = [e({ voucher_no: 'X', amount_fen: 600_000, counterparty: '张记' }), e({ voucher_no: 'X', amount_fen: 600_000, counterparty: '张记', kind: 'projects' })];
  assert.deepEqual(rules(ledger(same)), []);
  const reused = [e({ voucher_no: 'Y', amount_fen: 100 }), e({ voucher_no: 'Y', amount_fen: 200, period: '2026-08', entry_date: '2026-08-02' })];
  assert.deepEqual(rules(ledger(reused)), ['duplicate_voucher']);
});

test('cash above the limit, and 低保 to a cadre’s household', () => {
  assert.deepEqual(rules(ledger([e({ amount_fen: 500_001, payment_method: 'cash' })])), ['cash_over_limit']);
  assert.deepEqual(rules(ledger([e({ amount_fen: 500_000, payment_method: 'cash' })])), []);
  const dibao = [e({ fund_id: 'DB', counterparty: '李老汉', counterparty_kind: 'person', amount_fen: 66_000 })];
  assert.deepEqual(rules(ledger(dibao, { cadreHouseholds: [{ cadreName: '李卫东', memberNames: ['李卫东', '李老汉'] }] })), ['relative_beneficiary']);
  assert.deepEqual(rules(ledger(dibao)), []);
});

test('where every fund’s money went', () => {
  const figures = fundFigures([
    { direction: 'income', amount_fen: 1000, fund_id: 'SL', to_fund_id: null },
    { direction: 'expense', amount_fen: 300, fund_id: 'SL', to_fund_id: null },
    { direction: 'expense', amount_fen: 200, fund_id: 'SL', to_fund_id: 'DL' },
    { direction: 'transfer', amount_fen: 100, fund_id: 'SL', to_fund_id: 'JF' },
  ]);
  assert.deepEqual(figures.get('SL'), { receivedFen: 1000, spentFen: 300, movedOut: [{ fundId: 'DL', amountFen: 200, entryCount: 1 }, { fundId: 'JF', amountFen: 100, entryCount: 1 }], movedIn: [], balanceFen: 400 });
  assert.equal(figures.get('JF')!.balanceFen, 100);
  assert.equal(figures.get('DL')!.balanceFen, 0);
});

test('四议两公开: two thirds of party members present and a majority in favour', () => {
  const steps = (present: number, inFavour: number) =>
    decisionStatus([
      { step: 'proposal', present: null, eligible: null, in_favour: null },
      { step: 'committees', present: null, eligible: null, in_favour: null },
      { step: 'party_members', present, eligible: 30, in_favour: inFavour },
      { step: 'villagers', present: null, eligible: null, in_favour: null },
      { step: 'decision_published', present: null, eligible: null, in_favour: null },
    ]);
  assert.equal(steps(20, 11).complete, true);
  assert.equal(steps(19, 19).complete, false);
  assert.equal(steps(20, 10).complete, false);
});

test('CSV: quotes, doubled quotes, line breaks inside quotes, CRLF; GBK detected', () => {
  const rows = [...csvRows('a,"b,1","say ""hi""\r\nx",c\r\nd,e\n')];
  assert.deepEqual(rows, [
    { line: 1, cells: ['a', 'b,1', 'say "hi"\r\nx', 'c'] },
    { line: 3, cells: ['d', 'e'] },
  ]);
  const gbk = detectEncoding(iconv.encode('日期,摘要\n2026-10-01,电费\n', 'gbk'));
  assert.equal(gbk.encoding, 'gbk');
  assert.match(gbk.text, /电费/);
  assert.equal(detectEncoding(Buffer.from('日期')).encoding, 'utf-8');
});
