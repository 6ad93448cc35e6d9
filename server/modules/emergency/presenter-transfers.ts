import { maskName, maskPhone } from '../../../common/masking.js';
import { TRIP_TRANSITIONS, type TransferCategory, type TransferPersonStatus, type TripStatus } from '../../../common/emergency/types.js';
import { iso } from './access.js';
import type { PersonRow, PointRow, TripRow, VehicleRow } from './repo-transfers.js';
import type { TripView } from './schema-transfers.js';

/**
 * Shapes the transfer board. People being moved are named and reachable
 * only for those who move them (commanders, their driver, the cadres and
 * medics of their area); other viewers of the board see masked names.
 */

export function presentPoint(p: PointRow, taken: number) {
  return {
    id: p.id,
    name: p.name,
    address: p.address,
    location: { lat: p.lat, lng: p.lng },
    capacity: p.capacity,
    taken,
    remaining: Math.max(0, p.capacity - taken),
    categories: p.categories as TransferCategory[],
  };
}

export function presentVehicle(v: VehicleRow, busyTripId: string | null) {
  return { id: v.id, plate: v.plate, capacity: v.capacity, driverName: v.driver_name, driverPhone: v.driver_phone, busyTripId };
}

export function presentPerson(p: PersonRow, unmasked: boolean) {
  return {
    id: p.id,
    name: unmasked ? p.name : maskName(p.name),
    phone: p.phone ? (unmasked ? p.phone : maskPhone(p.phone)) : null,
    category: p.category as TransferCategory,
    regionCode: p.region_code,
    pickup: p.pickup,
    location: { lat: p.lat, lng: p.lng },
    status: p.status as TransferPersonStatus,
    tripId: p.trip_id,
    waitingSince: p.created_at.toISOString(),
  };
}

export function presentTrip(
  trip: TripRow,
  vehicle: VehicleRow,
  point: PointRow,
  people: PersonRow[],
  seesPerson: (p: PersonRow) => boolean,
  mayUpdate: boolean,
): TripView {
  const pickups = [...new Set(people.map((p) => p.pickup))];
  return {
    id: trip.id,
    incidentId: trip.incident_id,
    status: trip.status as TripStatus,
    category: trip.category as TransferCategory,
    vehicle: { id: vehicle.id, plate: vehicle.plate, driverName: vehicle.driver_name, driverPhone: vehicle.driver_phone },
    destination: { id: point.id, name: point.name },
    people: people.map((p) => presentPerson(p, seesPerson(p))),
    pickups,
    plannedAt: trip.planned_at.toISOString(),
    dispatchedAt: iso(trip.dispatched_at),
    pickedUpAt: iso(trip.picked_up_at),
    arrivedAt: iso(trip.arrived_at),
    abilities: { next: mayUpdate ? [...TRIP_TRANSITIONS[trip.status as TripStatus]] : [] },
  };
}
