import { maskPhone } from '../../../common/masking.js';
import { monitoringIntervalHours } from '../../../common/emergency/deterioration.js';
import type { Condition, RiskGroup, StayReason } from '../../../common/emergency/eligibility.js';
import { iso } from './access.js';
import type { AlertRow, HospitalTransferRow, Occupancy, ReadingRow, RoomRow, StationRow, StayRow } from './repo-stations.js';
import type { StationDetail, StationView, StayDetail, StayView } from './schema-stations.js';

/**
 * Shapes health stations and stays. A stay (name, phone, age, condition) is
 * seen only by the applicant and the station's staff, so it is not masked;
 * staff phones on the station page are in full for colleagues, masked for
 * the public (who call the station's own number).
 */

export function presentStation(s: StationRow, districtName: string, occ: Occupancy, abilities: { manage: boolean; care: boolean }): StationView {
  return {
    id: s.id,
    incidentId: s.incident_id,
    name: s.name,
    districtCode: s.district_code,
    districtName,
    address: s.address,
    phone: s.phone,
    location: s.lat !== null && s.lng !== null ? { lat: s.lat, lng: s.lng } : null,
    pricePerDayFen: s.price_per_day_fen,
    services: s.services,
    hospitalName: s.hospital_name,
    open: s.open,
    occupancy: occ,
    abilities,
  };
}

export function presentStationDetail(
  view: StationView,
  rooms: { id: string; number: string; beds: number; occupied: number }[] | null,
  staff: { id: string; name: string; phone: string | null }[] | null,
  unmaskedStaff: boolean,
): StationDetail {
  return {
    ...view,
    rooms: rooms ? rooms.map((r) => ({ id: r.id, number: r.number, beds: r.beds, occupied: Number(r.occupied) })) : null,
    staff: staff ? staff.map((p) => ({ id: p.id, name: p.name, phone: p.phone ? (unmaskedStaff ? p.phone : maskPhone(p.phone)) : null })) : null,
  };
}

export function nextCheckDue(stay: StayRow, lastReading: Date | undefined): Date | null {
  if (stay.status !== 'admitted' || !stay.admitted_at) return null;
  const base = lastReading ?? stay.admitted_at;
  return new Date(base.getTime() + monitoringIntervalHours(stay.risk_groups.length > 0) * 3600_000);
}

export function presentStay(
  stay: StayRow,
  station: StationRow,
  room: Pick<RoomRow, 'id' | 'number'> | null,
  lastReading: Date | undefined,
  who: { staff: boolean; applicant: boolean },
): StayView {
  const applied = stay.status === 'applied';
  const admitted = stay.status === 'admitted';
  return {
    id: stay.id,
    incidentId: stay.incident_id,
    station: { id: station.id, name: station.name, phone: station.phone },
    room: room ? { id: room.id, number: room.number } : null,
    name: stay.name,
    phone: stay.phone,
    age: stay.age,
    condition: stay.condition as Condition,
    reasons: stay.reasons as StayReason[],
    riskGroups: stay.risk_groups as RiskGroup[],
    status: stay.status as StayView['status'],
    appliedAt: stay.applied_at.toISOString(),
    admittedAt: iso(stay.admitted_at),
    pricePerDayFen: stay.price_per_day_fen,
    endedAt: iso(stay.ended_at),
    endNote: stay.end_note,
    monitoringHours: monitoringIntervalHours(stay.risk_groups.length > 0),
    nextCheckDueAt: iso(nextCheckDue(stay, lastReading)),
    abilities: {
      admit: who.staff && applied,
      decline: who.staff && applied,
      withdraw: who.applicant && applied,
      discharge: who.staff && admitted,
      record: who.staff && admitted,
    },
  };
}

export function presentReading(r: ReadingRow, recordedBy: string) {
  return {
    id: r.id,
    takenAt: r.taken_at.toISOString(),
    temperature: r.temperature === null ? null : Number(r.temperature),
    spo2: r.spo2,
    systolic: r.systolic,
    diastolic: r.diastolic,
    heartRate: r.heart_rate,
    symptoms: r.symptoms,
    note: r.note,
    recordedBy,
  };
}

export function presentAlert(a: AlertRow, residentName: string) {
  return {
    id: a.id,
    stayId: a.stay_id,
    stationId: a.station_id,
    residentName,
    rule: a.rule,
    severity: a.severity as 'warning' | 'critical',
    status: a.status as 'open' | 'escalated' | 'dismissed',
    raisedAt: a.raised_at.toISOString(),
    handledAt: iso(a.handled_at),
    note: a.note,
  };
}

export function presentHospitalTransfer(h: HospitalTransferRow) {
  return {
    id: h.id,
    stayId: h.stay_id,
    hospitalName: h.hospital_name,
    reason: h.reason,
    status: h.status as 'requested' | 'dispatched' | 'arrived',
    requestedAt: h.requested_at.toISOString(),
    dispatchedAt: iso(h.dispatched_at),
    arrivedAt: iso(h.arrived_at),
  };
}

export function presentStayDetail(
  view: StayView,
  readings: ReturnType<typeof presentReading>[],
  alerts: ReturnType<typeof presentAlert>[],
  transfers: HospitalTransferRow[],
): StayDetail {
  return { ...view, readings, alerts, hospitalTransfers: transfers.map(presentHospitalTransfer) };
}
