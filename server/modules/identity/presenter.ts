import type { Actor } from '../../platform/context.js';
import { maskPhone } from '../../../common/masking.js';
import type { AccountRow } from './repo.js';
import type { MeResponse, OutboxItem, UserSummary } from './schema.js';

/** Shapes every identity response; phone numbers leave the server masked. */
export function presentUser(account: Pick<AccountRow, 'id' | 'name'>): UserSummary {
  return { id: account.id, name: account.name };
}

export function presentMe(account: AccountRow, actor: Actor, csrfToken: string | null, hasPassword: boolean): MeResponse {
  return {
    user: {
      id: account.id,
      name: account.name,
      phone: account.phone ? maskPhone(account.phone) : null,
      username: account.username,
      hasPassword,
    },
    grants: actor.grants.map((g) => ({
      role: g.role,
      unitId: g.unitId,
      unitName: g.unitName,
      regionPrefix: g.regionPrefix,
      departmentId: g.departmentId,
    })),
    householdRegions: actor.householdRegions,
    csrfToken,
  };
}

export function presentOutboxItem(row: { id: number; phone: string; body: string; purpose: string; created_at: Date }): OutboxItem {
  return { id: row.id, phone: maskPhone(row.phone), body: row.body, purpose: row.purpose, createdAt: row.created_at.toISOString() };
}

const beijing = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026-11-20 10:30` in Asia/Shanghai, for messages people read. */
export function beijingTime(date: Date): string {
  const part = Object.fromEntries(beijing.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}
