import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFen, numberToFen, parseYuanToFen } from './money.js';
import { dueDateOf, dueDeadline, isCalendarDate, nextPeriod, periodsBetween } from './periods.js';
import { canonicalJson } from './canonical.js';
import { looksLikePerson } from './counterparty.js';

test('yuan text becomes integer fen exactly; anything else is refused', () => {
  assert.equal(parseYuanToFen('157,600.00'), 15_760_000);
  assert.equal(parseYuanToFen('¥1234.5'), 123_450);
  assert.equal(parseYuanToFen('0.1'), 10);
  assert.equal(parseYuanToFen('690元'), 69_000);
  for (const bad of ['12.345', '-5', '0', 'abc', '1,23.00', '', '1e5']) assert.equal(parseYuanToFen(bad), null, bad);
});

test('spreadsheet numbers become fen without float drift; three decimals are refused', () => {
  assert.equal(numberToFen(356.8), 35_680);
  assert.equal(numberToFen(0.1 + 0.2), 30);
  assert.equal(numberToFen(157600.5), 15_760_050);
  assert.equal(numberToFen(12.345), null);
  assert.equal(numberToFen(-1), null);
});

test('fen are shown as yuan with thousands separators', () => {
  assert.equal(formatFen(30_600_000), '306,000.00');
  assert.equal(formatFen(5), '0.05');
  assert.equal(formatFen(-14_840_000), '-148,400.00');
});

test('periods: the 15th of the next month by default, capped at the month’s end, ending at midnight in Shanghai', () => {
  assert.equal(nextPeriod('2026-12'), '2027-01');
  assert.deepEqual(periodsBetween('2026-11', '2027-02'), ['2026-11', '2026-12', '2027-01', '2027-02']);
  assert.equal(dueDateOf('2026-01', 15), '2026-02-15');
  assert.equal(dueDateOf('2026-01', 31), '2026-02-28');
  assert.equal(dueDeadline('2026-02-15').toISOString(), '2026-02-15T16:00:00.000Z');
  assert.equal(isCalendarDate('2026-02-29'), false);
  assert.equal(isCalendarDate('2028-02-29'), true);
});

test('canonical JSON sorts keys at every depth and refuses non-integers', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: null, y: '水' }], c: true } }), '{"a":{"c":true,"d":[2,{"y":"水","z":null}]},"b":1}');
  assert.throws(() => canonicalJson({ amount: 1.5 }));
});

test('a short run of Chinese characters is a person unless it ends like a unit', () => {
  assert.equal(looksLikePerson('谭德明'), true);
  assert.equal(looksLikePerson('李老汉'), true);
  for (const org of ['朱亭镇财政所', '张记建材店', '国网朱亭供电所', '双江村', 'ABC Ltd']) assert.equal(looksLikePerson(org), false, org);
});
