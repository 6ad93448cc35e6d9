import { haversineMeters, type LatLng } from './geo.js';
import { TRANSFER_CATEGORIES, type TransferCategory } from './types.js';

/**
 * Plans a round of transfer trips (seed 003: 「所有转阳及密接人员必须今天晚上
 * 全部转移到指定隔离点」 — 10 drivers, 10 cars, hundreds of people overnight).
 * Pure; the server feeds it the people still waiting, the vehicles free now
 * and the isolation points with beds left, and stores the trips it returns.
 *
 * Rules:
 * - positive cases and contacts never ride together (one category per trip);
 *   positives go first;
 * - people are picked up by location (a compound or building is one pickup);
 *   the biggest pickup fills the biggest free vehicle first, and spare seats
 *   take the nearest other pickups of the same category within
 *   `maxDetourMeters` of the first one;
 * - each trip goes to one isolation point that accepts the category and has
 *   beds left, the nearest to the first pickup; its beds are counted down;
 * - one trip per vehicle per round: the next round starts when cars return.
 */

export interface TransferPersonInput {
  id: string;
  category: TransferCategory;
  /** Pickup key: people with the same key are collected together (compound + building). */
  pickup: string;
  point: LatLng;
}

export interface VehicleInput {
  id: string;
  capacity: number;
}

export interface DestinationInput {
  id: string;
  point: LatLng;
  /** Beds left. */
  remaining: number;
  /** Categories the point accepts (all when absent). */
  categories?: readonly TransferCategory[];
}

export interface PlannedTrip {
  vehicleId: string;
  destinationId: string;
  category: TransferCategory;
  personIds: string[];
  /** Pickup keys in the order the vehicle collects them. */
  pickups: string[];
}

export interface TransferPlan {
  trips: PlannedTrip[];
  waiting: { personId: string; reason: 'no_vehicle' | 'no_destination' }[];
}

interface Cluster {
  category: TransferCategory;
  pickup: string;
  point: LatLng;
  people: string[];
}

const priority = (c: TransferCategory) => TRANSFER_CATEGORIES.indexOf(c);

export function planTransfers(
  people: readonly TransferPersonInput[],
  vehicles: readonly VehicleInput[],
  destinations: readonly DestinationInput[],
  options: { maxDetourMeters?: number } = {},
): TransferPlan {
  const maxDetour = options.maxDetourMeters ?? 3000;
  const byKey = new Map<string, Cluster>();
  for (const p of people) {
    const key = `${p.category}|${p.pickup}`;
    let c = byKey.get(key);
    if (!c) byKey.set(key, (c = { category: p.category, pickup: p.pickup, point: p.point, people: [] }));
    c.people.push(p.id);
  }
  const clusters = [...byKey.values()].sort(
    (a, b) => priority(a.category) - priority(b.category) || b.people.length - a.people.length || a.pickup.localeCompare(b.pickup),
  );
  const free = [...vehicles].filter((v) => v.capacity > 0).sort((a, b) => b.capacity - a.capacity || a.id.localeCompare(b.id));
  const beds = new Map(destinations.map((d) => [d.id, Math.max(0, d.remaining)]));
  const accepts = (d: DestinationInput, c: TransferCategory) => !d.categories || d.categories.includes(c);
  const nearestDestination = (c: Cluster) =>
    destinations
      .filter((d) => accepts(d, c.category) && beds.get(d.id)! > 0)
      .sort((a, b) => haversineMeters(c.point, a.point) - haversineMeters(c.point, b.point) || a.id.localeCompare(b.id))[0];

  const trips: PlannedTrip[] = [];
  for (const vehicle of free) {
    const seed = clusters.find((c) => c.people.length > 0 && nearestDestination(c));
    if (!seed) break;
    const destination = nearestDestination(seed)!;
    let seats = Math.min(vehicle.capacity, beds.get(destination.id)!);
    const trip: PlannedTrip = { vehicleId: vehicle.id, destinationId: destination.id, category: seed.category, personIds: [], pickups: [] };
    const take = (c: Cluster) => {
      const taken = c.people.splice(0, seats);
      seats -= taken.length;
      trip.personIds.push(...taken);
      trip.pickups.push(c.pickup);
    };
    take(seed);
    while (seats > 0) {
      const next = clusters
        .filter((c) => c !== seed && c.category === seed.category && c.people.length > 0 && !trip.pickups.includes(c.pickup))
        .map((c) => ({ c, d: haversineMeters(seed.point, c.point) }))
        .filter((x) => x.d <= maxDetour)
        .sort((a, b) => a.d - b.d || a.c.pickup.localeCompare(b.c.pickup))[0];
      if (!next) break;
      take(next.c);
    }
    beds.set(destination.id, beds.get(destination.id)! - trip.personIds.length);
    trips.push(trip);
  }

  const waiting: TransferPlan['waiting'] = [];
  for (const c of clusters) {
    const reason = destinations.some((d) => accepts(d, c.category) && beds.get(d.id)! > 0) ? 'no_vehicle' : 'no_destination';
    for (const personId of c.people) waiting.push({ personId, reason });
  }
  return { trips, waiting };
}
