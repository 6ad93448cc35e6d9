/**
 * The shapes of the emergency API answers, taken from the server's TypeBox
 * schemas (type-only imports: nothing of the server reaches the bundle), so
 * the pages break at compile time when a shape changes. Plus the few calls
 * that need more than `api.get/post` (the hand-over photo upload).
 */
import type { Static } from '@sinclair/typebox';
import type { IncidentView, GridView, GridDetail, TaskView, Board } from '../../../server/modules/emergency/schema.js';
import type { NeedView, NeedDetail, RouteView } from '../../../server/modules/emergency/schema-needs.js';
import type { NoticeView, RiskHistory, RiskAreaList, NoticeProgress, UnreachedPage } from '../../../server/modules/emergency/schema-notices.js';
import type { StationView, StationDetail, StayView, StayDetail, Dashboard, AlertList, ReadingResult } from '../../../server/modules/emergency/schema-stations.js';
import type { NightBoard, TripView, PersonView, VehicleView } from '../../../server/modules/emergency/schema-transfers.js';
import type { NeedsSummary as NeedsSummaryView } from '../../../server/modules/emergency/schema-summary.js';
import { api, ApiError } from '../api/client.js';
import i18n from '../i18n/index.js';

export type Incident = Static<typeof IncidentView>;
export type Grid = Static<typeof GridView>;
export type GridWithTeam = Static<typeof GridDetail>;
export type Task = Static<typeof TaskView>;
export type GridBoard = Static<typeof Board>;
export type Need = Static<typeof NeedView>;
export type NeedWithTimeline = Static<typeof NeedDetail>;
export type NeedsSummary = Static<typeof NeedsSummaryView>;
export type ErrandRoute = Static<typeof RouteView>;
export type Notice = Static<typeof NoticeView>;
export type NoticeDelivery = Static<typeof NoticeProgress>;
export type Unreached = Static<typeof UnreachedPage>;
export type RiskAreas = Static<typeof RiskAreaList>;
export type RiskAreaHistory = Static<typeof RiskHistory>;
export type Station = Static<typeof StationView>;
export type StationWithRooms = Static<typeof StationDetail>;
export type Stay = Static<typeof StayView>;
export type StayWithReadings = Static<typeof StayDetail>;
export type StationDashboard = Static<typeof Dashboard>;
export type StationAlerts = Static<typeof AlertList>;
export type ReadingOutcome = Static<typeof ReadingResult>;
export type TransferBoard = Static<typeof NightBoard>;
export type Trip = Static<typeof TripView>;
export type TransferPerson = Static<typeof PersonView>;
export type Vehicle = Static<typeof VehicleView>;

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const photoUrl = (needId: string, photoId: string) => `/api/emergency/needs/${needId}/photos/${photoId}`;

const ALLOWED_PHOTO = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_SIDE = 1600;

/**
 * Phone cameras take 4–12 MB photos; the server takes up to 5 MB. Large or
 * unusual photos (HEIC) are redrawn as a JPEG of at most 1600 px a side.
 */
async function shrink(file: File): Promise<Blob> {
  if (ALLOWED_PHOTO.includes(file.type) && file.size <= 1_500_000) return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ?? file;
  } catch {
    return file; // the server names the problem (415, 413)
  }
}

/** `POST /emergency/needs/:id/handover` (multipart, field `file`). */
export async function uploadHandover(needId: string, file: File): Promise<NeedWithTimeline> {
  const { csrfToken } = await api.get<{ csrfToken: string | null }>('/auth/me');
  const body = new FormData();
  const photo = await shrink(file);
  body.append('file', photo, photo === file ? file.name : 'handover.jpg');
  let response: Response;
  try {
    response = await fetch(`/api/emergency/needs/${needId}/handover`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  const data = (await response.json().catch(() => undefined)) as
    | (NeedWithTimeline & { error?: undefined })
    | { error?: { code?: string; message?: string; field?: string } }
    | undefined;
  if (response.ok) return data as NeedWithTimeline;
  const error = data && 'error' in data ? data.error : undefined;
  throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? i18n.t('errors.unknown'), error?.field);
}

/** Meters as people read them: 350 米, 1.2 公里. */
export function distanceText(meters: number, lang: string): string {
  if (meters < 1000) return i18n.t('emergency.route.meters', { n: Math.round(meters), lng: lang });
  return i18n.t('emergency.route.km', { n: (meters / 1000).toFixed(1), lng: lang });
}
