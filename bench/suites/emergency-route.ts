/**
 * Route planning for a volunteer's errands (common/emergency/route-planner.ts).
 *
 *   import { benchEmergencyRoute } from './suites/emergency-route.js';
 *   const result = benchEmergencyRoute();          // pure CPU, no database
 *
 * Three measurements:
 * 1. 50 stops (deliveries of three urgency tiers, some needing one of 6
 *    pharmacies): planning time over many instances — target under 200 ms.
 * 2. ≤ 10 stops: the planner against the exact optimum computed here by an
 *    independent Held–Karp (not the planner's own code) — target within 2 %.
 *    The heuristic alone (forced) is measured on the same instances too.
 * 3. 50–100 stops: the planner against the baseline of nearest neighbour
 *    improved by 2-opt (same rules), reported as the gap in distance.
 *
 * Standalone: `node --import tsx bench/suites/emergency-route.ts` (or
 * `npm run bench -- emergency-route`): prints a table, writes
 * bench/results/emergency-route.json, exits non-zero when a target is missed
 * or a plan breaks the rules (life-critical first, shop before delivery).
 */
import fs from 'node:fs';
import path from 'node:path';
import { haversineMeters, type LatLng } from '../../common/emergency/geo.js';
import { planRoute, respectsRules, type RouteStop } from '../../common/emergency/route-planner.js';

export interface RouteBenchResult {
  fiftyStops: { instances: number; p50Ms: number; p95Ms: number; maxMs: number; target: number; met: boolean };
  small: { instances: number; sizes: string; plannerMaxGapPct: number; heuristicMeanGapPct: number; heuristicMaxGapPct: number; target: number; met: boolean };
  large: { stops: number; instances: number; plannerKm: number; baselineKm: number; gapToBaselinePct: number; plannerMs: number; baselineMs: number }[];
  rulesKept: boolean;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START: LatLng = { lat: 27.8205, lng: 113.146 }; // 庆云街道
const spot = (r: () => number): LatLng => ({ lat: START.lat + (r() - 0.5) * 0.08, lng: START.lng + (r() - 0.5) * 0.09 });

/** `size` stops in all: deliveries of random tiers, ~40 % needing one of up to 6 pharmacies (which count as stops). */
export function routeInstance(seed: number, size: number): RouteStop[] {
  const r = rng(seed);
  const shopCount = Math.min(6, Math.max(1, Math.floor(size / 8)));
  const shops: RouteStop[] = Array.from({ length: shopCount }, (_, i) => ({ kind: 'shop', id: `s${i}`, point: spot(r) }));
  const used = new Set<string>();
  const deliveries: RouteStop[] = [];
  for (let i = 0; deliveries.length + used.size < size; i++) {
    const shop = `s${Math.floor(r() * shopCount)}`;
    const needsShop = r() < 0.4 && (used.has(shop) || deliveries.length + used.size + 2 <= size);
    if (needsShop) used.add(shop);
    deliveries.push({ kind: 'delivery', id: `d${i}`, point: spot(r), tier: Math.floor(r() * 3), requires: needsShop ? [shop] : [] });
  }
  return [...shops.filter((s) => used.has(s.id)), ...deliveries];
}

/** Independent exact optimum: Held–Karp over subsets with the tier and precedence rules. */
export function exactOptimum(stops: RouteStop[], start: LatLng): number {
  const n = stops.length;
  const index = new Map(stops.map((s, i) => [s.id, i]));
  const need = stops.map((s) => (s.kind === 'delivery' ? (s.requires ?? []).reduce((m, id) => m | (1 << index.get(id)!), 0) : 0));
  const tierOf = stops.map((s, i) =>
    s.kind === 'delivery' ? s.tier : Math.min(...stops.flatMap((d, j) => (d.kind === 'delivery' && (need[j]! & (1 << i)) ? [d.tier] : [2]))),
  );
  const d = (i: number, j: number) => haversineMeters(stops[i]!.point, stops[j]!.point);
  const full = (1 << n) - 1;
  const best = new Float64Array((full + 1) * n).fill(Infinity);
  const lowestOpen = (mask: number) => {
    let m = 99;
    for (let k = 0; k < n; k++) if (!(mask & (1 << k))) m = Math.min(m, tierOf[k]!);
    return m;
  };
  for (let k = 0; k < n; k++) if (need[k] === 0 && tierOf[k] === lowestOpen(0)) best[(1 << k) * n + k] = haversineMeters(start, stops[k]!.point);
  for (let mask = 1; mask <= full; mask++) {
    const low = lowestOpen(mask);
    for (let last = 0; last < n; last++) {
      const c = best[mask * n + last]!;
      if (c === Infinity) continue;
      for (let k = 0; k < n; k++) {
        if (mask & (1 << k) || (need[k]! & mask) !== need[k] || tierOf[k] !== low) continue;
        const idx = (mask | (1 << k)) * n + k;
        if (c + d(last, k) < best[idx]!) best[idx] = c + d(last, k);
      }
    }
  }
  let min = Infinity;
  for (let k = 0; k < n; k++) min = Math.min(min, best[full * n + k]!);
  return min;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const round1 = (x: number) => Math.round(x * 10) / 10;

export function benchEmergencyRoute(options: { fiftyInstances?: number; smallInstances?: number; largeInstances?: number } = {}): RouteBenchResult {
  let rulesKept = true;
  const check = (stops: RouteStop[], ids: string[]) => (rulesKept &&= respectsRules(stops, ids));

  // Warm up the JIT so the first measured instance is not an outlier of compilation.
  for (let i = 0; i < 5; i++) planRoute({ start: START, stops: routeInstance(9000 + i, 50) });

  const times: number[] = [];
  for (let i = 0; i < (options.fiftyInstances ?? 30); i++) {
    const stops = routeInstance(1000 + i, 50);
    const t = performance.now();
    const plan = planRoute({ start: START, stops });
    times.push(performance.now() - t);
    check(stops, plan.legs.map((l) => l.stop.id));
  }

  let plannerMax = 0;
  const heuristicGaps: number[] = [];
  const smallCount = options.smallInstances ?? 60;
  for (let i = 0; i < smallCount; i++) {
    const size = 6 + (i % 5);
    const stops = routeInstance(2000 + i, size);
    const optimum = exactOptimum(stops, START);
    const plan = planRoute({ start: START, stops });
    const heuristic = planRoute({ start: START, stops, method: 'heuristic' });
    check(stops, plan.legs.map((l) => l.stop.id));
    check(stops, heuristic.legs.map((l) => l.stop.id));
    plannerMax = Math.max(plannerMax, plan.totalMeters / optimum - 1);
    heuristicGaps.push(heuristic.totalMeters / optimum - 1);
  }

  const large: RouteBenchResult['large'] = [];
  for (const size of [50, 75, 100]) {
    let planner = 0;
    let baseline = 0;
    let plannerMs = 0;
    let baselineMs = 0;
    const count = options.largeInstances ?? 10;
    for (let i = 0; i < count; i++) {
      const stops = routeInstance(3000 + size * 100 + i, size);
      let t = performance.now();
      const p = planRoute({ start: START, stops });
      plannerMs += performance.now() - t;
      t = performance.now();
      const b = planRoute({ start: START, stops, method: 'heuristic', effort: 'two_opt' });
      baselineMs += performance.now() - t;
      check(stops, p.legs.map((l) => l.stop.id));
      check(stops, b.legs.map((l) => l.stop.id));
      planner += p.totalMeters;
      baseline += b.totalMeters;
    }
    large.push({
      stops: size,
      instances: count,
      plannerKm: round1(planner / count / 1000),
      baselineKm: round1(baseline / count / 1000),
      gapToBaselinePct: round1((planner / baseline - 1) * 100),
      plannerMs: round1(plannerMs / count),
      baselineMs: round1(baselineMs / count),
    });
  }

  const p95 = percentile(times, 95);
  return {
    fiftyStops: { instances: times.length, p50Ms: round1(percentile(times, 50)), p95Ms: round1(p95), maxMs: round1(Math.max(...times)), target: 200, met: Math.max(...times) < 200 },
    small: {
      instances: smallCount,
      sizes: '6–10 stops',
      plannerMaxGapPct: round1(plannerMax * 100),
      heuristicMeanGapPct: Math.round((heuristicGaps.reduce((s, g) => s + g, 0) / heuristicGaps.length) * 10000) / 100,
      heuristicMaxGapPct: round1(Math.max(...heuristicGaps) * 100),
      target: 2,
      met: plannerMax <= 0.02,
    },
    large,
    rulesKept,
  };
}

/** A readable table of the result (the same figures as the JSON). */
export function routeTable(r: RouteBenchResult): string {
  const lines = [
    '| measurement | planner | baseline | ratio / gap | target | met |',
    '|---|---:|---:|---:|---:|:-:|',
    `| 50 stops, planning time (${r.fiftyStops.instances} instances) | p50 ${r.fiftyStops.p50Ms} ms, p95 ${r.fiftyStops.p95Ms} ms, max ${r.fiftyStops.maxMs} ms | — | — | < ${r.fiftyStops.target} ms | ${r.fiftyStops.met ? 'yes' : 'NO'} |`,
    `| ${r.small.sizes}: distance vs exact optimum (${r.small.instances} instances) | max gap ${r.small.plannerMaxGapPct} % | heuristic alone: mean ${r.small.heuristicMeanGapPct} %, max ${r.small.heuristicMaxGapPct} % | — | ≤ ${r.small.target} % | ${r.small.met ? 'yes' : 'NO'} |`,
    ...r.large.map(
      (l) =>
        `| ${l.stops} stops: distance vs 2-opt nearest neighbour (${l.instances} instances) | ${l.plannerKm} km in ${l.plannerMs} ms | ${l.baselineKm} km in ${l.baselineMs} ms | ${l.gapToBaselinePct > 0 ? '+' : ''}${l.gapToBaselinePct} % | report | — |`,
    ),
    `| rules kept on every plan (life-critical first, shop before its deliveries) | ${r.rulesKept ? 'yes' : 'NO'} | | | all | ${r.rulesKept ? 'yes' : 'NO'} |`,
  ];
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const result = benchEmergencyRoute();
  console.log(routeTable(result));
  const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'emergency-route.json'), `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
  if (!result.fiftyStops.met || !result.small.met || !result.rulesKept) process.exitCode = 1;
}
