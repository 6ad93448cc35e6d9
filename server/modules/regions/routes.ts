import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as service from './service.js';
import {
  CreateDepartmentBody,
  RegionDetail,
  RegionParams,
  RegionSearchQuery,
  RegionSearchResult,
  UnitDetail,
  UnitList,
  UnitListQuery,
  UnitParams,
  UpdateUnitBody,
  errors,
} from './schema.js';

/** Routes of the regions module, mounted under /api. Reads are public. */
export async function regionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['regions'];

  app.get(
    '/regions',
    {
      schema: {
        tags,
        summary: 'Search regions by name (at most 50), or list the children of parent',
        querystring: RegionSearchQuery,
        response: { 200: RegionSearchResult, ...errors(400) },
      },
    },
    async (request) => service.searchRegions(request.ctx(), request.query),
  );

  app.get(
    '/regions/:regionCode',
    {
      schema: {
        tags,
        summary: 'A region with its breadcrumb and children',
        params: RegionParams,
        response: { 200: RegionDetail, ...errors(400, 404) },
      },
    },
    async (request) => service.getRegionDetail(request.ctx(), request.params.regionCode),
  );

  app.get(
    '/units',
    {
      schema: {
        tags,
        summary: 'The directory of units (region bodies and departments)',
        querystring: UnitListQuery,
        response: { 200: UnitList, ...errors(400) },
      },
    },
    async (request) => service.listUnits(request.ctx(), request.query),
  );

  app.get(
    '/units/:id',
    {
      schema: { tags, summary: 'One unit', params: UnitParams, response: { 200: UnitDetail, ...errors(400, 404) } },
    },
    async (request) => service.getUnit(request.ctx(), request.params.id),
  );

  app.post(
    '/units',
    {
      schema: {
        tags,
        summary: 'Set up a functional department (administrators)',
        security: [{ session: [] }],
        body: CreateDepartmentBody,
        response: { 201: UnitDetail, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const unit = await service.createDepartment(request.ctx(), request.body);
      return reply.status(201).send(unit);
    },
  );

  app.patch(
    '/units/:id',
    {
      schema: {
        tags,
        summary: 'Rename a unit or change its office phone (administrators)',
        security: [{ session: [] }],
        params: UnitParams,
        body: UpdateUnitBody,
        response: { 200: UnitDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => service.updateUnit(request.ctx(), request.params.id, request.body),
  );
}
