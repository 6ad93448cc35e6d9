import type { Db } from '../../platform/db/database.js';
import { makeRegionUnit } from '../../testing/factories.js';

/**
 * The slice of Zhuzhou the feed and duty tests use: 株洲市 › 渌口区 › 朱亭镇 ›
 * 双江村 and its neighbour 大塘村, and 醴陵市 › 白兔潭镇 › 汆溪村 (seed 004). Each
 * region gets its unit, so each has a feed.
 */
export const CODES = {
  city: '430200000000',
  county: '430212000000',
  township: '430212101000',
  village: '430212101201',
  neighbour: '430212101202',
  grid: '430212101201001',
  liling: '430281000000',
  baitutan: '430281102000',
  cuanxi: '430281102201',
} as const;

export async function makeZhuzhouUnits(db: Db): Promise<Record<keyof typeof CODES, string>> {
  const names: Record<keyof typeof CODES, string> = {
    city: '株洲市',
    county: '渌口区',
    township: '朱亭镇',
    village: '双江村',
    neighbour: '大塘村',
    grid: '双江村第一网格',
    liling: '醴陵市',
    baitutan: '白兔潭镇',
    cuanxi: '汆溪村',
  };
  const units = {} as Record<keyof typeof CODES, string>;
  // Top down, so every region gets its own name rather than a placeholder.
  for (const key of Object.keys(CODES) as (keyof typeof CODES)[]) units[key] = await makeRegionUnit(db, CODES[key], names[key]);
  return units;
}
