import type { Catalogue } from '../catalogue.js';

/** Messages of the identity module. */
export const identityMessages = {} as const satisfies Catalogue;
