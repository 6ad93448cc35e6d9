import type { ModuleManifest } from '../platform/module.js';
import { regionsModule } from './regions/index.js';
import { peopleModule } from './people/index.js';
import { identityModule } from './identity/index.js';
import { feedModule } from './feed/index.js';
import { dutyModule } from './duty/index.js';
import { auditModule } from './audit/index.js';
import { casesModule } from './cases/index.js';
import { emergencyModule } from './emergency/index.js';
import { disclosuresModule } from './disclosures/index.js';
import { open311Module } from './open311/index.js';

/**
 * Every capability, in dependency order (demo seeds and migrations run in this
 * order). Adding a module is one line here.
 */
export const modules: ModuleManifest[] = [regionsModule, peopleModule, identityModule, feedModule, dutyModule, auditModule, casesModule, disclosuresModule, emergencyModule, open311Module];
