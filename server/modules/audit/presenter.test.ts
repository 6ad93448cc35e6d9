import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, shanghaiTime, summarize, REDACTED } from './presenter.js';
import { likePrefix } from './repo.js';
import { parseFilterTime } from './service.js';

test('summaries keep states and ids, drop contents and secrets by key, in any spelling and at any depth', () => {
  assert.deepEqual(
    summarize({
      status: 'assigned',
      caseId: 'c-1',
      count: 3,
      urgent: true,
      Body: '正文',
      report_content: 'x',
      reporter_name: '张三',
      nested: { description: '描述', idNumber: '430202199001011234', unitId: 'u-1' },
      list: [{ password: 'p' }, { text: 't', kind: 'notice' }],
    }),
    {
      status: 'assigned',
      caseId: 'c-1',
      count: 3,
      urgent: true,
      Body: REDACTED,
      report_content: REDACTED,
      reporter_name: REDACTED,
      nested: { description: REDACTED, idNumber: REDACTED, unitId: 'u-1' },
      list: [{ password: REDACTED }, { text: REDACTED, kind: 'notice' }],
    },
  );
  assert.deepEqual(summarize({ newPhoneMasked: '138****0000', csrfToken: 't', regionCode: '430212101201', code: '123456' }), {
    newPhoneMasked: REDACTED,
    csrfToken: REDACTED,
    regionCode: '430212101201',
    code: REDACTED,
  });
});

test('mobile and ID numbers inside strings are masked; region codes and uuids are left alone', () => {
  assert.equal(summarize('电话13812345678'), '电话138****5678');
  assert.equal(summarize('证件 43020219900101123X 已核验'), '证件 430202********123X 已核验');
  assert.equal(summarize('430212101201'), '430212101201');
  assert.equal(summarize('430202001001001'), '430202001001001');
  assert.equal(summarize('0b5c1b6e-2f1a-4d3e-9a7b-139123456789'), '0b5c1b6e-2f1a-4d3e-9a7b-139123456789');
  assert.equal(summarize('138123456789'), '138123456789', 'twelve digits is not a mobile number');
});

test('long strings, long lists and deep structures are shortened', () => {
  assert.equal(summarize('字'.repeat(250)), `${'字'.repeat(200)}…`);
  const list = summarize(Array.from({ length: 25 }, (_, i) => i)) as unknown[];
  assert.equal(list.length, 21);
  assert.equal(list[20], '… +5');
  assert.deepEqual(summarize({ a: { b: { c: { d: { e: 1 } } } } }), { a: { b: { c: { d: '…' } } } });
  assert.equal(summarize(null), null);
  assert.equal(summarize(undefined), null);
});

test('CSV cells are quoted per RFC 4180 and formulas are neutralised', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('+86 138'), "'+86 138");
  assert.equal(csvCell('-2'), "'-2");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('=A1,B1'), `"'=A1,B1"`);
  assert.equal(csvCell(-2), '-2', 'numbers are data, not formulas');
  assert.equal(csvCell(null), '');
});

test('times are shown in Beijing time', () => {
  assert.equal(shanghaiTime(new Date('2026-11-19T16:00:00Z')), '2026-11-20 00:00:00');
  assert.equal(shanghaiTime(new Date('2026-11-20T15:59:59Z')), '2026-11-20 23:59:59');
});

test('an action prefix is literal in LIKE', () => {
  assert.equal(likePrefix('case.'), 'case.%');
  assert.equal(likePrefix('post_hide'), 'post\\_hide%');
  assert.equal(likePrefix('100%'), '100\\%%');
  assert.equal(likePrefix('a\\b'), 'a\\\\b%');
});

test('filter times: Beijing days, instants with zones, whole end days, impossible dates refused', () => {
  assert.equal(parseFilterTime('2026-11-20', 'from').toISOString(), '2026-11-19T16:00:00.000Z');
  assert.equal(parseFilterTime('2026-11-20', 'to').toISOString(), '2026-11-20T16:00:00.000Z');
  assert.equal(parseFilterTime('2026-11-20T08:30:00+08:00', 'to').toISOString(), '2026-11-20T00:30:00.000Z');
  assert.equal(parseFilterTime('2026-11-20T08:30Z', 'from').toISOString(), '2026-11-20T08:30:00.000Z');
  assert.equal(parseFilterTime('2028-02-29', 'from').toISOString(), '2028-02-28T16:00:00.000Z');
  for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-11-20T24:00:00Z', '2026-11-20T10:60Z']) {
    assert.throws(() => parseFilterTime(bad, 'from'), (e: any) => e.status === 400 && e.field === 'from', bad);
  }
});
