import type { Catalogue } from '../catalogue.js';

/** Messages of the feed module. */
export const feedMessages = {} as const satisfies Catalogue;
