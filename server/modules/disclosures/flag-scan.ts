import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { nextPeriod, periodOf, periodsBetween } from '../../../common/disclosures/periods.js';
import type { PublicationKind } from '../../../common/disclosures/kinds.js';
import * as funds from './repo-funds.js';
import * as flagsRepo from './repo-flags.js';
import { decisionStatus, type DecisionStatus } from './decision-status.js';
import { complianceCell, type PublishedFact } from './compliance-logic.js';
import { scanLedger, type Finding } from './flag-rules.js';
import { scanCandidates, scanFundsOf } from './repo-scan.js';
import { settingsOf, type EffectiveSettings } from './settings.js';

/**
 * Running the red-flag rules and keeping their findings (DESIGN §5). A scan
 * covers a set of villages: it loads the entries some rule can use (narrowed
 * in SQL, repo-scan.ts), funds, decisions, cadres' households and
 * publication dates in a few queries, runs the pure rules, and reconciles with the stored flags by fingerprint — new findings
 * open a flag, a resolved one that comes back is reopened, an open one that
 * is no longer found is resolved, and a dismissed one stays dismissed (its
 * reason is history, kept in disclosure_flag_events).
 */
export interface ScanStats {
  villages: number;
  entries: number;
  detected: number;
  resolved: number;
  open: number;
}

/** Late and missing publications of the required kinds, from tracking start to the last period already due. */
export function publicationFindings(regionCode: string, facts: PublishedFact[], settings: EffectiveSettings, firstPeriod: string | undefined, now: Date): Finding[] {
  const start = settings.trackingFrom ?? firstPeriod;
  if (!start) return [];
  const out: Finding[] = [];
  const last = periodOf(now);
  for (const kind of settings.requiredKinds) {
    for (const period of periodsBetween(start, last)) {
      const cell = complianceCell(period, facts.filter((f) => f.kind === kind), settings.dueDay, now);
      if (cell.state === 'late') {
        out.push({
          rule: 'late_publication',
          fingerprint: `late_publication:${kind}:${period}`,
          params: { period, kind, due: cell.dueOn, published: cell.publishedAt!.toISOString().slice(0, 10), days: cell.daysLate! },
          entryIds: [],
          publicationId: cell.publicationId,
          fundId: null,
          period,
        });
      } else if (cell.state === 'missing') {
        out.push({
          rule: 'missing_publication',
          fingerprint: `missing_publication:${kind}:${period}`,
          params: { period, kind, due: cell.dueOn },
          entryIds: [],
          publicationId: null,
          fundId: null,
          period,
        });
      }
    }
  }
  return out;
}

/** Findings of every rule for a batch of villages. */
export async function findingsFor(db: Executor, regionCodes: string[], now: Date): Promise<{ findings: Map<string, Finding[]>; entries: number }> {
  const [settings, fundRows] = await Promise.all([settingsOf(db, regionCodes), funds.fundsIn(db, regionCodes)]);
  const [{ entries, total: entryCount }, decisionRows, households, firsts] = await Promise.all([
    scanCandidates(db, settings, scanFundsOf(fundRows)),
    funds.decisionsIn(db, regionCodes),
    flagsRepo.cadreHouseholds(db, regionCodes),
    flagsRepo.firstPeriods(db, regionCodes),
  ]);
  const kinds = [...new Set([...settings.values()].flatMap((s) => s.requiredKinds))] as PublicationKind[];
  const [steps, facts] = await Promise.all([
    funds.stepsOf(db, decisionRows.map((d) => d.id)),
    flagsRepo.publishedFacts(db, regionCodes, kinds.length ? kinds : ['finance']),
  ]);
  const statuses = new Map<string, DecisionStatus>(decisionRows.map((d) => [d.id, decisionStatus(steps.get(d.id) ?? [])]));
  const byVillage = <T extends { region_code: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.region_code);
      if (list) list.push(r);
      else m.set(r.region_code, [r]);
    }
    return m;
  };
  const entriesBy = byVillage(entries);
  const fundsBy = byVillage(fundRows);
  const out = new Map<string, Finding[]>();
  for (const code of regionCodes) {
    const s = settings.get(code)!;
    const ledger = scanLedger({
      entries: entriesBy.get(code) ?? [],
      funds: fundsBy.get(code) ?? [],
      decisions: statuses,
      cadreHouseholds: households.get(code) ?? [],
      settings: s,
    });
    out.set(code, [...ledger, ...publicationFindings(code, facts.get(code) ?? [], s, firsts.get(code), now)]);
  }
  return { findings: out, entries: entryCount };
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
/** Stored params come back from jsonb with their keys reordered: compare key by key. */
const sameParams = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/** Reconciles findings with the stored flags of those villages; returns how many were detected and resolved. */
export async function storeFindings(trx: Executor, findings: Map<string, Finding[]>, now: Date): Promise<{ detected: number; resolved: number; open: number }> {
  const codes = [...findings.keys()];
  const existing = await flagsRepo.flagsOf(trx, codes);
  const byKey = new Map(existing.map((f) => [`${f.region_code}|${f.fingerprint}`, f]));
  const seen = new Set<string>();
  const inserts: flagsRepo.NewFlag[] = [];
  const events: Parameters<typeof flagsRepo.insertFlagEvents>[1] = [];
  let resolved = 0;
  let open = 0;
  for (const [code, list] of findings) {
    for (const f of list) {
      const key = `${code}|${f.fingerprint}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const old = byKey.get(key);
      const entryIds = [...f.entryIds].sort();
      if (!old) {
        open++;
        inserts.push({
          region_code: code,
          county_code: code.slice(0, 6),
          rule: f.rule,
          fingerprint: f.fingerprint,
          status: 'open',
          params: JSON.stringify(f.params),
          entry_ids: entryIds,
          publication_id: f.publicationId,
          fund_id: f.fundId,
          period: f.period,
          first_detected_at: now,
          last_detected_at: now,
          updated_at: now,
        });
        continue;
      }
      const reopen = old.status === 'resolved';
      if (old.status !== 'dismissed') open++;
      if (reopen || !sameIds(old.entry_ids, entryIds) || !sameParams(old.params, f.params) || old.publication_id !== f.publicationId) {
        await flagsRepo.updateFlag(trx, old.id, {
          status: reopen ? 'open' : old.status,
          params: JSON.stringify(f.params),
          entry_ids: entryIds,
          publication_id: f.publicationId,
          fund_id: f.fundId,
          period: f.period,
          last_detected_at: now,
          updated_at: now,
        });
        if (reopen) events.push({ flag_id: old.id, action: 'redetected', reason: null, actor_id: null, created_at: now });
      }
    }
  }
  for (const old of existing) {
    if (old.status !== 'open' || seen.has(`${old.region_code}|${old.fingerprint}`)) continue;
    resolved++;
    await flagsRepo.updateFlag(trx, old.id, { status: 'resolved', updated_at: now });
    events.push({ flag_id: old.id, action: 'resolved', reason: null, actor_id: null, created_at: now });
  }
  const created = await flagsRepo.insertFlags(trx, inserts);
  for (const c of created) events.push({ flag_id: c.id, action: 'detected', reason: null, actor_id: null, created_at: now });
  await flagsRepo.insertFlagEvents(trx, events);
  return { detected: created.length, resolved, open };
}

/** Scans one village inside the caller's transaction (on every import and publication). */
export async function scanVillage(trx: Executor, regionCode: string, now: Date) {
  const { findings, entries } = await findingsFor(trx, [regionCode], now);
  return { ...(await storeFindings(trx, findings, now)), entries };
}

/**
 * Scans many villages: batches of villages, each its own transaction (so
 * memory stays flat whatever the region's size), a few batches at a time on
 * the pool so PostgreSQL narrows one batch while Node runs the rules of another.
 */
export async function scanRegion(db: Executor, villageCodes: string[], now: Date, batchSize = 100, parallel = 2): Promise<ScanStats> {
  const stats: ScanStats = { villages: villageCodes.length, entries: 0, detected: 0, resolved: 0, open: 0 };
  let next = 0;
  const worker = async () => {
    while (next < villageCodes.length) {
      const batch = villageCodes.slice(next, (next += batchSize));
      await db.transaction().execute(async (trx) => {
        // The narrowing query's batch of keys and its hash tables fit in memory with this (the default 4 MB spills to disk).
        await sql`set local work_mem = '64MB'`.execute(trx);
        const { findings, entries } = await findingsFor(trx, batch, now);
        const r = await storeFindings(trx, findings, now);
        stats.entries += entries;
        stats.detected += r.detected;
        stats.resolved += r.resolved;
        stats.open += r.open;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return stats;
}

export { nextPeriod };
