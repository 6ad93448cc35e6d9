import type { Executor } from './db/database.js';
import type { ServiceContext } from './context.js';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string | null;
  /** Short summaries, never secrets or unmasked personal data. */
  before?: unknown;
  after?: unknown;
  /**
   * The actor is a protected reporter (a whistle-blower's supervision report):
   * the entry records neither who nor from where, so no audit view can ever
   * reveal them. The report itself says who may see the reporter.
   */
  confidential?: boolean;
}

/**
 * Appends to the audit log. Call with the transaction of the state change so
 * both commit or neither does. The table refuses UPDATE and DELETE.
 */
export async function audit(trx: Executor, ctx: Pick<ServiceContext, 'actor' | 'ip' | 'clock'>, entry: AuditEntry): Promise<void> {
  await (trx as any).insertInto('audit_log').values(auditValues(ctx, entry)).execute();
}

/** The row `audit` writes, for a caller that writes it inside a larger statement (still in the same transaction). */
export function auditValues(ctx: Pick<ServiceContext, 'actor' | 'ip' | 'clock'>, entry: AuditEntry) {
  const role = ctx.actor?.grants.map((g) => g.role).filter((r, i, a) => a.indexOf(r) === i).join(',') ?? null;
  return {
    actor_id: entry.confidential ? null : (ctx.actor?.userId ?? null),
    actor_roles: entry.confidential ? null : role,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    ip: entry.confidential ? null : ctx.ip,
    created_at: ctx.clock.now(),
  };
}
