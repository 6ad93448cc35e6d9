/**
 * Shapes of the API answers the web reads (docs/API-CONTRACT.md). Only the
 * fields the pages use; the server may send more.
 */
export type Role =
  | 'resident'
  | 'grid_worker'
  | 'village_cadre'
  | 'supervision_member'
  | 'township_official'
  | 'department_handler'
  | 'discipline_inspector'
  | 'hotline_operator'
  | 'volunteer'
  | 'medic'
  | 'admin';

export const ROLES: Role[] = [
  'resident',
  'grid_worker',
  'village_cadre',
  'supervision_member',
  'township_official',
  'department_handler',
  'discipline_inspector',
  'hotline_operator',
  'volunteer',
  'medic',
  'admin',
];

export interface Grant {
  id?: string;
  role: Role;
  unitId: string;
  unitName: string;
  regionPrefix: string;
  departmentId: string | null;
  regionCode?: string;
}

export interface UserSummary {
  id: string;
  name: string;
  /** Masked: 138****5678. */
  phone?: string | null;
  username?: string | null;
  hasPassword?: boolean;
}

export interface Me {
  user: UserSummary;
  grants: Grant[];
  householdRegions: string[];
  csrfToken: string | null;
}

export interface SignInResult {
  user: UserSummary;
  csrfToken: string;
  isNew?: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RegionRef {
  code: string;
  name: string;
}

export interface RegionChild extends RegionRef {
  level: string;
  kind: string | null;
  childCount: number;
}

export interface RegionDetail extends RegionRef {
  level: string;
  kind: string | null;
  parentCode: string | null;
  path: RegionRef[];
  children: RegionChild[];
  /** The region's own unit (村委会, 街道办 …) when it has one. */
  unitId?: string | null;
  abilities?: Abilities;
}

export interface Unit {
  id: string;
  kind: 'region' | 'department';
  regionCode: string;
  regionName?: string;
  regionLevel?: string;
  name: string;
  departmentType: string | null;
  phone: string | null;
}

export interface PersonGrant {
  id: string;
  role: Role;
  unitId: string;
  unitName: string;
  unitKind?: 'region' | 'department';
  regionCode?: string;
  regionName?: string;
  grantedAt?: string;
  abilities?: { revoke: boolean };
}

export interface PersonMembership {
  householdId: string;
  regionCode: string;
  regionName: string;
  address: string;
  relation: string;
  status: MembershipStatus;
  isRepresentative: boolean;
}

export interface Person {
  id: string;
  name: string;
  phone: string | null;
  username?: string | null;
  status?: 'active' | 'disabled';
  grants: PersonGrant[];
  households?: PersonMembership[];
  createdAt?: string;
  abilities?: { addGrant?: boolean; grantableRoles?: Role[] };
}

export type MembershipStatus = 'pending' | 'verified' | 'rejected';

export interface HouseholdMember {
  userId: string;
  /** Masked (张*三) for other residents. */
  name: string;
  phone?: string | null;
  relation: string;
  status: MembershipStatus;
  isRepresentative: boolean;
  isMe?: boolean;
  requestedAt?: string;
  verifiedAt?: string | null;
}

export interface Household {
  id: string;
  regionCode: string;
  regionName: string;
  path?: RegionRef[];
  address: string;
  representative?: { userId: string; name: string } | null;
  members: HouseholdMember[];
  pendingCount?: number;
  /** My own membership in it, if any. */
  myStatus?: MembershipStatus | null;
  createdAt?: string;
  abilities?: { verify?: boolean; setRepresentative?: boolean };
}

export interface FeedSummary {
  regionCode: string;
  name: string;
  level: string;
  latestAt: string | null;
  unread: number;
}

export type PostKind = 'notice' | 'question' | 'answer' | 'duty_check_in';

export type Abilities = Record<string, boolean | undefined>;

export interface Post {
  id: string;
  regionCode: string;
  /** Set on a reply: the thread's first post. */
  parentId?: string | null;
  kind: PostKind;
  title: string | null;
  body: string;
  author: { id: string; name: string; roleLabel?: string | null };
  requiresAck: boolean;
  ack?: { mine: boolean; acknowledged: number; total: number } | null;
  replyCount: number;
  hidden: boolean;
  hiddenReason?: string | null;
  createdAt: string;
  abilities?: Abilities;
  replies?: Post[];
}

export interface FeedInfo {
  regionCode: string;
  name: string;
  level: string;
  unitName: string;
  abilities: { postNotice: boolean; askQuestion: boolean };
}

export interface PostPage {
  feed?: FeedInfo;
  items: Post[];
  nextBefore: string | null;
}

export interface AckList {
  acknowledged: { householdId: string; address: string; representative: string | null; ackedAt: string }[];
  pending: { householdId: string; address: string; representative: string | null }[];
  totals: { households: number; acknowledged: number };
  truncated?: boolean;
  masked?: boolean;
}

export interface DutyItem {
  id: string;
  unitId: string;
  date: string;
  user: { id: string; name: string };
  checkedInAt: string | null;
  checkInPostId?: string | null;
  abilities?: { remove?: boolean; checkIn?: boolean };
}

export interface Roster {
  unit?: { id: string; name: string; regionCode: string };
  from?: string;
  to?: string;
  items: DutyItem[];
  abilities?: { manage?: boolean };
}

export interface AuditEntry {
  id: number | string;
  createdAt: string;
  /** Null for the system and for protected reporters. */
  actor: { id: string; name: string | null } | null;
  actorRoles?: string[];
  action: string;
  targetType: string;
  targetId: string | null;
  ip: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditPageResult extends Page<AuditEntry> {
  abilities?: { export: boolean };
}

export interface OutboxItem {
  id: number | string;
  phone: string;
  body: string;
  purpose: string;
  createdAt: string;
}
