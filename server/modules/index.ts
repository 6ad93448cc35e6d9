import type { ModuleManifest } from '../platform/module.js';

/**
 * Every capability, in dependency order (demo seeds and migrations run in this
 * order). Adding a module is one line here.
 */
export const modules: ModuleManifest[] = [];
