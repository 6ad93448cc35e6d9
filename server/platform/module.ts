import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Migration } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Actor, ServiceContext } from './context.js';
import type { Config } from './config.js';
import type { ReferenceVersions } from './reference-cache.js';

/** What the identity module tells the platform about the caller of a request. */
export interface Authentication {
  actor: Actor;
  /** Present when authenticated by cookie: unsafe methods must echo it in X-CSRF-Token. */
  csrfToken: string | null;
  /** When the session ends unless the person does something before (idle timeout or absolute end). */
  endsAt: Date | null;
  /** Reference versions read in the same statement as the session (platform/reference-cache.ts). */
  referenceVersions?: ReferenceVersions;
}

/**
 * Every capability registers itself through one manifest (Decidim's habit):
 * the platform knows nothing else about it. Removing a module is deleting its
 * folder and its line in `server/modules/index.ts`.
 */
export interface ModuleManifest {
  name: string;
  /** Names carry a global sequence prefix, e.g. `0100_regions_create`. */
  migrations?: Record<string, Migration>;
  /** Fastify plugin mounted under `/api`. */
  routes?: (app: FastifyInstance) => Promise<void>;
  /** Fastify plugin mounted at the root (e.g. `/open311`). */
  rootRoutes?: (app: FastifyInstance) => Promise<void>;
  /** Resolves the caller of a request; only the identity module provides it. */
  authenticate?: (request: FastifyRequest, ctx: Omit<ServiceContext, 'actor'>) => Promise<Authentication | null>;
  /** When a session ends now that time has passed (null: it has ended); long-lived streams ask it. Identity only. */
  sessionEndsAt?: (ctx: Pick<ServiceContext, 'db' | 'clock'>, sessionId: string, idleMinutes: number) => Promise<Date | null>;
  /** Registers background workers and schedules. */
  jobs?: (boss: PgBoss, ctx: Omit<ServiceContext, 'actor' | 'ip' | 'lang'>) => Promise<void>;
  /** Loads this module's part of the Zhuzhou demo data (runs in manifest order). */
  seedDemo?: (ctx: ServiceContext, config: Config) => Promise<void>;
}
