import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { api, buildWorld, draft, makeFunds, publish, upload, V, type World } from './test-helpers.js';

let t: TestApp;
let w: World;
let a: ReturnType<typeof api>;
let pub: string;

const HEADER = '日期,凭证号,摘要,对方单位,收入,支出,资金项目,转入项目,审批人,支付方式';
const GOOD = [
  '2026-10-08,记-10-001,村级运转经费,朱亭镇财政所,"12,000.00",,村级经费,,,转账',
  '2026/10/12,记-10-002,山塘清淤,株洲市兴农水利工程有限公司,,78800,水利专项,,李卫东、谭秋莲,转账',
  '2026年10月20日,记-10-003,10月低保,谭德明,,690.5,低保资金,,李卫东,转账',
];
const csv = (rows: string[], header = HEADER) => Buffer.from(`\ufeff双江村2026年10月收支明细账\n${header}\n${rows.join('\n')}\n`, 'utf8');
const entryCount = async (id: string) => Number((await t.db.selectFrom('disclosure_entries').select((eb) => eb.fn.countAll().as('n')).where('publication_id', '=', id).executeTakeFirstOrThrow()).n);

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  a = api(t);
  await makeFunds(t, w.people.cadreA, V.villageA, [
    { code: 'JF', name: '村级经费', kind: 'general' },
    { code: '水利专项', name: '水利建设和美丽乡村建设项目', kind: 'special', approvedFen: 30_600_000 },
    { code: 'DB', name: '低保资金', kind: 'livelihood' },
  ]);
  pub = await draft(t, w.people.cadreA, V.villageA, '2026-10');
});
after(() => t.close());

const preview = (file: Buffer, name = 'ledger.csv', who = w.people.cadreA, fields: Record<string, string> = {}, id = pub) =>
  upload(t, `/api/disclosures/publications/${id}/imports/preview`, who, { name, bytes: file }, fields);
const doImport = (file: Buffer, name = 'ledger.csv', query = '', id = pub) => upload(t, `/api/disclosures/publications/${id}/imports${query}`, w.people.cadreA, { name, bytes: file });

describe('POST /api/disclosures/publications/:id/imports/preview', () => {
  test('401 signed out, 403 for the committee and residents, 404 for an unknown or hidden publication, 400 without a file', async () => {
    assert.equal((await upload(t, `/api/disclosures/publications/${pub}/imports/preview`, undefined, { name: 'a.csv', bytes: csv(GOOD) })).statusCode, 401);
    assert.equal((await preview(csv(GOOD), 'a.csv', w.people.supervisorA)).statusCode, 403);
    assert.equal((await preview(csv(GOOD), 'a.csv', w.people.residentA)).statusCode, 404);
    assert.equal((await preview(csv(GOOD), 'a.csv', w.people.cadreA, {}, '00000000-0000-4000-8000-000000000000')).statusCode, 404);
    const none = await a.post(`/api/disclosures/publications/${pub}/imports/preview`, w.people.cadreA, {});
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error.field, 'file');
  });
  test('a UTF-8 CSV with a title row above the header: every row accepted, totals in fen', async () => {
    const res = await preview(csv(GOOD));
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json();
    assert.equal(p.format, 'csv');
    assert.equal(p.encoding, 'utf-8');
    assert.equal(p.rowCount, 3);
    assert.equal(p.rejectedCount, 0);
    assert.deepEqual(p.totals, { incomeFen: 1_200_000, expenseFen: 7_880_000 + 69_050, transferFen: 0 });
    assert.equal(p.mapping.voucherNo, '凭证号');
  });
  test('a GBK-encoded CSV is detected and decoded', async () => {
    const res = await preview(iconv.encode(`${HEADER}\n${GOOD.join('\n')}\n`, 'gbk'));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().encoding, 'gbk');
    assert.equal(res.json().sample[1].purpose, '山塘清淤');
    assert.equal(res.json().rejectedCount, 0);
  });
  test('a missing column is a 400 naming it', async () => {
    const res = await preview(csv(['2026-10-08,村级运转经费,朱亭镇财政所,12000,,村级经费'], '日期,摘要,对方单位,收入,支出,资金项目'));
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'voucherNo');
    assert.match(res.json().error.message, /凭证号/);
  });
  test('a mapping that names a column the file lacks is a 400; a malformed mapping too', async () => {
    const res = await preview(csv(GOOD), 'a.csv', w.people.cadreA, { mapping: JSON.stringify({ date: '记账日期', voucherNo: '凭证号', purpose: '摘要', fund: '资金项目', income: '收入', expense: '支出' }) });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'date');
    assert.match(res.json().error.message, /记账日期/);
    assert.equal((await preview(csv(GOOD), 'a.csv', w.people.cadreA, { mapping: '{oops' })).json().error.field, 'mapping');
  });
  test('every rejected row is listed with why: bad amount, bad date, outside the month, empty value, duplicate voucher, unknown fund', async () => {
    const rows = [
      ...GOOD,
      '2026-10-21,记-10-004,购办公用品,文具店,,12.345,村级经费,,,转账',
      '2026-10-22,记-10-005,购办公用品,文具店,,-5,村级经费,,,转账',
      '2026-10-32,记-10-006,购办公用品,文具店,,5,村级经费,,,转账',
      '2026-09-30,记-10-007,购办公用品,文具店,,5,村级经费,,,转账',
      '2026-10-23,记-10-002,重复凭证,文具店,,5,村级经费,,,转账',
      '2026-10-24,记-10-008,乱填资金,文具店,,5,不存在的项目,,,转账',
      '2026-10-25,,没有凭证号,文具店,,5,村级经费,,,现钞',
      '2026-10-26,记-10-009,收支两栏都有,文具店,5,5,村级经费,,,转账',
    ];
    const res = await preview(csv(rows));
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json();
    assert.equal(p.acceptedCount, 3);
    assert.equal(p.rejectedCount, 8);
    const why = (row: number) => p.rejected.filter((r: { row: number }) => r.row === row).map((r: { code: string; field: string }) => `${r.field}:${r.code}`);
    // Line 1 is the title, line 2 the header, lines 3–5 the good rows.
    assert.deepEqual(why(6), ['expense:amount_invalid']);
    assert.deepEqual(why(7), ['expense:amount_invalid']);
    assert.deepEqual(why(8), ['date:date_invalid']);
    assert.deepEqual(why(9), ['date:date_outside_period']);
    assert.deepEqual(why(10), ['voucherNo:voucher_duplicate_file']);
    assert.deepEqual(why(11), ['fund:fund_unknown']);
    assert.deepEqual(why(12), ['voucherNo:value_missing', 'paymentMethod:payment_invalid']);
    assert.deepEqual(why(13), ['income:both_amounts']);
    assert.match(p.rejected.find((r: { row: number }) => r.row === 10).message, /第 4 行/);
  });
});

describe('POST /api/disclosures/publications/:id/imports', () => {
  test('a file with any rejected row imports nothing', async () => {
    const before = await entryCount(pub);
    const res = await doImport(csv([...GOOD, '2026-10-21,记-10-004,购办公用品,文具店,,abc,村级经费,,,转账']));
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'import_rejected');
    assert.equal(res.json().error.rejectedCount, 1);
    assert.equal(await entryCount(pub), before);
  });
  test('a clean file is imported in one go; the mapping is saved for the village; flags are computed', async () => {
    const res = await doImport(csv(GOOD));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().imported, 3);
    assert.equal(await entryCount(pub), 3);
    const mapping = (await a.get(`/api/disclosures/villages/${V.villageA}/import-mapping`, w.people.cadreA)).json();
    assert.equal(mapping.saved, true);
    assert.equal(mapping.mapping.expense, '支出');
    const audit = await t.db.selectFrom('audit_log').select('after').where('action', '=', 'disclosures.import').executeTakeFirstOrThrow();
    assert.equal((audit.after as { rows: number }).rows, 3);
  });
  test('importing the same vouchers again is refused row by row; mode=replace swaps the ledger', async () => {
    const again = await preview(csv(GOOD));
    assert.equal(again.json().rejectedCount, 3);
    assert.equal(again.json().rejected[0].code, 'voucher_duplicate_ledger');
    const replaced = await doImport(csv(GOOD.slice(0, 2)), 'ledger.csv', '?mode=replace');
    assert.equal(replaced.statusCode, 201, replaced.body);
    assert.equal(await entryCount(pub), 2);
  });
  test('an XLSX export with date cells and numeric amounts', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('10月');
    ws.addRow(['双江村收支明细']);
    ws.addRow(['日期', '凭证号', '摘要', '对方单位', '收入', '支出', '资金项目']);
    ws.addRow([new Date(Date.UTC(2026, 9, 27)), '记-10-101', '电费', '国网朱亭供电所', null, 356.8, '村级经费']);
    ws.addRow([new Date(Date.UTC(2026, 9, 28)), '记-10-102', '宣传栏', '朱亭广告部', null, 1200, 'JF']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const p = await preview(bytes, 'ledger.xlsx');
    assert.equal(p.statusCode, 200, p.body);
    assert.equal(p.json().format, 'xlsx');
    assert.equal(p.json().rejectedCount, 0);
    assert.equal(p.json().sample[0].date, '2026-10-27');
    assert.equal(p.json().sample[0].amountFen, 35_680);
    assert.equal((await doImport(bytes, 'ledger.xlsx')).statusCode, 201);
  });
  test('not a ledger: a 400 naming the file', async () => {
    const res = await preview(Buffer.from([0, 1, 2, 3, 4, 5, 0, 0, 0, 9, 8, 7, 0, 0, 1]), 'x.bin');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'file');
    const broken = await preview(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]), 'x.xlsx');
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.field, 'file');
  });
  test('409 for a published publication and for a kind without a ledger', async () => {
    const party = await draft(t, w.people.cadreA, V.villageA, '2026-10', 'party', '10月党务公开');
    assert.equal((await preview(csv(GOOD), 'a.csv', w.people.cadreA, {}, party)).statusCode, 409);
    const sept = await draft(t, w.people.cadreA, V.villageA, '2026-09');
    await publish(t, w.people.cadreA, w.people.supervisorA, sept);
    assert.equal((await doImport(csv(GOOD), 'a.csv', '', sept)).statusCode, 409);
  });
  test('100,000 rows: previewed and imported in one transaction; one bad row at the end leaves nothing behind', async () => {
    const id = await draft(t, w.people.cadreB, V.villageB, '2026-10');
    await makeFunds(t, w.people.cadreB, V.villageB, [{ code: 'JF', name: '村级经费', kind: 'general' }]);
    const rows: string[] = [];
    for (let i = 1; i <= 100_000; i++) rows.push(`2026-10-${String((i % 28) + 1).padStart(2, '0')},记-${i},零星支出${i % 50},供应商${i % 300},,${(i % 5000) + 1}.${String(i % 100).padStart(2, '0')},JF,,,转账`);
    const bad = csv([...rows.slice(0, 99_999), '2026-10-01,记-100000,坏金额,供应商,,十元,JF,,,转账']);
    const good = csv(rows);
    const send = (file: Buffer, path: string) => upload(t, `/api/disclosures/publications/${id}/${path}`, w.people.cadreB, { name: 'big.csv', bytes: file });
    let started = Date.now();
    const rejected = await send(bad, 'imports');
    const rejectedMs = Date.now() - started;
    assert.equal(rejected.statusCode, 400);
    assert.equal(rejected.json().error.firstRejectedRow, 100_002);
    assert.equal(await entryCount(id), 0);
    started = Date.now();
    const p = await send(good, 'imports/preview');
    const previewMs = Date.now() - started;
    assert.equal(p.json().acceptedCount, 100_000);
    started = Date.now();
    const res = await send(good, 'imports');
    const importMs = Date.now() - started;
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(await entryCount(id), 100_000);
    console.log(`100k rows (${(good.length / 1e6).toFixed(1)} MB): rejected in ${rejectedMs} ms, preview ${previewMs} ms, import ${importMs} ms`);
  });
});
