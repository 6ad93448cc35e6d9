import type { ColumnType, Generated } from 'kysely';

export interface UsersTable {
  id: Generated<string>;
  name: string;
  /** Mainland mobile number; residents sign in with it. */
  phone: string | null;
  /** Staff may also sign in with a user name. */
  username: string | null;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined, 'active' | 'disabled'>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface RoleGrantsTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  unit_id: string;
  granted_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** 一户一人: a household belongs to one village/community (or a grid in it). */
export interface HouseholdsTable {
  id: Generated<string>;
  region_code: string;
  address: string;
  /** The member who represents the household in the village's group. */
  representative_user_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface HouseholdMembersTable {
  household_id: string;
  user_id: string;
  relation: string;
  status: 'pending' | 'verified' | 'rejected';
  verified_by: string | null;
  verified_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

declare module '../../platform/db/database.js' {
  interface Database {
    users: UsersTable;
    role_grants: RoleGrantsTable;
    households: HouseholdsTable;
    household_members: HouseholdMembersTable;
  }
}
