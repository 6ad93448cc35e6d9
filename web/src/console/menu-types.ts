import type { ReactNode } from 'react';
import type { Role } from '../api/types.js';

/**
 * A console menu entry contributed by a feature (cases, disclosures,
 * emergency). `path` is under /console/<feature>/ ('' = the feature's index);
 * `roles` null means every staff member, else any of these roles.
 */
export interface ConsoleMenuItem {
  path: string;
  labelKey: string;
  roles: readonly Role[] | null;
  icon?: ReactNode;
}
