import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type as T } from '@sinclair/typebox';
import { Nullable } from './schema.js';
import type { EmergencyConfig } from './map-config.js';
import { currentDistanceKind } from './route.js';

export const MapConfigView = T.Object({
  /** Null when no tiles are configured: show the route as an ordered list only. */
  tiles: Nullable(
    T.Object({
      urlTemplate: T.String({ description: 'Leaflet-style template: {z}, {x}, {y}, {s}' }),
      subdomains: T.Array(T.String()),
      labelUrlTemplate: Nullable(T.String({ description: 'an overlay drawn above the tiles (Tianditu annotations)' })),
      attribution: Nullable(T.String()),
      maxZoom: T.Integer(),
      coordinateSystem: T.Union([T.Literal('wgs84'), T.Literal('gcj02')], { description: 'gcj02: shift WGS-84 points before drawing them' }),
    }),
  ),
  /** What the route planner measures: straight lines, or a road network service. */
  distance: T.Union([T.Literal('haversine'), T.Literal('road')]),
});

/** `GET /emergency/map-config`: public (nothing personal), cached for five minutes. */
export function mapRoutes(config: EmergencyConfig) {
  return async (fastify: FastifyInstance): Promise<void> => {
    fastify.withTypeProvider<TypeBoxTypeProvider>().get(
      '/emergency/map-config',
      { schema: { tags: ['emergency'], summary: 'Map tiles for the route and the boards (LIANXIN_MAP_TILES), and which distances routes use', response: { 200: MapConfigView } } },
      async (_r, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return { tiles: config.tiles, distance: currentDistanceKind() };
      },
    );
  };
}
