import type { ServiceContext } from '../../platform/context.js';
import { haversineMatrix, type DistanceMatrix, type LatLng } from '../../../common/emergency/geo.js';
import { planRoute, type DeliveryStop, type ShopStop } from '../../../common/emergency/route-planner.js';
import { URGENCY_TIER, type Urgency } from '../../../common/emergency/types.js';
import { pointOf, requireActor, requireIncident } from './access.js';
import * as repo from './repo.js';
import * as needs from './repo-needs.js';
import { somethingToBuy } from './presenter-needs.js';
import type { RouteQuery, RouteView } from './schema-needs.js';

/**
 * The volunteer's route over the errands they hold (claimed: shop first when
 * something must be bought; bought: straight to the gate), planned by
 * common/emergency/route-planner.ts: life-critical first, a shop before the
 * deliveries that need it, then the shortest way.
 *
 * Distances come from a `DistanceSource`: the one seam where a road network
 * plugs in. Out of the box it is the great-circle distance (haversine). With
 * `LIANXIN_ROUTE_OSRM_URL` set, start-up installs `osrmSource`
 * (road-distance.ts: one batched call to an OSRM `table` service); any other
 * service is a `DistanceSource` of its own passed to `setDistanceSource`.
 * The planner itself never changes. When the road source fails (down, slow)
 * the route is planned on haversine distances and says so.
 */
export interface DistanceSource {
  /** Which distances the answer was planned on (shown to the volunteer). */
  kind: 'haversine' | 'road';
  /**
   * Metres between every pair of `points`: rows are origins, index 0 the
   * start when one is given, then the stops in order. May be asymmetric
   * (one-way streets). Throwing makes the route fall back to haversine.
   */
  matrix(points: LatLng[]): Promise<DistanceMatrix>;
}

export const haversineSource: DistanceSource = { kind: 'haversine', matrix: async (points) => haversineMatrix(points) };

let distanceSource: DistanceSource = haversineSource;

/** Installs the distance source (a road-network table service in production, if one is configured). */
export function setDistanceSource(source: DistanceSource): void {
  distanceSource = source;
}

export function currentDistanceKind(): DistanceSource['kind'] {
  return distanceSource.kind;
}

/** The matrix from the installed source, or haversine when it fails (the answer's `distance` says which). */
async function distancesFor(points: LatLng[]): Promise<{ matrix: DistanceMatrix; kind: DistanceSource['kind'] }> {
  try {
    return { matrix: await distanceSource.matrix(points), kind: distanceSource.kind };
  } catch {
    return { matrix: await haversineSource.matrix(points), kind: 'haversine' };
  }
}

interface Delivery extends DeliveryStop {
  needId: string;
  urgency: Urgency;
  label: string;
  phone: string;
}
interface Shop extends ShopStop {
  name: string;
  needIds: string[];
}

const shopKey = (name: string, lat: number, lng: number) => `${name}@${lat.toFixed(5)},${lng.toFixed(5)}`;

/** `GET /emergency/errands/route` */
export async function myRoute(ctx: ServiceContext, input: RouteQuery): Promise<RouteView> {
  const actor = requireActor(ctx);
  if (input.incidentId) await requireIncident(ctx.db, input.incidentId);
  const start = pointOf({ lat: input.fromLat, lng: input.fromLng }, 'fromLat', 'fromLng');
  const errands = await needs.routableErrands(ctx.db, actor.userId, input.incidentId);
  const [items, grids] = await Promise.all([
    needs.itemsOf(ctx.db, errands.map((e) => e.id)),
    repo.gridsByIds(ctx.db, errands.map((e) => e.grid_id).filter((g): g is string => !!g)),
  ]);

  const shops = new Map<string, Shop>();
  const deliveries: Delivery[] = [];
  const unplanned: RouteView['unplanned'] = [];
  for (const e of errands) {
    const grid = e.grid_id ? grids.get(e.grid_id) : undefined;
    const gate = e.lat !== null && e.lng !== null ? { lat: e.lat, lng: e.lng } : grid?.lat != null && grid.lng != null ? { lat: grid.lat, lng: grid.lng } : null;
    if (!gate) {
      unplanned.push({ needId: e.id, reason: 'no_location' });
      continue;
    }
    const requires: string[] = [];
    if (e.status === 'claimed' && somethingToBuy(items.get(e.id) ?? [])) {
      if (!e.shop_name || e.shop_lat === null || e.shop_lng === null) {
        unplanned.push({ needId: e.id, reason: 'no_shop' });
        continue;
      }
      const key = shopKey(e.shop_name, e.shop_lat, e.shop_lng);
      let shop = shops.get(key);
      if (!shop) shops.set(key, (shop = { kind: 'shop', id: key, point: { lat: e.shop_lat, lng: e.shop_lng }, name: e.shop_name, needIds: [] }));
      shop.needIds.push(e.id);
      requires.push(key);
    }
    deliveries.push({
      kind: 'delivery',
      id: e.id,
      needId: e.id,
      point: gate,
      tier: URGENCY_TIER[e.urgency as Urgency],
      requires,
      urgency: e.urgency as Urgency,
      label: `${e.compound} ${e.building}`,
      phone: e.phone,
    });
  }

  const stops: (Shop | Delivery)[] = [...shops.values(), ...deliveries];
  const points = [...(start ? [start] : []), ...stops.map((s) => s.point)];
  const distances = stops.length > 0 ? await distancesFor(points) : null;
  const plan = planRoute({ start, stops, distance: distances?.matrix });
  return {
    method: plan.method,
    distance: distances?.kind ?? distanceSource.kind,
    start,
    totalMeters: Math.round(plan.totalMeters),
    stops: plan.legs.map((leg, i) => {
      const s = leg.stop;
      const delivery = s.kind === 'delivery' ? (s as Delivery) : null;
      return {
        seq: i + 1,
        kind: s.kind,
        label: delivery ? delivery.label : (s as Shop).name,
        location: s.point,
        tier: leg.tier,
        needIds: delivery ? [delivery.needId] : (s as Shop).needIds,
        urgency: delivery?.urgency ?? null,
        phone: delivery?.phone ?? null,
        legMeters: Math.round(leg.legMeters),
        cumulativeMeters: Math.round(leg.cumulativeMeters),
      };
    }),
    unplanned,
  };
}
