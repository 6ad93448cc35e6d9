import { haversineMeters, matrixFromTable, type DistanceMatrix, type LatLng } from '../../../common/emergency/geo.js';
import type { DistanceSource } from './route.js';

/**
 * A road-network distance source for the route planner (route.ts): one
 * batched call to an OSRM-compatible table service —
 *
 *   GET {base}/table/v1/{profile}/{lng,lat;lng,lat;…}?annotations=distance
 *   → { "code": "Ok", "distances": [[metres, …], …] }   (rows = from)
 *
 * — turned into the planner's `DistanceMatrix`. Installed at start-up when
 * `LIANXIN_ROUTE_OSRM_URL` is set (see emergencyConfig in map-config.ts).
 * A pair the service cannot route (null) takes the straight-line distance
 * times 1.4, a usual detour factor in towns, rather than failing the route;
 * a service that is down or slow (over `timeoutMs`) makes the call throw and
 * route.ts answers with haversine distances instead, saying so
 * (`distance: 'haversine'`): a volunteer always gets a route.
 *
 * Other services (AMap 距离测量, Baidu 批量算路) plug in the same way: a
 * `DistanceSource` whose `matrix(points)` returns metres, rows = origins,
 * index 0 the volunteer's start when given. Mind their coordinates: AMap
 * and Baidu take GCJ-02 / BD-09, this platform stores WGS-84.
 */

const DETOUR = 1.4;

export interface OsrmOptions {
  /** e.g. http://osrm.internal:5000 (no trailing path). */
  baseUrl: string;
  profile?: string;
  timeoutMs?: number;
  /** For tests. */
  fetchImpl?: typeof fetch;
}

export function osrmTableUrl(baseUrl: string, profile: string, points: readonly LatLng[]): string {
  const coords = points.map((p) => `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
  return `${baseUrl.replace(/\/+$/, '')}/table/v1/${encodeURIComponent(profile)}/${coords}?annotations=distance`;
}

export function osrmSource(options: OsrmOptions): DistanceSource {
  const profile = options.profile ?? 'driving';
  const timeoutMs = options.timeoutMs ?? 3000;
  const fetchImpl = options.fetchImpl ?? fetch;
  return {
    kind: 'road',
    async matrix(points: LatLng[]): Promise<DistanceMatrix> {
      if (points.length < 2) return matrixFromTable(points.map(() => points.map(() => 0)));
      const res = await fetchImpl(osrmTableUrl(options.baseUrl, profile, points), { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`road distance service answered ${res.status}`);
      const body = (await res.json()) as { code?: string; distances?: (number | null)[][] };
      if (body.code !== 'Ok' || !Array.isArray(body.distances) || body.distances.length !== points.length) {
        throw new Error(`road distance service answered ${body.code ?? 'without a table'}`);
      }
      const rows = body.distances.map((row, i) =>
        points.map((_, j) => {
          const d = row?.[j];
          return typeof d === 'number' && Number.isFinite(d) && d >= 0 ? d : haversineMeters(points[i]!, points[j]!) * DETOUR;
        }),
      );
      return matrixFromTable(rows);
    },
  };
}
