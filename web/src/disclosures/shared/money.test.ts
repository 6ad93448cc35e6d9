import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yuan } from './money.js';
import { periodLabel, villageOf } from './labels.js';

test('fen are shown as ¥ with thousands and two decimals, exactly', () => {
  assert.equal(yuan(30_600_000), '¥306,000.00');
  assert.equal(yuan(15_760_000), '¥157,600.00');
  assert.equal(yuan(5), '¥0.05');
  assert.equal(yuan(-5_840_000), '-¥58,400.00');
  assert.equal(yuan(null), '—');
});

test('a household in a grid belongs to the village above it; townships are not villages', () => {
  assert.equal(villageOf('430212101201'), '430212101201');
  assert.equal(villageOf('430212101201003'), '430212101201');
  assert.equal(villageOf('430212101000'), null);
  assert.equal(villageOf('4302'), null);
});

test('periods read as months', () => {
  assert.equal(periodLabel('2026-06', 'zh-CN'), '2026年6月');
  assert.equal(periodLabel('2026-06', 'en'), 'Jun 2026');
});
