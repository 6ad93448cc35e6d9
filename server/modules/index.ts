import type { ModuleManifest } from '../platform/module.js';
import { regionsModule } from './regions/index.js';
import { peopleModule } from './people/index.js';
import { identityModule } from './identity/index.js';

/**
 * Every capability, in dependency order (demo seeds and migrations run in this
 * order). Adding a module is one line here.
 */
export const modules: ModuleManifest[] = [regionsModule, peopleModule, identityModule];
