import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as service from './service.js';
import * as householdService from './household-service.js';
import {
  AddGrantBody,
  CreatePersonBody,
  GrantParams,
  HouseholdList,
  HouseholdListQuery,
  HouseholdParams,
  HouseholdView,
  JoinHouseholdBody,
  MemberParams,
  MyHouseholds,
  PersonDetail,
  PersonList,
  PersonListQuery,
  PersonParams,
  RepresentativeBody,
  VerifyBody,
  errors,
} from './schema.js';

/** Routes of the people module (people, role grants, households), mounted under /api. All need a sign-in. */
export async function peopleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ session: [] }];

  // ---- people ----
  const people = ['people'];
  app.get(
    '/people',
    {
      schema: {
        tags: people,
        summary: "People in the caller's area (staff; administrators: everyone), phones masked",
        security,
        querystring: PersonListQuery,
        response: { 200: PersonList, ...errors(400, 401, 403) },
      },
    },
    async (request) => service.listPeople(request.ctx(), request.query),
  );

  app.get(
    '/people/:id',
    {
      schema: { tags: people, summary: 'One person', security, params: PersonParams, response: { 200: PersonDetail, ...errors(400, 401, 404) } },
    },
    async (request) => service.getPerson(request.ctx(), request.params.id),
  );

  app.post(
    '/people',
    {
      schema: {
        tags: people,
        summary: 'Create a person (administrators; township officials and village cadres, with a role in their area)',
        security,
        body: CreatePersonBody,
        response: { 201: PersonDetail, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createPerson(request.ctx(), request.body)),
  );

  app.post(
    '/people/:id/grants',
    {
      schema: {
        tags: people,
        summary: 'Give the person a role at a unit',
        security,
        params: PersonParams,
        body: AddGrantBody,
        response: { 201: PersonDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.addGrant(request.ctx(), request.params.id, request.body)),
  );

  app.delete(
    '/people/:id/grants/:grantId',
    {
      schema: {
        tags: people,
        summary: 'Take a role away',
        security,
        params: GrantParams,
        response: { 204: { type: 'null', description: 'removed' }, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.removeGrant(request.ctx(), request.params.id, request.params.grantId);
      return reply.status(204).send();
    },
  );

  // ---- households ----
  const tags = ['households'];
  app.get(
    '/households/mine',
    {
      schema: { tags, summary: 'My households and membership requests', security, response: { 200: MyHouseholds, ...errors(401) } },
    },
    async (request) => householdService.myHouseholds(request.ctx()),
  );

  app.post(
    '/households/join',
    {
      schema: {
        tags,
        summary: 'Ask to join a household, or register a new one (pending until a cadre verifies)',
        security,
        body: JoinHouseholdBody,
        response: { 201: HouseholdView, ...errors(400, 401, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await householdService.joinHousehold(request.ctx(), request.body)),
  );

  app.get(
    '/households',
    {
      schema: {
        tags,
        summary: "Households of the cadre's area, pending requests first",
        security,
        querystring: HouseholdListQuery,
        response: { 200: HouseholdList, ...errors(400, 401, 403) },
      },
    },
    async (request) => householdService.listHouseholds(request.ctx(), request.query),
  );

  app.post(
    '/households/:id/members/:userId/verify',
    {
      schema: {
        tags,
        summary: 'Verify (approve) or reject a pending membership',
        security,
        params: MemberParams,
        body: VerifyBody,
        response: { 200: HouseholdView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => householdService.verifyMember(request.ctx(), request.params.id, request.params.userId, request.body.approve),
  );

  app.put(
    '/households/:id/representative',
    {
      schema: {
        tags,
        summary: "Set the household's representative (一户一人), a verified member",
        security,
        params: HouseholdParams,
        body: RepresentativeBody,
        response: { 200: HouseholdView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => householdService.setRepresentative(request.ctx(), request.params.id, request.body.userId),
  );
}
