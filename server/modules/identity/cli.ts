import type { Command } from 'commander';
import type { CliDeps } from '../cli-commands.js';
import { systemClock } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { translate } from '../../../common/i18n/server-messages.js';
import { fieldName } from '../../../common/i18n/field-names.js';
import { maskPhone } from '../../../common/masking.js';
import { createAdministrator, generatePassword } from './service.js';

/**
 * `npm run lianxin -- admin create --phone 13800000000 --name 张三 [--password X]`:
 * the first administrator of an installation (or another one).
 */
export function registerIdentityCommands(program: Command, deps: CliDeps): void {
  const admin = program.commands.find((c) => c.name() === 'admin') ?? program.command('admin').description('administrators');
  admin
    .command('create')
    .description('create an administrator (a strong password is generated when none is given)')
    .requiredOption('--phone <phone>', 'mainland mobile number, used to sign in')
    .requiredOption('--name <name>', 'full name')
    .option('--password <password>', 'password (≥ 10 characters, 3 of: lower, upper, digit, symbol)')
    .action(async (options: { phone: string; name: string; password?: string }) => {
      const password = options.password ?? generatePassword();
      const database = await deps.openDatabase();
      try {
        await migrateToLatest(database.db);
        const created = await createAdministrator(
          { db: database.db, actor: null, clock: systemClock, ip: null, lang: 'zh-CN' },
          { phone: options.phone, name: options.name, password },
        );
        console.log(`管理员已创建 administrator created: ${options.name} (${maskPhone(options.phone)}) at ${created.unitName}`);
        console.log(`  sign in with: ${options.phone}`);
        if (!options.password) console.log(`  password (shown once, change it after signing in): ${password}`);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const field = err.field ? ` (--${err.field})` : '';
        console.error(translate('zh-CN', err.messageKey, { ...err.params, field: err.field ? fieldName('zh-CN', err.field) : '' }) + field);
        process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
