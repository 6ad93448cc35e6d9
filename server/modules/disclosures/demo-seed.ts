import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { dueDateOf, nextPeriod, periodOf } from '../../../common/disclosures/periods.js';
import * as repo from './repo.js';
import * as funds from './repo-funds.js';
import { villagesUnder } from './repo-flags.js';
import { canonicalDocument, sm3 } from './chain.js';
import { scanRegion } from './flag-scan.js';
import { seedCadreHousehold } from './demo-household.js';
import { CUANXI, SHUANGJIANG, WANGJIAZHOU, cuanxi, generated, shuangjiang, wangjiazhou, type DemoVillage } from './demo-data.js';

/**
 * Loads the disclosures of the demo (demo-data.ts) after the regions and
 * people: funds, decisions, a year of published ledgers chained with SM3,
 * and the red flags they raise. Fast (bulk statements, hashes computed in
 * memory) and once only: it does nothing when any publication exists.
 */
export async function seedDisclosuresDemo(ctx: ServiceContext): Promise<void> {
  const any = await ctx.db.selectFrom('disclosure_publications').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const current = periodOf(ctx.clock.now());
  const lukou = (await villagesUnder(ctx.db, '430212')).map((v) => v.code);
  const exists = new Set([...lukou, ...(await villagesUnder(ctx.db, CUANXI.slice(0, 9))).map((v) => v.code)]);
  const villages: DemoVillage[] = [];
  if (exists.has(SHUANGJIANG)) villages.push(shuangjiang(current));
  if (exists.has(WANGJIAZHOU)) villages.push(wangjiazhou(current));
  if (exists.has(CUANXI)) villages.push(cuanxi(current));
  for (const code of lukou) if (code !== SHUANGJIANG && code !== WANGJIAZHOU) villages.push(generated(code, current));
  if (villages.length === 0) return;
  if (exists.has(SHUANGJIANG)) await seedCadreHousehold(ctx);
  await ctx.db.transaction().execute((trx) => load(trx, villages, ctx.clock.now()));
  await scanRegion(ctx.db, villages.map((v) => v.code), ctx.clock.now());
}

async function load(trx: Executor, villages: DemoVillage[], now: Date): Promise<void> {
  // ---- decisions and their steps
  const decisionIds = new Map<string, string>();
  for (const v of villages) {
    for (const d of v.decisions) {
      const id = await funds.insertDecision(trx, { region_code: v.code, county_code: v.code.slice(0, 6), title: d.title, subject: d.subject, created_by: null, created_at: now, updated_at: now });
      decisionIds.set(`${v.code}:${d.key}`, id);
      const start = Date.parse(`${v.months[0].period}-02T00:00:00Z`);
      await funds.upsertSteps(
        trx,
        d.steps.map((s) => ({
          decision_id: id,
          step: s.step as funds.StepRow['step'],
          held_on: new Date(start + s.offsetDays * 86_400_000).toISOString().slice(0, 10),
          document: '',
          present: s.present ?? null,
          eligible: s.eligible ?? null,
          in_favour: s.inFavour ?? null,
          recorded_by: null,
          recorded_at: now,
        })),
      );
    }
  }
  // ---- funds
  const fundRows = villages.flatMap((v) =>
    v.funds.map((f) => ({
      id: crypto.randomUUID(),
      region_code: v.code,
      county_code: v.code.slice(0, 6),
      code: f.code,
      name: f.name,
      kind: f.kind,
      purpose: f.purpose,
      approved_fen: f.approvedFen,
      approval_document: f.approvalDocument,
      decision_id: f.decision ? (decisionIds.get(`${v.code}:${f.decision}`) ?? null) : null,
      status: f.status,
      gap_explanation: null,
      balance_disposition: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })),
  );
  for (let i = 0; i < fundRows.length; i += 1000) await trx.insertInto('disclosure_funds').values(fundRows.slice(i, i + 1000)).execute();
  const fundId = new Map(fundRows.map((f) => [`${f.region_code}:${f.code}`, f]));
  const decisionTitles = new Map(villages.flatMap((v) => v.decisions.map((d) => [decisionIds.get(`${v.code}:${d.key}`)!, { title: d.title, steps: d.steps.map((s) => s.step) }] as const)));

  // ---- publications (approved first; published below, once their rows are in)
  const pubs: (repo.PublicationRow & { entries: repo.EntryRow[] })[] = [];
  const entries: repo.NewEntry[] = [];
  for (const v of villages) {
    for (const m of v.months) {
      if (m.publishedDay === null) continue;
      const id = crypto.randomUUID();
      const publishedAt = new Date(`${nextPeriod(m.period)}-${String(m.publishedDay).padStart(2, '0')}T02:00:00Z`);
      if (publishedAt > now) continue;
      const rows: repo.EntryRow[] = m.entries.map((e, i) => ({
        id: crypto.randomUUID(),
        publication_id: id,
        region_code: v.code,
        seq: i + 1,
        entry_date: e.date,
        voucher_no: e.voucher,
        direction: e.direction,
        amount_fen: e.amountFen,
        counterparty: e.counterparty,
        counterparty_kind: e.person ? 'person' : 'organisation',
        counterparty_salt: crypto.randomBytes(16).toString('hex'),
        purpose: e.purpose,
        fund_id: fundId.get(`${v.code}:${e.fund}`)!.id,
        to_fund_id: e.toFund ? fundId.get(`${v.code}:${e.toFund}`)!.id : null,
        approvers: e.approvers,
        payment_method: e.payment,
        decision_id: null,
        attachment_ids: [],
      }));
      entries.push(...rows.map((r) => ({ ...r, county_code: v.code.slice(0, 6), import_id: null })));
      pubs.push({
        id,
        series_id: id,
        region_code: v.code,
        county_code: v.code.slice(0, 6),
        period: m.period,
        kind: 'finance',
        version: 1,
        title: `${m.period.replace('-', '年')}月财务收支公开`,
        body: '',
        status: 'approved',
        previous_id: null,
        correction_reason: null,
        due_on: dueDateOf(m.period, 15),
        created_by: null,
        created_at: new Date(publishedAt.getTime() - 3 * 86_400_000),
        updated_at: publishedAt,
        submitted_at: new Date(publishedAt.getTime() - 2 * 86_400_000),
        approved_by: null,
        approved_at: new Date(publishedAt.getTime() - 86_400_000),
        published_by: null,
        published_at: publishedAt,
        chain_seq: null,
        prev_hash: null,
        hash: null,
        entries: rows,
      });
    }
  }
  for (let i = 0; i < pubs.length; i += 500) {
    await trx
      .insertInto('disclosure_publications')
      .values(pubs.slice(i, i + 500).map(({ entries: _e, published_at: _p, ...p }) => ({ ...p, published_at: null })))
      .execute();
  }
  await repo.insertEntries(trx, entries);

  // ---- fund snapshots, canonical documents, the chain
  const snapshots: funds.FundSnapshotRow[] = [];
  const sealed: { id: string; seq: number; prev: string | null; hash: string; at: Date }[] = [];
  const heads = new Map<string, { seq: number; hash: string | null }>();
  for (const p of pubs) {
    const used = new Set(p.entries.flatMap((e) => [e.fund_id, ...(e.to_fund_id ? [e.to_fund_id] : [])]));
    const snaps = fundRows
      .filter((f) => used.has(f.id))
      .map((f) => ({
        publication_id: p.id,
        fund_id: f.id,
        code: f.code,
        name: f.name,
        kind: f.kind,
        purpose: f.purpose,
        approved_fen: f.approved_fen,
        approval_document: f.approval_document,
        status: f.status,
        gap_explanation: null,
        balance_disposition: null,
        decision_id: f.decision_id,
        decision_title: f.decision_id ? (decisionTitles.get(f.decision_id)?.title ?? null) : null,
        decision_steps: f.decision_id ? (decisionTitles.get(f.decision_id)?.steps ?? []) : [],
      }));
    snapshots.push(...snaps);
    const head = heads.get(p.region_code) ?? { seq: 0, hash: null };
    const position = { seq: head.seq + 1, prevHash: head.hash };
    const hash = sm3(canonicalDocument({ ...p, published_at: p.published_at! }, position, snaps, p.entries, new Map()));
    heads.set(p.region_code, { seq: position.seq, hash });
    sealed.push({ id: p.id, seq: position.seq, prev: position.prevHash, hash, at: p.published_at! });
  }
  for (let i = 0; i < snapshots.length; i += 1000) await funds.insertFundSnapshots(trx, snapshots.slice(i, i + 1000));
  await sql`
    update disclosure_publications p
    set status = 'published', published_at = u.at, chain_seq = u.seq, prev_hash = u.prev, hash = u.hash
    from unnest(${sealed.map((s) => s.id)}::uuid[], ${sealed.map((s) => s.seq)}::int[], ${sealed.map((s) => s.prev)}::text[],
                ${sealed.map((s) => s.hash)}::text[], ${sealed.map((s) => s.at.toISOString())}::timestamptz[]) as u(id, seq, prev, hash, at)
    where p.id = u.id`.execute(trx);
  const headRows = [...heads].map(([region_code, h]) => ({ region_code, seq: h.seq, hash: h.hash! }));
  for (let i = 0; i < headRows.length; i += 1000) await trx.insertInto('disclosure_chain_heads').values(headRows.slice(i, i + 1000)).execute();
}
