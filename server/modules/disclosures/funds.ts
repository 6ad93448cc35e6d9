import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict, notFound, unauthorized } from '../../platform/errors.js';
import { isCalendarDate } from '../../../common/disclosures/periods.js';
import { STEP_LABELS } from '../../../common/disclosures/kinds.js';
import * as funds from './repo-funds.js';
import { requireVillage } from './access.js';
import { canPrepare } from './policy.js';
import { decisionRef, presentDecision, presentFund } from './presenter.js';
import type { DecisionInput, FundInput, FundPatchInput, StepInput } from './schema.js';

/**
 * Funds and projects (资金/项目) with their approved amount, purpose,
 * approval document and the 四议两公开 decision behind them; and the
 * decisions with their recorded steps. Public to read (they are what the
 * ledgers are disclosed against); kept by the village's cadres.
 */

async function decisionsById(db: Executor, regionCode: string) {
  const ds = await funds.decisionsOf(db, regionCode);
  const steps = await funds.stepsOf(db, ds.map((d) => d.id));
  return { byId: new Map(ds.map((d) => [d.id, d])), steps };
}

async function presentFunds(db: Executor, regionCode: string, rows: funds.FundRow[]) {
  const { byId, steps } = await decisionsById(db, regionCode);
  return rows.map((f) => presentFund(f, f.decision_id ? decisionRef(byId.get(f.decision_id), steps.get(f.decision_id) ?? []) : null));
}

/** `GET /disclosures/villages/:code/funds` */
export async function listFunds(ctx: ServiceContext, code: string) {
  await requireVillage(ctx.db, code);
  return { items: await presentFunds(ctx.db, code, await funds.fundsOf(ctx.db, code)) };
}

async function checkDecision(db: Executor, regionCode: string, id: string | null | undefined) {
  if (!id) return;
  const d = await funds.findDecision(db, id);
  if (!d || d.region_code !== regionCode) throw badRequest('disclosures.decision_unknown', 'decisionId');
}

/** `POST /disclosures/villages/:code/funds` */
export async function createFund(ctx: ServiceContext, code: string, input: FundInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  await requireVillage(ctx.db, code);
  authorize(canPrepare(actor, code));
  const fundCode = input.code.trim();
  const name = input.name.trim();
  if (!fundCode) throw badRequest('disclosures.text_blank', 'code');
  if (!name) throw badRequest('disclosures.text_blank', 'name');
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await funds.fundTaken(trx, code, 'code', fundCode)) throw conflict('disclosures.fund_code_taken', 'code', { code: fundCode });
    if (await funds.fundTaken(trx, code, 'name', name)) throw conflict('disclosures.fund_name_taken', 'name', { name });
    await checkDecision(trx, code, input.decisionId);
    const now = ctx.clock.now();
    const fundId = await funds.insertFund(trx, {
      region_code: code,
      county_code: code.slice(0, 6),
      code: fundCode,
      name,
      kind: input.kind,
      purpose: input.purpose?.trim() ?? '',
      approved_fen: input.approvedFen ?? 0,
      approval_document: input.approvalDocument?.trim() || null,
      decision_id: input.decisionId ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, ctx, { action: 'disclosures.fund.create', targetType: 'disclosure_fund', targetId: fundId, after: { code: fundCode, kind: input.kind, approvedFen: input.approvedFen ?? 0 } });
    return fundId;
  });
  return (await presentFunds(ctx.db, code, [(await funds.findFund(ctx.db, id))!]))[0];
}

/** `PATCH /disclosures/funds/:id`: amounts, status, the gap's explanation, what became of the balance. */
export async function patchFund(ctx: ServiceContext, id: string, input: FundPatchInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  if (Object.values(input).every((v) => v === undefined)) throw badRequest('disclosures.nothing_to_change', 'body');
  const existing = await funds.findFund(ctx.db, id);
  if (!existing) throw notFound('disclosures.fund_not_found', 'id');
  authorize(canPrepare(actor, existing.region_code));
  if (input.name !== undefined && !input.name.trim()) throw badRequest('disclosures.text_blank', 'name');
  await ctx.db.transaction().execute(async (trx) => {
    const f = (await funds.lockFund(trx, id))!;
    if (input.name !== undefined && (await funds.fundTaken(trx, f.region_code, 'name', input.name.trim(), f.id))) {
      throw conflict('disclosures.fund_name_taken', 'name', { name: input.name.trim() });
    }
    await checkDecision(trx, f.region_code, input.decisionId);
    const values = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.purpose !== undefined ? { purpose: input.purpose.trim() } : {}),
      ...(input.approvedFen !== undefined ? { approved_fen: input.approvedFen } : {}),
      ...(input.approvalDocument !== undefined ? { approval_document: input.approvalDocument?.trim() || null } : {}),
      ...(input.decisionId !== undefined ? { decision_id: input.decisionId } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.gapExplanation !== undefined ? { gap_explanation: input.gapExplanation?.trim() || null } : {}),
      ...(input.balanceDisposition !== undefined ? { balance_disposition: input.balanceDisposition?.trim() || null } : {}),
    };
    await funds.updateFund(trx, id, { ...values, updated_at: ctx.clock.now() });
    const before = Object.fromEntries(Object.keys(values).map((k) => [k, (f as unknown as Record<string, unknown>)[k]]));
    await audit(trx, ctx, { action: 'disclosures.fund.update', targetType: 'disclosure_fund', targetId: id, before, after: values });
  });
  return (await presentFunds(ctx.db, existing.region_code, [(await funds.findFund(ctx.db, id))!]))[0];
}

/** `GET /disclosures/villages/:code/decisions` */
export async function listDecisions(ctx: ServiceContext, code: string) {
  await requireVillage(ctx.db, code);
  const { byId, steps } = await decisionsById(ctx.db, code);
  return { items: [...byId.values()].map((d) => presentDecision(d, steps.get(d.id) ?? [])) };
}

function checkSteps(steps: StepInput[]) {
  const seen = new Set<string>();
  for (const [i, s] of steps.entries()) {
    if (seen.has(s.step)) throw badRequest('disclosures.step_duplicate', `steps/${i}/step`, { step: STEP_LABELS[s.step]['zh-CN'] });
    seen.add(s.step);
    if (!isCalendarDate(s.heldOn)) throw badRequest('disclosures.date_invalid', 'heldOn');
    if ((s.present !== undefined && s.eligible !== undefined && s.present > s.eligible) || (s.inFavour !== undefined && s.present !== undefined && s.inFavour > s.present)) {
      throw badRequest('disclosures.step_counts', 'present');
    }
  }
}

const stepRows = (decisionId: string, steps: StepInput[], by: string, at: Date) =>
  steps.map((s) => ({
    decision_id: decisionId,
    step: s.step,
    held_on: s.heldOn,
    document: s.document?.trim() ?? '',
    present: s.present ?? null,
    eligible: s.eligible ?? null,
    in_favour: s.inFavour ?? null,
    recorded_by: by,
    recorded_at: at,
  }));

async function presentOne(db: Executor, id: string) {
  const d = (await funds.findDecision(db, id))!;
  return presentDecision(d, (await funds.stepsOf(db, [id])).get(id) ?? []);
}

/** `POST /disclosures/villages/:code/decisions`: a decision and the steps recorded so far. */
export async function createDecision(ctx: ServiceContext, code: string, input: DecisionInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  await requireVillage(ctx.db, code);
  authorize(canPrepare(actor, code));
  const title = input.title.trim();
  if (!title) throw badRequest('disclosures.text_blank', 'title');
  checkSteps(input.steps ?? []);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const decisionId = await funds.insertDecision(trx, { region_code: code, county_code: code.slice(0, 6), title, subject: input.subject?.trim() ?? '', created_by: actor.userId, created_at: now, updated_at: now });
    await funds.upsertSteps(trx, stepRows(decisionId, input.steps ?? [], actor.userId, now));
    await audit(trx, ctx, { action: 'disclosures.decision.create', targetType: 'disclosure_decision', targetId: decisionId, after: { title, steps: (input.steps ?? []).map((s) => s.step) } });
    return decisionId;
  });
  return presentOne(ctx.db, id);
}

/** `PUT /disclosures/decisions/:id/steps`: records (or re-records) steps as the matter proceeds. */
export async function recordSteps(ctx: ServiceContext, id: string, steps: StepInput[]) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const d = await funds.findDecision(ctx.db, id);
  if (!d) throw notFound('disclosures.decision_not_found', 'id');
  authorize(canPrepare(actor, d.region_code));
  checkSteps(steps);
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const before = ((await funds.stepsOf(trx, [id])).get(id) ?? []).map((s) => s.step);
    await funds.upsertSteps(trx, stepRows(id, steps, actor.userId, now));
    await funds.touchDecision(trx, id, now);
    await audit(trx, ctx, { action: 'disclosures.decision.steps', targetType: 'disclosure_decision', targetId: id, before: { steps: before }, after: { recorded: steps.map((s) => s.step) } });
  });
  return presentOne(ctx.db, id);
}
