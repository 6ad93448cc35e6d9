import type { Db } from './db/database.js';
import type { ReferenceVersions } from './reference-cache.js';

/** The roles a person may hold at a unit (DESIGN §2). */
export const ROLES = [
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
] as const;
export type Role = (typeof ROLES)[number];

/** A role held at one unit; its scope is a region subtree (code prefix) or a department. */
export interface RoleGrant {
  role: Role;
  unitId: string;
  unitName: string;
  /** Region subtree as a code prefix ('4302' = all of Zhuzhou). */
  regionPrefix: string;
  /** Set when the unit is a functional department. */
  departmentId: string | null;
}

export interface Actor {
  userId: string;
  name: string;
  sessionId: string | null;
  grants: RoleGrant[];
  /** Household region codes the person belongs to (verified memberships). */
  householdRegions: string[];
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export type { Lang } from '../../common/i18n/server-messages.js';
import type { Lang } from '../../common/i18n/server-messages.js';

/** What every use case receives. */
export interface ServiceContext {
  db: Db;
  actor: Actor | null;
  clock: Clock;
  ip: string | null;
  lang: Lang;
  /** The reference versions read with this request's session lookup (routes with `config.readsReferenceData`). */
  referenceVersions?: Promise<ReferenceVersions>;
}
