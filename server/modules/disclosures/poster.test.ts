import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { api, buildWorld, draft, addEntries, makeFunds, publish, V, type World } from './test-helpers.js';
import { CJK_FONT } from './poster.js';

let t: TestApp;
let w: World;
let pub: string;
before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const f = await makeFunds(t, w.people.cadreA, V.villageA, [
    { code: 'SL', name: '水利建设和美丽乡村建设项目', kind: 'special', approvedFen: 30_600_000 },
    { code: 'DL', name: '道路拓宽工程', kind: 'project' },
    { code: 'DB', name: '低保资金', kind: 'livelihood' },
  ]);
  pub = await draft(t, w.people.cadreA, V.villageA, '2026-07');
  const rows = [
    { entryDate: '2026-07-02', voucherNo: '记-001', direction: 'income', amountFen: 30_600_000, counterparty: '渌口区财政局', purpose: '水利专项资金', fundId: f.SL },
    { entryDate: '2026-07-10', voucherNo: '记-002', direction: 'expense', amountFen: 15_760_000, counterparty: '株洲兴农水利工程有限公司', purpose: '渠道硬化、山塘清淤', fundId: f.SL },
    { entryDate: '2026-07-25', voucherNo: '记-003', direction: 'expense', amountFen: 14_840_000, counterparty: '渌口区路桥工程队', purpose: '村道拓宽', fundId: f.SL, toFundId: f.DL },
    ...Array.from({ length: 60 }, (_, i) => ({ entryDate: '2026-07-15', voucherNo: `记-1${String(i).padStart(2, '0')}`, direction: 'expense', amountFen: 69_000, counterparty: '谭德明', purpose: '城乡低保金', fundId: f.DB })),
  ];
  await addEntries(t, w.people.cadreA, pub, rows);
  await publish(t, w.people.cadreA, w.people.supervisorA, pub);
});
after(() => t.close());

test('400 for a bad id, 404 for an unknown one or a draft the caller may not see, 409 for a draft', async () => {
  const a = api(t);
  assert.equal((await a.get('/api/disclosures/publications/x/poster.pdf')).statusCode, 400);
  assert.equal((await a.get('/api/disclosures/publications/00000000-0000-4000-8000-000000000000/poster.pdf')).statusCode, 404);
  const d = await draft(t, w.people.cadreA, V.villageA, '2026-08');
  assert.equal((await a.get(`/api/disclosures/publications/${d}/poster.pdf`)).statusCode, 404);
  assert.equal((await a.get(`/api/disclosures/publications/${d}/poster.pdf`, w.people.cadreA)).statusCode, 409);
});

test('an A3 PDF in Chinese with the QR code’s address, names masked, for anyone', { skip: !fs.existsSync(CJK_FONT) && 'fonts-noto-cjk is not installed' }, async () => {
  const res = await api(t).get(`/api/disclosures/publications/${pub}/poster.pdf`, undefined, { host: 'lianxin.example.cn' });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  assert.equal(res.headers['content-type'], 'application/pdf');
  const bytes = res.rawPayload;
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.match(bytes.toString('latin1'), /MediaBox \[0 0 841\.89 1190\.55\]/, 'A3 portrait');
  const file = path.join(os.tmpdir(), `poster-${process.pid}.pdf`);
  fs.writeFileSync(file, bytes);
  let text = '';
  try {
    text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch {
    return; // poppler-utils not installed: the bytes checks above stand
  } finally {
    if (process.env.KEEP_POSTER) fs.copyFileSync(file, process.env.KEEP_POSTER);
    fs.rmSync(file, { force: true });
  }
  assert.match(text, /双江村/);
  assert.match(text, /财务公开/);
  assert.match(text, /道路拓宽工程/);
  assert.match(text, /谭\*明/);
  assert.doesNotMatch(text, /谭德明/);
  assert.match(text, /另有 \d+ 笔明细未列出/);
  assert.match(text, new RegExp(`http://lianxin\\.example\\.cn/disclosures/publications/${pub}`));
});
