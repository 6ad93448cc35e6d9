import { haversineMatrix, type DistanceMatrix, type LatLng } from './geo.js';
import { isFeasible, solveHeuristic, type Problem } from './route-search.js';

/**
 * Orders a volunteer's errands into a route (seed 003: 刘翊 plans「最合适的路径」
 * for ~50 households a day). Pure and synchronous; the server and the web use
 * the same function.
 *
 * Stops are shops (a pharmacy, a 母婴店) and deliveries (a compound gate).
 * Rules, in order of importance:
 *
 * 1. Urgency tiers: every life-critical delivery (tier 0) comes before any
 *    urgent one (tier 1), which comes before any normal one (tier 2). A shop
 *    takes the lowest tier of the deliveries that need it, so the whole route
 *    is a non-decreasing sequence of tiers.
 * 2. Precedence: a shop comes before every delivery that needs it.
 * 3. Within those rules, the shortest open path from the start (the
 *    volunteer's position; with no start, the route may begin anywhere).
 *
 * Method: exact dynamic programming over subsets (Held–Karp with the two
 * rules as feasibility) for up to `exactLimit` stops (10 by default);
 * beyond, nearest neighbour among the stops the rules allow next, improved
 * by 2-opt (segment reversals) and or-opt (moving runs of 1–3 stops, either
 * way round), every move checked against both rules.
 *
 * Distances come from a `DistanceMatrix` (see geo.ts): haversine by default,
 * or a road-network table computed beforehand — the matrix may be asymmetric.
 */

export interface ShopStop {
  kind: 'shop';
  id: string;
  point: LatLng;
}
export interface DeliveryStop {
  kind: 'delivery';
  id: string;
  point: LatLng;
  /** 0 = life-critical, 1 = urgent, 2 = normal (common/emergency/types.ts URGENCY_TIER). */
  tier: number;
  /** Ids of the shops that must be visited before this delivery. */
  requires?: readonly string[];
}
export type RouteStop = ShopStop | DeliveryStop;

export interface RouteInput<S extends RouteStop = RouteStop> {
  /** Where the volunteer is; with none, the route starts at its first stop. */
  start?: LatLng | null;
  stops: readonly S[];
  /** Over [start, ...stops] (or just the stops when there is no start). Default: haversine. */
  distance?: DistanceMatrix;
  /** Largest number of stops solved exactly (default 10, at most 16). */
  exactLimit?: number;
  /** `auto` (default) picks by size; the benchmark forces either one. */
  method?: 'auto' | 'exact' | 'heuristic';
  /**
   * The heuristic's effort: `full` (default) is 2-opt and or-opt to a local
   * optimum, then iterated local search; `two_opt` alone is the benchmark's
   * baseline (nearest neighbour improved by 2-opt).
   */
  effort?: 'full' | 'two_opt';
  /** Kicks of the iterated local search (default scales with size); 0 stops after the first local optimum. */
  kicks?: number;
  /** Wall-clock cap on the kicks in ms (default 80); the first local optimum is always reached. */
  budgetMs?: number;
}

export interface RouteLeg<S extends RouteStop = RouteStop> {
  stop: S;
  tier: number;
  /** From the previous stop (or the start). */
  legMeters: number;
  cumulativeMeters: number;
}

export interface RoutePlan<S extends RouteStop = RouteStop> {
  legs: RouteLeg<S>[];
  totalMeters: number;
  method: 'exact' | 'heuristic';
}

export type RoutePlanErrorCode = 'duplicate_stop' | 'unknown_shop' | 'bad_tier' | 'bad_matrix' | 'too_large_for_exact';

export class RoutePlanError extends Error {
  constructor(
    readonly code: RoutePlanErrorCode,
    readonly stopId: string | null = null,
  ) {
    super(`route plan: ${code}${stopId ? ` (${stopId})` : ''}`);
  }
}

export const DEFAULT_EXACT_LIMIT = 10;
const MAX_EXACT = 16;
const EPS = 1e-9;

function buildProblem<S extends RouteStop>(input: RouteInput<S>): Problem {
  const stops = input.stops;
  const n = stops.length;
  const index = new Map<string, number>();
  stops.forEach((s, i) => {
    if (index.has(s.id)) throw new RoutePlanError('duplicate_stop', s.id);
    index.set(s.id, i + 1);
  });
  const hasStart = !!input.start;
  const matrix = input.distance ?? haversineMatrix(hasStart ? [input.start!, ...stops.map((s) => s.point)] : stops.map((s) => s.point));
  if (matrix.size !== n + (hasStart ? 1 : 0)) throw new RoutePlanError('bad_matrix');
  const d = hasStart ? (a: number, b: number) => matrix.get(a, b) : (a: number, b: number) => (a === 0 ? 0 : matrix.get(a - 1, b - 1));

  const tier = new Int32Array(n + 1).fill(-1);
  const preds: number[][] = Array.from({ length: n + 1 }, () => []);
  const succs: number[][] = Array.from({ length: n + 1 }, () => []);
  let maxTier = 0;
  stops.forEach((s, i) => {
    if (s.kind !== 'delivery') return;
    if (!Number.isInteger(s.tier) || s.tier < 0) throw new RoutePlanError('bad_tier', s.id);
    tier[i + 1] = s.tier;
    maxTier = Math.max(maxTier, s.tier);
    for (const shopId of new Set(s.requires ?? [])) {
      const shop = index.get(shopId);
      if (!shop || stops[shop - 1]!.kind !== 'shop') throw new RoutePlanError('unknown_shop', s.id);
      preds[i + 1]!.push(shop);
      succs[shop]!.push(i + 1);
    }
  });
  // A shop serves its most urgent delivery; a shop nobody needs goes last.
  stops.forEach((s, i) => {
    if (s.kind !== 'shop') return;
    tier[i + 1] = succs[i + 1]!.length ? Math.min(...succs[i + 1]!.map((k) => tier[k]!)) : maxTier;
  });
  return { n, d, tier, preds, succs };
}

/** Plans the route; see the file comment for the rules and methods. */
export function planRoute<S extends RouteStop>(input: RouteInput<S>): RoutePlan<S> {
  const p = buildProblem(input);
  const limit = Math.min(input.exactLimit ?? DEFAULT_EXACT_LIMIT, MAX_EXACT);
  const method = input.method ?? 'auto';
  if (method === 'exact' && p.n > MAX_EXACT) throw new RoutePlanError('too_large_for_exact');
  const exact = method === 'exact' || (method === 'auto' && p.n <= limit);
  const order = p.n === 0 ? [0] : exact ? solveExact(p) : solveHeuristic(p, { effort: input.effort ?? 'full', kicks: input.kicks, budgetMs: input.budgetMs });
  let cumulative = 0;
  const legs: RouteLeg<S>[] = [];
  for (let k = 1; k < order.length; k++) {
    const leg = p.d(order[k - 1]!, order[k]!);
    cumulative += leg;
    legs.push({ stop: input.stops[order[k]! - 1]!, tier: p.tier[order[k]!]!, legMeters: leg, cumulativeMeters: cumulative });
  }
  return { legs, totalMeters: cumulative, method: exact ? 'exact' : 'heuristic' };
}

/** True when `order` (stop ids) keeps both rules; for tests and the benchmark. */
export function respectsRules(stops: readonly RouteStop[], order: readonly string[]): boolean {
  const p = buildProblem({ stops, start: null });
  const byId = new Map(stops.map((s, i) => [s.id, i + 1]));
  const nodes = order.map((id) => byId.get(id));
  if (nodes.some((x) => x === undefined) || new Set(nodes).size !== stops.length || nodes.length !== stops.length) return false;
  return isFeasible(p, [0, ...(nodes as number[])]);
}

// ---------------------------------------------------------------------------
// Exact: Held–Karp over subsets, with the tier and precedence rules
// ---------------------------------------------------------------------------

function solveExact(p: Problem): number[] {
  const n = p.n;
  const full = (1 << n) - 1;
  const predMask = new Int32Array(n);
  for (let k = 0; k < n; k++) for (const q of p.preds[k + 1]!) predMask[k] |= 1 << (q - 1);
  const tiers = Array.from({ length: n }, (_, k) => p.tier[k + 1]!);
  // The lowest tier still unvisited, per subset of visited stops.
  const minOpen = new Int32Array(full + 1);
  for (let mask = 0; mask <= full; mask++) {
    let m = Number.MAX_SAFE_INTEGER;
    for (let k = 0; k < n; k++) if (!(mask & (1 << k)) && tiers[k]! < m) m = tiers[k]!;
    minOpen[mask] = m === Number.MAX_SAFE_INTEGER ? -1 : m;
  }
  const size = (full + 1) * n;
  const cost = new Float64Array(size).fill(Infinity);
  const parent = new Int8Array(size).fill(-1);
  const allowed = (mask: number, k: number) => (predMask[k]! & mask) === predMask[k] && tiers[k] === minOpen[mask];
  for (let k = 0; k < n; k++) if (allowed(0, k)) cost[(1 << k) * n + k] = p.d(0, k + 1);
  for (let mask = 1; mask <= full; mask++) {
    for (let last = 0; last < n; last++) {
      const here = cost[mask * n + last]!;
      if (here === Infinity) continue;
      for (let k = 0; k < n; k++) {
        if (mask & (1 << k) || !allowed(mask, k)) continue;
        const next = mask | (1 << k);
        const c = here + p.d(last + 1, k + 1);
        if (c < cost[next * n + k]! - EPS) {
          cost[next * n + k] = c;
          parent[next * n + k] = last;
        }
      }
    }
  }
  let best = -1;
  for (let k = 0; k < n; k++) if (best < 0 || cost[full * n + k]! < cost[full * n + best]!) best = k;
  const order: number[] = [];
  for (let mask = full, k = best; k >= 0; ) {
    order.push(k + 1);
    const prev = parent[mask * n + k]!;
    mask &= ~(1 << k);
    k = prev;
  }
  return [0, ...order.reverse()];
}
