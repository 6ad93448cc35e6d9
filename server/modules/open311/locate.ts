import type { ServiceContext } from '../../platform/context.js';
import { regionLevel, regionPrefix, REGION_LEVEL_DEPTH } from '../../../common/regions.js';
import * as regions from '../regions/service.js';

/**
 * Which region a GeoReport request is about. GeoReport gives a point or an
 * address, our cases need a region code (routing is by region):
 *
 * 1. `attribute[region_code]`, when the client knows it (see the service definition);
 * 2. else the place names in `address_string` (株洲市渌口区朱亭镇双江村…): each
 *    name ending in 市/区/县/镇/乡/街道/社区/村 is looked up, and the deepest
 *    region whose ancestors agree with the other names wins;
 * 3. else the city: the 12345 dispatchers there assign it (a point alone does
 *    not name a village: the regions carry no boundaries yet).
 */
const PLACE = /[\u4e00-\u9fa5]{1,12}?(?:街道|社区|村|镇|乡|区|县|市)/gu;

export function placeNames(address: string): string[] {
  return [...new Set(address.match(PLACE) ?? [])];
}

export async function regionFromAddress(ctx: ServiceContext, address: string): Promise<string | null> {
  const names = placeNames(address).slice(0, 8);
  const found: { code: string; level: string }[] = [];
  for (const name of names) {
    const { items } = await regions.searchRegions(ctx, { q: name });
    for (const r of items) if (r.name === name) found.push({ code: r.code, level: r.level });
  }
  if (!found.length) return null;
  const codes = new Set(found.map((f) => f.code));
  // A candidate scores one per other named region among its ancestors (双江村 under 朱亭镇, not another 双江村).
  const scored = found.map((f) => ({
    code: f.code,
    depth: REGION_LEVEL_DEPTH[regionLevel(f.code)],
    agree: [...codes].filter((c) => c !== f.code && f.code.startsWith(regionPrefix(c))).length,
  }));
  scored.sort((a, b) => b.agree - a.agree || b.depth - a.depth);
  return scored[0]!.code;
}

/** The installation's city: the only city-level region (or null when there are several). */
export async function defaultCity(ctx: ServiceContext): Promise<string | null> {
  const roots = (await regions.searchRegions(ctx, {})).items;
  const cities: string[] = [];
  for (const root of roots) {
    if (root.level === 'city') cities.push(root.code);
    else if (root.level === 'province') cities.push(...(await regions.searchRegions(ctx, { parent: root.code })).items.filter((c) => c.level === 'city').map((c) => c.code));
  }
  return cities.length === 1 ? cities[0]! : null;
}
