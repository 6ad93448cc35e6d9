import { maskName, maskPhone } from '../../../common/masking.js';
import type { NoticeDeliveryStatus } from '../../../common/emergency/types.js';
import { iso } from './access.js';
import type { DispatchRow, NoticeRow } from './repo-notices.js';
import type { NoticeView } from './schema-notices.js';

/** Shapes notices, their delivery progress and the list of households not yet reached. */

export function presentProgress(d: DispatchRow, now: Date): NonNullable<NoticeView['progress']> {
  const end = d.finished_at ?? now;
  return {
    status: d.status as NoticeDeliveryStatus,
    total: d.total,
    queued: d.queued,
    percent: d.total === 0 ? (d.status === 'delivered' ? 100 : 0) : Math.min(100, Math.round((d.queued / d.total) * 1000) / 10),
    startedAt: d.started_at.toISOString(),
    finishedAt: iso(d.finished_at),
    elapsedMs: Math.max(0, end.getTime() - d.started_at.getTime()),
  };
}

export function presentNotice(
  n: NoticeRow,
  extra: {
    regionName: string;
    senderName: string;
    dispatch: DispatchRow | null;
    tracking: { households: number; seen: number; acknowledged: number; visited: number } | null;
    mine: { household_id: string; seen_at: Date | null; acked_at: Date | null } | null;
    follow: boolean;
    now: Date;
  },
): NoticeView {
  const t = extra.tracking;
  return {
    id: n.id,
    incidentId: n.incident_id,
    regionCode: n.region_code,
    regionName: extra.regionName,
    title: n.title,
    body: n.body,
    senderName: extra.senderName,
    createdAt: n.created_at.toISOString(),
    progress: extra.follow && extra.dispatch ? presentProgress(extra.dispatch, extra.now) : null,
    tracking:
      extra.follow && t
        ? { households: t.households, seen: t.seen, acknowledged: t.acknowledged, reachedByVisit: t.visited, unreached: t.households - t.acknowledged }
        : null,
    mine: extra.mine ? { householdId: extra.mine.household_id, seenAt: iso(extra.mine.seen_at), ackedAt: iso(extra.mine.acked_at) } : null,
    abilities: { ack: !!extra.mine && extra.mine.acked_at === null, follow: extra.follow },
  };
}

/** 「庆云山庄3栋2单元501」 → 「庆云山庄****」: enough to place a door on a round, not to publish it. */
export function maskAddress(address: string): string {
  const chars = Array.from(address);
  const keep = Math.min(4, Math.max(1, Math.floor(chars.length / 3)));
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(2, chars.length - keep));
}

export function presentUnreached(
  row: { household_id: string; region_code: string; seen_at: Date | null; address: string; rep_name: string | null; rep_phone: string | null },
  regionName: string,
  unmasked: boolean,
) {
  return {
    householdId: row.household_id,
    regionCode: row.region_code,
    regionName,
    address: unmasked ? row.address : maskAddress(row.address),
    representative: row.rep_name
      ? {
          name: unmasked ? row.rep_name : maskName(row.rep_name),
          phone: row.rep_phone ? (unmasked ? row.rep_phone : maskPhone(row.rep_phone)) : null,
        }
      : null,
    seen: row.seen_at !== null,
  };
}
