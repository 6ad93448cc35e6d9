import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { badRequest, forbidden, notFound, unauthorized } from '../../platform/errors.js';
import { DEPARTMENT_TYPES } from '../regions/departments.js';
import { canEditRouting } from './policy.js';
import * as repo from './repo.js';
import type { RoutingRuleInput } from './schema.js';

/**
 * Back office: the routing rules (category × region prefix → handling level
 * and department) are data that administrators edit. Each change is audited.
 */

type RuleRow = Awaited<ReturnType<typeof repo.listRoutingRules>>[number];

function presentRule(r: RuleRow) {
  return {
    id: r.id,
    categoryCode: r.category_code,
    regionPrefix: r.region_prefix,
    targetLevel: r.target_level,
    departmentType: r.department_type,
    updatedAt: r.updated_at.toISOString(),
  };
}

function requireEditor(ctx: ServiceContext) {
  if (!ctx.actor) throw unauthorized();
  if (!canEditRouting(ctx.actor)) throw forbidden('cases.routing_forbidden');
  return ctx.actor;
}

/** `GET /cases/routing-rules` */
export async function listRules(ctx: ServiceContext) {
  requireEditor(ctx);
  return { items: (await repo.listRoutingRules(ctx.db)).map(presentRule) };
}

/** `PUT /cases/routing-rules`: creates or replaces the rule for (category, region prefix). */
export async function putRule(ctx: ServiceContext, input: RoutingRuleInput) {
  const actor = requireEditor(ctx);
  const department = input.departmentType ?? null;
  if (!(await repo.findCategory(ctx.db, input.categoryCode))) throw badRequest('cases.unknown_category', 'categoryCode');
  if (department !== null && !(DEPARTMENT_TYPES as readonly string[]).includes(department)) throw badRequest('cases.unknown_department_type', 'departmentType');
  if (department !== null && input.targetLevel === 'village') throw badRequest('cases.department_at_village', 'departmentType');
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const before = await trx
      .selectFrom('case_routing_rules')
      .selectAll()
      .where('category_code', '=', input.categoryCode)
      .where('region_prefix', '=', input.regionPrefix)
      .forUpdate()
      .executeTakeFirst();
    const row = await trx
      .insertInto('case_routing_rules')
      .values({ category_code: input.categoryCode, region_prefix: input.regionPrefix, target_level: input.targetLevel, department_type: department, updated_by: actor.userId, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['category_code', 'region_prefix']).doUpdateSet({ target_level: input.targetLevel, department_type: department, updated_by: actor.userId, updated_at: now }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      action: 'case.routing_rule.put',
      targetType: 'case_routing_rule',
      targetId: row.id,
      before: before ? presentRule(before) : undefined,
      after: presentRule(row),
    });
    return presentRule(row);
  });
}

/** `DELETE /cases/routing-rules/:ruleId` */
export async function deleteRule(ctx: ServiceContext, ruleId: string) {
  requireEditor(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('case_routing_rules').where('id', '=', ruleId).returningAll().executeTakeFirst();
    if (!row) throw notFound();
    await audit(trx, ctx, { action: 'case.routing_rule.delete', targetType: 'case_routing_rule', targetId: row.id, before: presentRule(row) });
  });
}
