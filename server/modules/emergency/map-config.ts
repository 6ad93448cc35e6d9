/**
 * Maps and road distances, from the environment (read once at start-up):
 *
 * | variable | meaning |
 * |---|---|
 * | `LIANXIN_MAP_TILES` | tile URL template served to the web: `{z}`, `{x}`, `{y}` (and `{s}` with subdomains). Unset: no map, the route is an ordered list only |
 * | `LIANXIN_MAP_SUBDOMAINS` | values of `{s}`, comma-separated (`0,1,2,3`) or one character each (`1234`) |
 * | `LIANXIN_MAP_LABEL_TILES` | optional overlay template (Tianditu's annotation layer `cva_w`) |
 * | `LIANXIN_MAP_ATTRIBUTION` | the credit line the tile provider requires |
 * | `LIANXIN_MAP_MAX_ZOOM` | default 18 |
 * | `LIANXIN_MAP_COORDS` | `wgs84` (default: Tianditu, OpenStreetMap) or `gcj02` (AMap/高德, Tencent): the web shifts points onto GCJ-02 tiles |
 * | `LIANXIN_ROUTE_OSRM_URL` | an OSRM-compatible service for road distances (road-distance.ts); unset: haversine |
 * | `LIANXIN_ROUTE_OSRM_PROFILE` | default `driving` (`foot`, `bicycle` …) |
 *
 * A value that cannot work (a template without `{z}/{x}/{y}`, `{s}` without
 * subdomains, an unknown coordinate system) stops the start-up with a
 * message naming the variable, rather than showing volunteers a blank map.
 */

export interface TileConfig {
  urlTemplate: string;
  subdomains: string[];
  labelUrlTemplate: string | null;
  attribution: string | null;
  maxZoom: number;
  coordinateSystem: 'wgs84' | 'gcj02';
}

export interface EmergencyConfig {
  tiles: TileConfig | null;
  road: { baseUrl: string; profile: string } | null;
}

function template(name: string, value: string, subdomains: string[]): string {
  if (!/^https?:\/\//.test(value)) throw new Error(`${name} must be an http(s) URL template`);
  for (const part of ['{z}', '{x}']) if (!value.includes(part)) throw new Error(`${name} must contain ${part}`);
  if (!value.includes('{y}') && !value.includes('{-y}')) throw new Error(`${name} must contain {y} (or {-y})`);
  if (value.includes('{s}') && subdomains.length === 0) throw new Error(`${name} uses {s}: set LIANXIN_MAP_SUBDOMAINS`);
  return value;
}

export function emergencyConfig(env: NodeJS.ProcessEnv = process.env): EmergencyConfig {
  const raw = env.LIANXIN_MAP_TILES?.trim();
  let tiles: TileConfig | null = null;
  if (raw) {
    const subs = env.LIANXIN_MAP_SUBDOMAINS?.trim() ?? '';
    const subdomains = subs.includes(',') ? subs.split(',').map((s) => s.trim()).filter(Boolean) : [...subs];
    const maxZoom = env.LIANXIN_MAP_MAX_ZOOM ? Number(env.LIANXIN_MAP_MAX_ZOOM) : 18;
    if (!Number.isInteger(maxZoom) || maxZoom < 1 || maxZoom > 22) throw new Error('LIANXIN_MAP_MAX_ZOOM must be a whole number from 1 to 22');
    const coords = (env.LIANXIN_MAP_COORDS?.trim() || 'wgs84').toLowerCase();
    if (coords !== 'wgs84' && coords !== 'gcj02') throw new Error('LIANXIN_MAP_COORDS must be wgs84 or gcj02');
    const label = env.LIANXIN_MAP_LABEL_TILES?.trim();
    tiles = {
      urlTemplate: template('LIANXIN_MAP_TILES', raw, subdomains),
      subdomains,
      labelUrlTemplate: label ? template('LIANXIN_MAP_LABEL_TILES', label, subdomains) : null,
      attribution: env.LIANXIN_MAP_ATTRIBUTION?.trim() || null,
      maxZoom,
      coordinateSystem: coords,
    };
  }
  const osrm = env.LIANXIN_ROUTE_OSRM_URL?.trim();
  if (osrm && !/^https?:\/\/[^/]+/.test(osrm)) throw new Error('LIANXIN_ROUTE_OSRM_URL must be an http(s) URL');
  return {
    tiles,
    road: osrm ? { baseUrl: osrm.replace(/\/+$/, ''), profile: env.LIANXIN_ROUTE_OSRM_PROFILE?.trim() || 'driving' } : null,
  };
}
