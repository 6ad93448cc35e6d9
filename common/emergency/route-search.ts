/**
 * The heuristic half of the route planner (route-planner.ts holds the rules,
 * the API and the exact solver): constrained nearest neighbour, improved by
 * 2-opt and or-opt to a local optimum, then an iterated local search that
 * kicks the route with a double bridge inside one urgency tier and keeps
 * the result when it is shorter. Every move keeps both rules (tiers never
 * decrease; a shop before the deliveries that need it). Deterministic: the
 * kicks draw from a seeded generator.
 */

/** The problem in index form: node 0 is the start, nodes 1..n the stops. */
export interface Problem {
  n: number;
  d: (from: number, to: number) => number;
  /** By node (index 0 unused): the tier, the nodes that must come before, the nodes that must come after. */
  tier: Int32Array;
  preds: number[][];
  succs: number[][];
}

const EPS = 1e-9;

export function isFeasible(p: Problem, route: readonly number[]): boolean {
  const pos = new Int32Array(p.n + 1);
  route.forEach((node, i) => (pos[node] = i));
  for (let k = 2; k < route.length; k++) if (p.tier[route[k]!]! < p.tier[route[k - 1]!]!) return false;
  for (let node = 1; node <= p.n; node++) for (const q of p.preds[node]!) if (pos[q]! > pos[node]!) return false;
  return true;
}

export function routeCost(p: Problem, route: readonly number[]): number {
  let c = 0;
  for (let i = 1; i < route.length; i++) c += p.d(route[i - 1]!, route[i]!);
  return c;
}

function nearestNeighbour(p: Problem): number[] {
  const visited = new Uint8Array(p.n + 1);
  const route = [0];
  let current = 0;
  for (let step = 0; step < p.n; step++) {
    let minTier = Infinity;
    for (let k = 1; k <= p.n; k++) if (!visited[k] && p.tier[k]! < minTier) minTier = p.tier[k]!;
    let best = -1;
    let bestD = Infinity;
    for (let k = 1; k <= p.n; k++) {
      if (visited[k] || p.tier[k] !== minTier || p.preds[k]!.some((q) => !visited[q])) continue;
      const dist = p.d(current, k);
      if (dist < bestD) {
        bestD = dist;
        best = k;
      }
    }
    visited[best] = 1;
    route.push(best);
    current = best;
  }
  return route;
}

/** Each node's nearest other stops (by outgoing distance): the moves worth trying. */
function neighbourLists(p: Problem, size: number): number[][] {
  const lists: number[][] = [];
  for (let a = 0; a <= p.n; a++) {
    const others: number[] = [];
    for (let c = 1; c <= p.n; c++) if (c !== a) others.push(c);
    others.sort((x, y) => p.d(a, x) - p.d(a, y));
    lists.push(others.slice(0, size));
  }
  return lists;
}

/** The route under improvement, with prefix sums of leg lengths both ways round. */
class Tour {
  pos: Int32Array;
  fwd: Float64Array;
  back: Float64Array;
  constructor(
    readonly p: Problem,
    public route: number[],
    readonly near: number[][],
  ) {
    this.pos = new Int32Array(p.n + 1);
    this.fwd = new Float64Array(route.length);
    this.back = new Float64Array(route.length);
    this.refresh();
  }
  refresh(): void {
    const r = this.route;
    r.forEach((node, i) => (this.pos[node] = i));
    for (let i = 1; i < r.length; i++) {
      this.fwd[i] = this.fwd[i - 1]! + this.p.d(r[i - 1]!, r[i]!);
      this.back[i] = this.back[i - 1]! + this.p.d(r[i]!, r[i - 1]!);
    }
  }
  get cost(): number {
    return this.fwd[this.route.length - 1]!;
  }
  /** Cost of route[i..j] walked forwards / backwards. */
  inner(i: number, j: number, reversed: boolean): number {
    return reversed ? this.back[j]! - this.back[i]! : this.fwd[j]! - this.fwd[i]!;
  }
  /** No precedence pair lies inside route[i..j] (so it may be reversed). */
  freeInside(i: number, j: number): boolean {
    for (let k = i; k <= j; k++) for (const q of this.p.preds[this.route[k]!]!) if (this.pos[q]! >= i && this.pos[q]! <= j) return false;
    return true;
  }
}

/** Reverses route[i..j] when that is shorter and allowed. */
function tryReverse(t: Tour, i: number, j: number): boolean {
  const { p } = t;
  const r = t.route;
  const m = r.length - 1;
  // Tiers never decrease along the route, so a reversal must stay within one tier.
  if (i < 1 || j > m || i >= j || p.tier[r[j]!] !== p.tier[r[i]!]) return false;
  const after = j < m ? r[j + 1]! : -1;
  const before = p.d(r[i - 1]!, r[i]!) + t.inner(i, j, false) + (after >= 0 ? p.d(r[j]!, after) : 0);
  const changed = p.d(r[i - 1]!, r[j]!) + t.inner(i, j, true) + (after >= 0 ? p.d(r[i]!, after) : 0);
  if (changed >= before - EPS || !t.freeInside(i, j)) return false;
  const reversed = r.slice(i, j + 1).reverse();
  r.splice(i, reversed.length, ...reversed);
  t.refresh();
  return true;
}

/** 2-opt over neighbour lists: a new leg always joins a stop to one of its nearest. */
function twoOptPass(t: Tour): boolean {
  const r = t.route;
  for (let i = 1; i < r.length; i++) {
    // new leg route[i-1] → c, reversing route[i..pos c]
    for (const c of t.near[r[i - 1]!]!) if (tryReverse(t, i, t.pos[c]!)) return true;
    // new leg c → route[i+1], reversing route[pos c..i]
    if (i + 1 < r.length) for (const c of t.near[r[i + 1]!]!) if (tryReverse(t, t.pos[c]!, i)) return true;
  }
  return false;
}

/** Moving route[i..e] to after route[k] passes over no shop it needs, nor any delivery that needs it. */
function movable(t: Tour, i: number, e: number, k: number): boolean {
  const [lo, hi] = k < i ? [k + 1, i - 1] : [e + 1, k];
  for (let s = i; s <= e; s++) {
    const node = t.route[s]!;
    const blockers = k < i ? t.p.preds[node]! : t.p.succs[node]!;
    for (const q of blockers) if (t.pos[q]! >= lo && t.pos[q]! <= hi) return false;
  }
  return true;
}

/** Moves route[i..e] (either way round) to after route[k] when that is shorter and allowed. */
function tryMove(t: Tour, i: number, e: number, k: number, removed: number, canReverse: boolean): boolean {
  const { p } = t;
  const r = t.route;
  const m = r.length - 1;
  if (k < 0 || k > m || (k >= i - 1 && k <= e)) return false;
  const tier = p.tier[r[i]!]!;
  const a = r[k]!;
  const b = k === m ? -1 : r[k + 1]!;
  if ((k > 0 && p.tier[a]! > tier) || (b >= 0 && p.tier[b]! < tier)) return false;
  for (const reversed of canReverse ? [false, true] : [false]) {
    const first = reversed ? r[e]! : r[i]!;
    const last = reversed ? r[i]! : r[e]!;
    const added = p.d(a, first) + t.inner(i, e, reversed) + (b >= 0 ? p.d(last, b) - p.d(a, b) : 0);
    if (added - removed < -EPS && movable(t, i, e, k)) {
      const run = r.splice(i, e - i + 1);
      if (reversed) run.reverse();
      r.splice(k < i ? k + 1 : k - run.length + 1, 0, ...run);
      t.refresh();
      return true;
    }
  }
  return false;
}

/** Or-opt over neighbour lists: runs of 1–3 stops moved next to one of their nearest stops. */
function orOptPass(t: Tour): boolean {
  const { p } = t;
  const r = t.route;
  const m = r.length - 1;
  for (let len = 1; len <= 3; len++) {
    for (let i = 1; i + len - 1 <= m; i++) {
      const e = i + len - 1;
      if (p.tier[r[e]!] !== p.tier[r[i]!]) continue;
      const next = e < m ? r[e + 1]! : -1;
      const removed = p.d(r[i - 1]!, r[i]!) + t.inner(i, e, false) + (next >= 0 ? p.d(r[e]!, next) - p.d(r[i - 1]!, next) : 0);
      const canReverse = len > 1 && t.freeInside(i, e);
      for (const end of len > 1 ? [r[i]!, r[e]!] : [r[i]!]) {
        for (const c of t.near[end]!) {
          const at = t.pos[c]!;
          if (tryMove(t, i, e, at, removed, canReverse) || tryMove(t, i, e, at - 1, removed, canReverse)) return true;
        }
      }
      // The start has no neighbour list entry: also try the very front.
      if (tryMove(t, i, e, 0, removed, canReverse)) return true;
    }
  }
  return false;
}

function localSearch(t: Tour, orOpt: boolean): void {
  // Each applied move strictly shortens the route, so this ends; the cap only bounds pathological inputs.
  for (let rounds = 0; rounds < 50 * t.p.n; rounds++) {
    if (twoOptPass(t)) continue;
    if (orOpt && orOptPass(t)) continue;
    break;
  }
}

function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A double bridge (A B C D → A C B D) inside one run of equal tier, kept
 * only when it respects precedence; null when no such kick was found.
 */
function doubleBridge(p: Problem, route: readonly number[], random: () => number): number[] | null {
  const runs: [number, number][] = [];
  for (let i = 1; i < route.length; ) {
    let j = i;
    while (j + 1 < route.length && p.tier[route[j + 1]!] === p.tier[route[i]!]) j++;
    if (j - i + 1 >= 4) runs.push([i, j]);
    i = j + 1;
  }
  if (runs.length === 0) return null;
  for (let attempt = 0; attempt < 8; attempt++) {
    const [s, e] = runs[Math.floor(random() * runs.length)]!;
    const cuts = new Set<number>();
    while (cuts.size < 3) cuts.add(s + 1 + Math.floor(random() * (e - s)));
    const [a, b, c] = [...cuts].sort((x, y) => x - y) as [number, number, number];
    const kicked = [...route.slice(0, a), ...route.slice(b, c), ...route.slice(a, b), ...route.slice(c)];
    if (isFeasible(p, kicked)) return kicked;
  }
  return null;
}

/** Moves one run of 1–3 equal-tier stops to a random place in its tier, if that keeps precedence. */
function randomShift(p: Problem, route: readonly number[], random: () => number): number[] | null {
  const m = route.length - 1;
  for (let attempt = 0; attempt < 12; attempt++) {
    const i = 1 + Math.floor(random() * m);
    const len = 1 + Math.floor(random() * 3);
    const e = Math.min(m, i + len - 1);
    const rest = [...route.slice(0, i), ...route.slice(e + 1)];
    const at = 1 + Math.floor(random() * (rest.length - 1 + 1));
    const moved = [...rest.slice(0, at), ...route.slice(i, e + 1), ...rest.slice(at)];
    if (isFeasible(p, moved) && moved.some((x, k) => x !== route[k])) return moved;
  }
  return null;
}

export interface HeuristicOptions {
  effort: 'full' | 'two_opt';
  /** Kicks of the iterated local search; default scales with size. */
  kicks?: number;
  /** Wall-clock cap on the kicks (ms); the local optimum before them is always reached. */
  budgetMs?: number;
}

export function solveHeuristic(p: Problem, options: HeuristicOptions): number[] {
  const t = new Tour(p, nearestNeighbour(p), neighbourLists(p, 10));
  // 2-opt to its local optimum first: the full effort then starts from the baseline and can only improve on it.
  localSearch(t, false);
  if (options.effort === 'two_opt') return t.route;
  localSearch(t, true);
  let best = [...t.route];
  let bestCost = t.cost;
  const kicks = options.kicks ?? Math.min(400, 10 * p.n);
  const deadline = Date.now() + (options.budgetMs ?? 80);
  const random = generator(p.n * 7919 + 17);
  for (let k = 0; k < kicks && Date.now() < deadline; k++) {
    const kicked = (k % 2 === 0 && doubleBridge(p, best, random)) || randomShift(p, randomShift(p, best, random) ?? best, random);
    if (!kicked) continue;
    t.route = kicked;
    t.refresh();
    localSearch(t, true);
    if (t.cost < bestCost - EPS) {
      best = [...t.route];
      bestCost = t.cost;
    }
  }
  return best;
}
