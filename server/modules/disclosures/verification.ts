import type { ServiceContext } from '../../platform/context.js';
import * as repo from './repo.js';
import { requireReadable, requireStatus, requireVillage } from './access.js';
import { HASH_ALGORITHM, rebuildCanonical, verifyVillageChain } from './chain.js';

/**
 * Public verification (anyone, signed in or not): a village's chain of
 * published versions with their SM3 hashes, each version's canonical
 * document (hash it with SM3 and compare), and on request a server-side
 * recomputation of the whole chain.
 */

/** `GET /disclosures/villages/:code/chain?verify=` */
export async function getChain(ctx: ServiceContext, code: string, verify: boolean) {
  await requireVillage(ctx.db, code);
  const rows = await repo.chainOf(ctx.db, code);
  const check = verify ? await verifyVillageChain(ctx.db, code) : null;
  return {
    regionCode: code,
    algorithm: HASH_ALGORITHM,
    items: rows.map((p) => ({
      seq: p.chain_seq!,
      publicationId: p.id,
      period: p.period,
      kind: p.kind,
      version: p.version,
      publishedAt: p.published_at!.toISOString(),
      prevHash: p.prev_hash,
      hash: p.hash!,
    })),
    verified: check ? { intact: check.intact, brokenAt: check.brokenAt, reason: check.reason } : null,
  };
}

/** `GET /disclosures/publications/:id/canonical`: the exact bytes that were hashed (recomputed from the rows). */
export async function getCanonical(ctx: ServiceContext, id: string) {
  const p = await requireReadable(ctx.db, ctx.actor, id);
  requireStatus(p, 'published', ctx.lang);
  const canonical = await rebuildCanonical(ctx.db, p);
  // The stored hash: whoever hashes `canonical` with SM3 and gets another value has found a change.
  return { publicationId: p.id, algorithm: HASH_ALGORITHM, hash: p.hash!, canonical };
}
