import type { Catalogue } from '../catalogue.js';

/** Messages of the duty module. */
export const dutyMessages = {} as const satisfies Catalogue;
