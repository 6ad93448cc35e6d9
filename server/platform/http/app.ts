import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Actor, Clock, Lang, ServiceContext } from '../context.js';
import type { LiveHub } from '../live/live-hub.js';
import type { ModuleManifest } from '../module.js';
import { errorHandler } from './error-handler.js';
import { lazyCompilers } from './lazy-compilers.js';
import { languageOf } from './language.js';
import { AppError, unauthorized } from '../errors.js';
import { readReferenceVersions, type ReferenceVersions } from '../reference-cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    clock: Clock;
    config: Config;
    live: LiveHub | null;
    /** Compiles every route schema now (they compile on first use); returns how many. */
    compileSchemas(): number;
    /** When a session ends, asked again now (null: it has ended). */
    sessionEndsAt(sessionId: string): Promise<Date | null>;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** When the caller's session ends unless they do something before. */
    sessionEndsAt: Date | null;
    lang: Lang;
    /** The use-case context of this request. */
    ctx(): ServiceContext;
    /** The signed-in actor, or a 401. */
    requireActor(): Actor;
    /** Read with the session lookup when the route says `config.readsReferenceData`. */
    referenceVersions: Promise<ReferenceVersions> | null;
  }
  interface FastifyContextConfig {
    /** The handler uses reference caches: their versions are read in the session lookup's statement. */
    readsReferenceData?: boolean;
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  live: LiveHub | null;
  modules: ModuleManifest[];
  /** Folder of the built web app; served at `/` when present. */
  webDist?: string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const compilers = lazyCompilers();
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    // Validators and serializers compile on a route's first request, not at start (lazy-compilers.ts).
    schemaController: {
      compilersFactory: { buildValidator: compilers.buildValidator, buildSerializer: compilers.buildSerializer },
    } as unknown as FastifyServerOptions['schemaController'],
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('compileSchemas', () => compilers.compileAll());
  app.decorate('db', deps.db);
  app.decorate('clock', deps.clock);
  app.decorate('config', deps.config);
  app.decorate('live', deps.live);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionEndsAt', null);
  const sessionEnd = deps.modules.find((m) => m.sessionEndsAt)?.sessionEndsAt;
  app.decorate('sessionEndsAt', async (sessionId: string) =>
    sessionEnd ? sessionEnd({ db: deps.db, clock: deps.clock }, sessionId, deps.config.sessionIdleMinutes) : null,
  );
  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('referenceVersions', null);
  app.decorateRequest('ctx', function (this: FastifyRequest): ServiceContext {
    return { db: deps.db, actor: this.actor, clock: deps.clock, ip: this.ip ?? null, lang: this.lang, referenceVersions: this.referenceVersions ?? undefined };
  });
  app.decorateRequest('requireActor', function (this: FastifyRequest): Actor {
    if (!this.actor) throw unauthorized();
    return this.actor;
  });

  app.setErrorHandler(errorHandler);
  await app.register(cookie);
  // helmet's middleware built once: @fastify/helmet rebuilt it (parsing the CSP) on every request,
  // 4–5 % of the intake's CPU under load.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...mapTileOrigins(process.env)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Lianxin (连心) API', version: '0.1.0', description: 'The bridge between cadres and residents.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lx_session' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.addHook('onRequest', async (request) => {
    request.lang = languageOf(request);
  });

  const authenticator = deps.modules.find((m) => m.authenticate)?.authenticate;
  app.addHook('preHandler', async (request) => {
    if (!authenticator || !request.url.startsWith('/api/')) return;
    const { actor: _a, ...base } = request.ctx();
    const auth = await authenticator(request, base);
    if (request.routeOptions.config.readsReferenceData) {
      // Read with the session when there is one: no round trip of their own.
      const versions = auth?.referenceVersions ? Promise.resolve(auth.referenceVersions) : readReferenceVersions(deps.db);
      versions.catch(() => {}); // a request that ends early (403) never awaits it; one that does sees the error
      request.referenceVersions = versions;
    }
    if (!auth) return;
    if (auth.csrfToken && UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== auth.csrfToken) {
      throw new AppError(403, 'csrf', 'auth.csrf');
    }
    request.actor = auth.actor;
    request.sessionEndsAt = auth.endsAt;
  });

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok', database: 'ready', time: deps.clock.now().toISOString() };
    } catch {
      return reply.status(503).send({ status: 'starting', database: 'unavailable' });
    }
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const mod of deps.modules) {
    if (mod.routes) await app.register(mod.routes, { prefix: '/api' });
    if (mod.rootRoutes) await app.register(mod.rootRoutes);
  }

  const dist = deps.webDist;
  if (dist && fs.existsSync(path.join(dist, 'index.html'))) {
    await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: 'index.html' });
    // Client-side routes fall back to the app shell; unknown API paths stay 404 JSON.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/open311/')) {
        return reply.type('text/html').sendFile('index.html');
      }
      errorHandler(new AppError(404, 'not_found', 'common.not_found') as any, request, reply);
    });
  } else {
    app.setNotFoundHandler((request, reply) => {
      errorHandler(new AppError(404, 'not_found', 'common.not_found') as any, request, reply);
    });
  }
  return app;
}

/**
 * The origins of configured map tiles (LIANXIN_MAP_TILES, LIANXIN_MAP_LABEL_TILES,
 * `{s}` expanded with LIANXIN_MAP_SUBDOMAINS), allowed as image sources so the
 * volunteer's route map can draw them. None by default: no external requests.
 */
export function mapTileOrigins(env: NodeJS.ProcessEnv): string[] {
  const raw = env.LIANXIN_MAP_SUBDOMAINS?.trim() ?? '';
  const subdomains = raw.includes(',') ? raw.split(',').map((x) => x.trim()).filter(Boolean) : [...raw];
  const origins = new Set<string>();
  for (const template of [env.LIANXIN_MAP_TILES, env.LIANXIN_MAP_LABEL_TILES]) {
    if (!template?.trim()) continue;
    for (const sub of template.includes('{s}') ? subdomains : ['']) {
      try {
        origins.add(new URL(template.trim().replaceAll('{s}', sub).replace(/\{[a-z]+\}/gi, '0')).origin);
      } catch {
        // An invalid template is reported by the emergency module's map configuration at start.
      }
    }
  }
  return [...origins];
}
