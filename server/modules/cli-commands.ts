import type { Command } from 'commander';
import type { Config } from '../platform/config.js';
import type { openDatabase } from '../platform/runtime.js';
import { registerIdentityCommands } from './identity/cli.js';
import { registerDisclosureCommands } from './disclosures/cli.js';
import { registerCaseSeedCommand } from './cases/bulk-seed-cli.js';

export interface CliDeps {
  config: Config;
  openDatabase: () => ReturnType<typeof openDatabase>;
}

/** Modules add operator commands here (e.g. `admin create`, `seed cases`). */
export const cliCommands: ((program: Command, deps: CliDeps) => void)[] = [];

cliCommands.push(registerIdentityCommands);
cliCommands.push(registerDisclosureCommands);
cliCommands.push(registerCaseSeedCommand);
