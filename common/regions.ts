/**
 * Region codes: 12-digit statistical division codes (2 province + 2 city +
 * 2 county + 3 township + 3 village); a grid appends 3 more digits. A region's
 * subtree is every code that starts with its prefix, so a scope check is a
 * string prefix test and a roll-up is `code LIKE prefix || '%'`.
 */
export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village' | 'grid';

export const REGION_LEVEL_DEPTH: Record<RegionLevel, number> = {
  province: 1,
  city: 2,
  county: 3,
  township: 4,
  village: 5,
  grid: 6,
};

export function isRegionCode(code: string): boolean {
  return /^\d{12}(\d{3})?$/.test(code);
}

export function regionLevel(code: string): RegionLevel {
  if (code.length === 15) return 'grid';
  if (code.slice(9) !== '000') return 'village';
  if (code.slice(6, 9) !== '000') return 'township';
  if (code.slice(4, 6) !== '00') return 'county';
  if (code.slice(2, 4) !== '00') return 'city';
  return 'province';
}

const PREFIX_LENGTH: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12, grid: 15 };

/** The prefix every code in this region's subtree starts with. */
export function regionPrefix(code: string): string {
  return code.slice(0, PREFIX_LENGTH[regionLevel(code)]);
}

/** The code of the region directly above, or null for a province. */
export function parentRegionCode(code: string): string | null {
  switch (regionLevel(code)) {
    case 'grid':
      return code.slice(0, 12);
    case 'village':
      return code.slice(0, 9) + '000';
    case 'township':
      return code.slice(0, 6) + '000000';
    case 'county':
      return code.slice(0, 4) + '00000000';
    case 'city':
      return code.slice(0, 2) + '0000000000';
    default:
      return null;
  }
}

/** Codes from the region itself up to the province, nearest first. */
export function ancestorCodes(code: string): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c; c = parentRegionCode(c)) out.push(c);
  return out;
}

/** True when `code` lies in the subtree whose prefix is `prefix`. */
export function inSubtree(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}
