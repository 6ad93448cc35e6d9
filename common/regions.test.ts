import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regionLevel, regionPrefix, parentRegionCode, ancestorCodes, isRegionCode } from './regions.js';
import { maskName, maskPhone, maskIdNumber, isMobilePhone } from './masking.js';

test('region levels and prefixes follow the statistical code', () => {
  assert.equal(regionLevel('430200000000'), 'city');
  assert.equal(regionPrefix('430200000000'), '4302');
  assert.equal(regionLevel('430212000000'), 'county');
  assert.equal(regionPrefix('430212101000'), '430212101');
  assert.equal(regionLevel('430212101201'), 'village');
  assert.equal(regionLevel('430202001001002'), 'grid');
  assert.equal(parentRegionCode('430212101201'), '430212101000');
  assert.deepEqual(ancestorCodes('430212101201'), ['430212101201', '430212101000', '430212000000', '430200000000', '430000000000']);
  assert.equal(isRegionCode('4302'), false);
  assert.equal(isRegionCode('430202001001002'), true);
});

test('personal data is masked as public lists require', () => {
  assert.equal(maskName('张小三'), '张*三');
  assert.equal(maskName('李四'), '李*');
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskIdNumber('430202199001010123'), '430202********0123');
  assert.equal(isMobilePhone('13812345678'), true);
  assert.equal(isMobilePhone('12812345678'), false);
});
