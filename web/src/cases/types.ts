import type { CaseAction, CaseStatus } from '../../../common/cases/states.js';
import type { CaseChannel, CaseEventKind, CasePriority, CaseRating, CaseCategoryInfo, RoutingLevel } from '../../../common/cases/types.js';

/** Shapes of the case engine's answers (server/modules/cases/schema.ts), the fields the pages read. */
export type { CaseAction, CaseStatus, CaseChannel, CaseEventKind, CasePriority, CaseRating, RoutingLevel };
export type Category = CaseCategoryInfo;

export interface Ref {
  id: string;
  name: string;
}
export interface RegionRef {
  code: string;
  name: string;
}
export type SnippetParts = { text: string; match: boolean }[] | null;

/** What the caller may do now (from the server's policy and the state table). */
export type Abilities = Record<Exclude<CaseAction, 'route'> | 'follow', boolean>;

export interface CaseSummary {
  id: string;
  trackingNumber: string;
  channel: CaseChannel;
  status: CaseStatus;
  priority: CasePriority;
  category: { code: string; name: string };
  title: string;
  region: RegionRef;
  handlingUnit: Ref | null;
  isPublic: boolean;
  responseDueAt: string;
  resolutionDueAt: string;
  overdue: { response: boolean; resolution: boolean };
  createdAt: string;
  updatedAt: string;
  snippet?: SnippetParts;
  relation?: 'requester' | 'follower';
}

export interface CaseList {
  items: CaseSummary[];
  total: number;
  /** More match than `total` (the server counts up to a cap). */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface CaseEvent {
  id: number;
  kind: CaseEventKind;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  actorName: string | null;
  unitName: string | null;
  note: string | null;
  visibleToRequester: boolean;
  toUnitName?: string;
  relatedCase?: { id: string; trackingNumber: string };
  rating?: CaseRating;
  createdAt: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

export interface CaseView extends CaseSummary {
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  isAnonymous: boolean;
  confidential: boolean;
  requester: { name: string; phone: string | null; masked: boolean } | null;
  mergedInto: { id: string; trackingNumber: string } | null;
  respondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  infoRequested: boolean;
  rating: { value: CaseRating; comment: string | null; ratedAt: string } | null;
  reopenCount: number;
  following: boolean;
  timeline: CaseEvent[];
  attachments: Attachment[];
  abilities: Abilities;
}

export interface TrackView {
  trackingNumber: string;
  status: CaseStatus;
  category: { code: string; name: string };
  title: string;
  description: string | null;
  region: RegionRef;
  address: string | null;
  handlingUnit: { name: string } | null;
  requesterName: string | null;
  isPublic: boolean;
  createdAt: string;
  resolutionDueAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  rating: CaseRating | null;
  mergedInto: { trackingNumber: string } | null;
  timeline: { kind: CaseEventKind; toStatus: CaseStatus | null; unitName: string | null; note: string | null; createdAt: string }[];
}

export interface PublicCase {
  id: string;
  trackingNumber: string;
  status: CaseStatus;
  category: { code: string; name: string };
  title: string;
  region: RegionRef;
  handlingUnit: { name: string } | null;
  requesterName: string;
  createdAt: string;
  resolvedAt: string | null;
  snippet?: SnippetParts;
}

export interface SimilarCase {
  id: string;
  trackingNumber: string;
  title: string;
  status: CaseStatus;
  region: RegionRef;
  createdAt: string;
  similarity: number;
  distanceMeters: number | null;
  mine: boolean;
}

export interface Suggestion {
  code: string;
  name: string;
  score: number;
  matched: string[];
  defaultPriority: CasePriority;
}

export interface RoutingRule {
  id: string;
  categoryCode: string;
  regionPrefix: string;
  targetLevel: RoutingLevel;
  departmentType: string | null;
  updatedAt: string;
}

export interface RoutePreview {
  unit: { id: string; name: string; regionCode: string; departmentType: string | null } | null;
  rule: { id: string; categoryCode: string; regionPrefix: string; targetLevel: string; departmentType: string | null } | null;
  fallback: boolean;
  confidential: boolean;
}

/** A live event of `GET /api/cases/stream`. */
export interface CaseLiveEvent {
  type: string;
  caseId: string;
  trackingNumber: string;
  status: CaseStatus;
  onDuty?: boolean | string[];
}
