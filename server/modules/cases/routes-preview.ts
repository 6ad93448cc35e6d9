import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type as T } from '@sinclair/typebox';
import type { ServiceContext } from '../../platform/context.js';
import { badRequest, forbidden, unauthorized } from '../../platform/errors.js';
import * as directory from './directory.js';
import { canEditRouting } from './policy.js';
import * as repo from './repo.js';
import { routeCase } from './routing.js';
import { CategoryCode, RegionCode, errors } from './schema.js';

/**
 * `GET /api/cases/routing-rules/preview`: where a sample case would go with
 * the rules as they are now — the same `routeCase` the intake runs, without
 * filing anything. For administrators editing the rules.
 */
export const PreviewQuery = T.Object({ categoryCode: CategoryCode, regionCode: RegionCode }, { additionalProperties: false });

const Nullable = <S extends ReturnType<typeof T.Object>>(s: S) => T.Union([s, T.Null()]);
export const PreviewResult = T.Object({
  unit: Nullable(T.Object({ id: T.String(), name: T.String(), regionCode: T.String(), departmentType: T.Union([T.String(), T.Null()]) })),
  rule: Nullable(T.Object({ id: T.String(), categoryCode: T.String(), regionPrefix: T.String(), targetLevel: T.String(), departmentType: T.Union([T.String(), T.Null()]) })),
  /** No rule applied as written: the nearest unit (or, for a confidential report, the dispatch pool). */
  fallback: T.Boolean(),
  confidential: T.Boolean(),
});

export async function previewRoute(ctx: ServiceContext, input: { categoryCode: string; regionCode: string }) {
  if (!ctx.actor) throw unauthorized();
  if (!canEditRouting(ctx.actor)) throw forbidden('cases.routing_forbidden');
  const category = await repo.findCategory(ctx.db, input.categoryCode);
  if (!category) throw badRequest('cases.unknown_category', 'categoryCode');
  if (!(await directory.findRegion(ctx.db, input.regionCode))) throw badRequest('cases.unknown_region', 'regionCode');
  const result = await routeCase(ctx.db, { categoryCode: category.code, regionCode: input.regionCode, confidential: category.confidential });
  const rule = result.ruleId ? (await repo.listRoutingRules(ctx.db)).find((r) => r.id === result.ruleId) : undefined;
  return {
    unit: result.unit ? { id: result.unit.id, name: result.unit.name, regionCode: result.unit.regionCode, departmentType: result.unit.departmentType ?? null } : null,
    rule: rule
      ? { id: rule.id, categoryCode: rule.category_code, regionPrefix: rule.region_prefix, targetLevel: rule.target_level, departmentType: rule.department_type }
      : null,
    fallback: result.fallback,
    confidential: category.confidential,
  };
}

export async function routePreviewRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/cases/routing-rules/preview',
    {
      schema: {
        tags: ['cases'],
        security: [{ session: [] }],
        summary: 'Where a sample case (category × region) would be routed now (administrators)',
        querystring: PreviewQuery,
        response: { 200: PreviewResult, ...errors(400, 401, 403) },
      },
    },
    async (request) => previewRoute(request.ctx(), request.query),
  );
}
