import type { ColumnType, Generated } from 'kysely';

export interface RegionsTable {
  /** 12-digit statistical code, or 15 digits for a grid. */
  code: string;
  name: string;
  /** province | city | county | township | village | grid */
  level: string;
  /** 街道 / 镇 / 乡 / 社区 / 村 / 网格 … as the place calls itself. */
  kind: string | null;
  parent_code: string | null;
  /** Subtree prefix (see common/regions.ts). */
  prefix: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** A unit is who acts: each region's own body (村委会, 街道办 …) or a functional department. */
export interface UnitsTable {
  id: Generated<string>;
  kind: 'region' | 'department';
  region_code: string;
  name: string;
  /** For departments: 城管, 交警, 住建, 卫健, 民政, 医保, 人社, 纪委 … */
  department_type: string | null;
  phone: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

declare module '../../platform/db/database.js' {
  interface Database {
    regions: RegionsTable;
    units: UnitsTable;
  }
}
