import type { Catalogue } from '../catalogue.js';

/** Messages of the people module. */
export const peopleMessages = {} as const satisfies Catalogue;
