/**
 * Distances for route and transfer planning.
 *
 * The planners never compute a distance themselves: they read a
 * `DistanceMatrix` over the points they were given. The default is the
 * great-circle (haversine) distance, which is what we can compute with no
 * service at all. A road network plugs in by building the same interface
 * from a distance-table service *before* planning, so the planner stays
 * pure and synchronous:
 *
 *   // one batched call: OSRM `/table/v1/driving/…?annotations=distance`,
 *   // or AMap/高德 「距离测量」 / Baidu 「批量算路」 with origins × destinations
 *   const table: number[][] = await roadService.table(points);   // metres, rows = from
 *   const plan = planRoute({ start, stops, distance: matrixFromTable(table) });
 *
 * The table may be asymmetric (one-way streets): the planners use
 * `get(from, to)` in the direction of travel and never assume symmetry.
 * Index 0 is the start (the volunteer's position) when one is given, then
 * the stops in input order; `haversineMatrix` builds exactly that layout.
 */

export interface LatLng {
  lat: number;
  lng: number;
}

/** Distances in metres between the points of one planning problem, by index. */
export interface DistanceMatrix {
  readonly size: number;
  get(from: number, to: number): number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The haversine distances between `points`, computed once into a flat table. */
export function haversineMatrix(points: readonly LatLng[]): DistanceMatrix {
  const n = points.length;
  const table = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = haversineMeters(points[i]!, points[j]!);
      table[i * n + j] = d;
      table[j * n + i] = d;
    }
  }
  return { size: n, get: (from, to) => table[from * n + to]! };
}

/** A matrix from a distance service's table (rows are origins, columns destinations, metres). */
export function matrixFromTable(rows: readonly (readonly number[])[]): DistanceMatrix {
  const n = rows.length;
  for (const row of rows) {
    if (row.length !== n) throw new Error(`distance table must be square: ${n} rows, a row of ${row.length}`);
    for (const d of row) if (!Number.isFinite(d) || d < 0) throw new Error('distance table holds a negative or unknown distance');
  }
  const table = Float64Array.from(rows.flat());
  return { size: n, get: (from, to) => table[from * n + to]! };
}

/** True when the point is a plausible WGS-84 coordinate. */
export function isLatLng(p: Partial<LatLng> | null | undefined): p is LatLng {
  return !!p && typeof p.lat === 'number' && typeof p.lng === 'number' && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;
}
