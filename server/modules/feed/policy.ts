import type { Actor, Role, RoleGrant } from '../../platform/context.js';
import { grantsOf, inRegionScope, isAdmin, livesUnder, STAFF_ROLES } from '../../platform/policy.js';
import { regionPrefix } from '../../../common/regions.js';

/**
 * Who may do what in a unit's feed. Pure predicates over (actor, feed/post);
 * routes turn `false` into a 403 with `authorize`.
 *
 * - Reading: residents read the feeds of their household's village/community
 *   (and grid) and of every unit above it; staff read the feeds in their scope
 *   and of the units above their own unit; admins read every feed.
 * - Cadres of a feed (the roles below, with the feed in their scope, or an
 *   admin) post notices, answer, moderate and see who has acknowledged.
 * - Residents ask questions in their own feeds and acknowledge notices for
 *   their household.
 */

/** The roles that speak for a unit in its feed. */
export const FEED_CADRE_ROLES: readonly Role[] = ['grid_worker', 'village_cadre', 'township_official', 'admin'];
/** The village supervision committee sees acknowledgement lists (masked), to check notices reach people. */
export const ACK_OVERSIGHT_ROLES: readonly Role[] = ['supervision_member'];

/** What the policy needs to know about a post. */
export interface PostFacts {
  regionCode: string;
  kind: string;
  parentId: string | null;
  authorId: string;
  requiresAck: boolean;
  hidden: boolean;
}

/** A cadre of this feed: a cadre role whose scope covers the region, or an admin. */
export function isFeedCadre(actor: Actor | null, regionCode: string): boolean {
  return isAdmin(actor) || inRegionScope(actor, regionCode, FEED_CADRE_ROLES);
}

export function canReadFeed(actor: Actor | null, regionCode: string): boolean {
  if (!actor) return false;
  if (isAdmin(actor) || livesUnder(actor, regionCode)) return true;
  const prefix = regionPrefix(regionCode);
  return grantsOf(actor, STAFF_ROLES).some(
    (g) =>
      // a unit in the grant's scope (departments have no region scope) …
      (g.departmentId === null && regionCode.startsWith(g.regionPrefix)) ||
      // … or the grant's own unit and every unit above it.
      g.regionPrefix.startsWith(prefix),
  );
}

export function canPostNotice(actor: Actor | null, regionCode: string): boolean {
  return isFeedCadre(actor, regionCode);
}

/** Residents ask in the feeds of their own village/community and the units above. */
export function canAsk(actor: Actor | null, regionCode: string): boolean {
  return livesUnder(actor, regionCode);
}

/** Cadres answer in any thread of their feed; the asker follows up in their own question's thread. */
export function canReply(actor: Actor | null, post: PostFacts): boolean {
  if (!actor || post.parentId !== null || post.hidden) return false;
  if (isFeedCadre(actor, post.regionCode)) return true;
  return post.kind === 'question' && post.authorId === actor.userId && canReadFeed(actor, post.regionCode);
}

/** A verified member of a household in the notice's region subtree. */
export function canAck(actor: Actor | null, post: PostFacts): boolean {
  return post.parentId === null && post.requiresAck && !post.hidden && livesUnder(actor, post.regionCode);
}

export function canViewAcks(actor: Actor | null, post: PostFacts): boolean {
  return post.requiresAck && (isFeedCadre(actor, post.regionCode) || inRegionScope(actor, post.regionCode, ACK_OVERSIGHT_ROLES));
}

/** Addresses and representatives' names in acknowledgement lists are shown in full only to the feed's cadres. */
export function seesHouseholdsUnmasked(actor: Actor | null, regionCode: string): boolean {
  return isFeedCadre(actor, regionCode);
}

/** Hide and unhide: cadres of the feed and admins; they also read what was hidden. */
export function canModerate(actor: Actor | null, post: Pick<PostFacts, 'regionCode'>): boolean {
  return isFeedCadre(actor, post.regionCode);
}

/** Residents' names are masked for everyone but themselves and the feed's cadres; staff speak in their own name. */
export function seesAuthorUnmasked(actor: Actor | null, post: { regionCode: string; authorId: string; authorRole: string }): boolean {
  return post.authorRole !== 'resident' || actor?.userId === post.authorId || isFeedCadre(actor, post.regionCode);
}

/**
 * The grant a cadre speaks with in a feed: the nearest unit among the given
 * roles whose scope covers the region (an admin's grant otherwise).
 */
export function capacityIn(actor: Actor, regionCode: string, roles: readonly Role[] = FEED_CADRE_ROLES): RoleGrant | null {
  const covering = grantsOf(actor, roles)
    .filter((g) => g.departmentId === null && regionCode.startsWith(g.regionPrefix))
    .sort((a, b) => b.regionPrefix.length - a.regionPrefix.length);
  return covering[0] ?? grantsOf(actor, ['admin'])[0] ?? null;
}
