import crypto from 'node:crypto';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict, notFound, unauthorized } from '../../platform/errors.js';
import { looksLikePerson } from '../../../common/disclosures/counterparty.js';
import { isCalendarDate } from '../../../common/disclosures/periods.js';
import * as repo from './repo.js';
import * as funds from './repo-funds.js';
import { requireEditable, requireLedgerKind, requireReadable } from './access.js';
import { canPrepare } from './policy.js';
import { presentEntries } from './reading.js';
import type { EntryInput, EntryPatchInput } from './schema.js';

/**
 * Ledger entries of a draft (台账), one at a time, and their receipts. Bulk
 * entry is the import (imports.ts). Amounts are integer fen. A published
 * version's entries cannot change (the database refuses it too).
 */
export const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;
export const MAX_RECEIPTS_PER_ENTRY = 9;

interface Checked {
  entry_date: string;
  voucher_no: string;
  direction: EntryInput['direction'];
  amount_fen: number;
  counterparty: string;
  counterparty_kind: 'person' | 'organisation';
  purpose: string;
  fund_id: string;
  to_fund_id: string | null;
  approvers: string[];
  payment_method: NonNullable<EntryInput['paymentMethod']>;
  decision_id: string | null;
}

/** Checks an entry against its publication's village and period; answers 400/409 naming the field. */
async function check(db: Executor, p: repo.PublicationRow, e: EntryInput, exceptId?: string): Promise<Checked> {
  if (!isCalendarDate(e.entryDate)) throw badRequest('disclosures.date_invalid', 'entryDate');
  if (e.entryDate.slice(0, 7) !== p.period) throw badRequest('disclosures.date_outside_period', 'entryDate', { date: e.entryDate, period: p.period });
  const voucher = e.voucherNo.trim();
  if (!voucher) throw badRequest('disclosures.text_blank', 'voucherNo');
  const purpose = e.purpose.trim();
  if (!purpose) throw badRequest('disclosures.text_blank', 'purpose');
  const fund = await funds.findFund(db, e.fundId);
  if (!fund || fund.region_code !== p.region_code) throw badRequest('disclosures.fund_unknown', 'fundId');
  const toFundId = e.toFundId ?? null;
  if (toFundId) {
    const to = await funds.findFund(db, toFundId);
    if (!to || to.region_code !== p.region_code) throw badRequest('disclosures.fund_unknown', 'toFundId');
    if (toFundId === e.fundId) throw badRequest('disclosures.fund_same', 'toFundId');
  } else if (e.direction === 'transfer') throw badRequest('disclosures.transfer_needs_target', 'toFundId');
  if (e.direction === 'income' && toFundId) throw badRequest('disclosures.fund_same', 'toFundId');
  if (e.decisionId) {
    const d = await funds.findDecision(db, e.decisionId);
    if (!d || d.region_code !== p.region_code) throw badRequest('disclosures.decision_unknown', 'decisionId');
  }
  const taken = await db
    .selectFrom('disclosure_entries')
    .select('id')
    .where('publication_id', '=', p.id)
    .where('voucher_no', '=', voucher)
    .$if(!!exceptId, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
  if (taken) throw conflict('disclosures.voucher_duplicate', 'voucherNo', { voucher });
  const counterparty = e.counterparty.trim();
  return {
    entry_date: e.entryDate,
    voucher_no: voucher,
    direction: e.direction,
    amount_fen: e.amountFen,
    counterparty,
    counterparty_kind: e.counterpartyKind ?? (looksLikePerson(counterparty) ? 'person' : 'organisation'),
    purpose,
    fund_id: e.fundId,
    to_fund_id: toFundId,
    approvers: (e.approvers ?? []).map((a) => a.trim()).filter(Boolean),
    payment_method: e.paymentMethod ?? 'bank',
    decision_id: e.decisionId ?? null,
  };
}

/** A draft the caller prepares, locked for the change. */
async function editableDraft(trx: Executor, ctx: ServiceContext, publicationId: string) {
  const p = await requireReadable(trx, ctx.actor, publicationId);
  authorize(canPrepare(ctx.actor, p.region_code));
  const locked = (await repo.lockPublication(trx, publicationId))!;
  requireEditable(locked, ctx.lang);
  requireLedgerKind(locked, ctx.lang);
  return locked;
}

async function shown(ctx: ServiceContext, id: string) {
  const row = (await repo.findEntry(ctx.db, id))!;
  return (await presentEntries(ctx, row.region_code, [row]))[0];
}

const summary = (c: Checked) => ({ date: c.entry_date, voucher: c.voucher_no, direction: c.direction, amountFen: c.amount_fen, fundId: c.fund_id, toFundId: c.to_fund_id });

/** `POST /disclosures/publications/:id/entries` */
export async function addEntry(ctx: ServiceContext, publicationId: string, input: EntryInput) {
  if (!ctx.actor) throw unauthorized();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const p = await editableDraft(trx, ctx, publicationId);
    const c = await check(trx, p, input);
    const [entryId] = await repo.insertEntries(trx, [
      { ...c, publication_id: p.id, region_code: p.region_code, county_code: p.county_code, seq: await repo.nextSeq(trx, p.id), attachment_ids: [], import_id: null },
    ]);
    await repo.updatePublication(trx, p.id, { updated_at: ctx.clock.now() });
    await audit(trx, ctx, { action: 'disclosures.entry.add', targetType: 'disclosure_entry', targetId: entryId, after: summary(c) });
    return entryId;
  });
  return shown(ctx, id);
}

async function entryOfDraft(trx: Executor, ctx: ServiceContext, entryId: string) {
  const e = await repo.findEntry(trx, entryId);
  if (!e) throw notFound('disclosures.entry_not_found', 'id');
  const p = await editableDraft(trx, ctx, e.publication_id).catch((err) => {
    // An entry of a version the caller may not read does not exist for them.
    if (err?.statusCode === 404 || err?.status === 404) throw notFound('disclosures.entry_not_found', 'id');
    throw err;
  });
  return { e, p };
}

/** `PATCH /disclosures/entries/:id` */
export async function patchEntry(ctx: ServiceContext, entryId: string, input: EntryPatchInput) {
  if (!ctx.actor) throw unauthorized();
  if (Object.keys(input).length === 0) throw badRequest('disclosures.nothing_to_change', 'body');
  await ctx.db.transaction().execute(async (trx) => {
    const { e, p } = await entryOfDraft(trx, ctx, entryId);
    const merged: EntryInput = {
      entryDate: input.entryDate ?? e.entry_date,
      voucherNo: input.voucherNo ?? e.voucher_no,
      direction: input.direction ?? e.direction,
      amountFen: input.amountFen ?? e.amount_fen,
      counterparty: input.counterparty ?? e.counterparty,
      counterpartyKind: input.counterpartyKind ?? (input.counterparty === undefined ? e.counterparty_kind : undefined),
      purpose: input.purpose ?? e.purpose,
      fundId: input.fundId ?? e.fund_id,
      toFundId: input.toFundId === undefined ? e.to_fund_id : input.toFundId,
      approvers: input.approvers ?? e.approvers,
      paymentMethod: input.paymentMethod ?? e.payment_method,
      decisionId: input.decisionId === undefined ? e.decision_id : input.decisionId,
    };
    const c = await check(trx, p, merged, e.id);
    await repo.updateEntry(trx, e.id, c);
    await repo.updatePublication(trx, p.id, { updated_at: ctx.clock.now() });
    await audit(trx, ctx, {
      action: 'disclosures.entry.update',
      targetType: 'disclosure_entry',
      targetId: e.id,
      before: { date: e.entry_date, voucher: e.voucher_no, direction: e.direction, amountFen: e.amount_fen, fundId: e.fund_id, toFundId: e.to_fund_id },
      after: summary(c),
    });
  });
  return shown(ctx, entryId);
}

/** `DELETE /disclosures/entries/:id` */
export async function deleteEntry(ctx: ServiceContext, entryId: string): Promise<void> {
  if (!ctx.actor) throw unauthorized();
  await ctx.db.transaction().execute(async (trx) => {
    const { e, p } = await entryOfDraft(trx, ctx, entryId);
    await repo.deleteEntry(trx, e.id);
    await repo.updatePublication(trx, p.id, { updated_at: ctx.clock.now() });
    await audit(trx, ctx, { action: 'disclosures.entry.delete', targetType: 'disclosure_entry', targetId: e.id, before: { voucher: e.voucher_no, amountFen: e.amount_fen } });
  });
}

function sniff(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 5 && bytes.toString('ascii', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

/** `POST /disclosures/entries/:id/attachments`: a receipt (image or PDF; the type is read from the bytes). */
export async function addReceipt(ctx: ServiceContext, entryId: string, file: { fileName: string | undefined; bytes: Buffer } | null) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  if (!file || file.bytes.length === 0) throw badRequest('disclosures.attachment_missing', 'file');
  const type = sniff(file.bytes);
  if (!type) throw badRequest('disclosures.attachment_type', 'file');
  await ctx.db.transaction().execute(async (trx) => {
    const { e, p } = await entryOfDraft(trx, ctx, entryId);
    if (e.attachment_ids.length >= MAX_RECEIPTS_PER_ENTRY) throw conflict('disclosures.attachment_limit', 'file', { max: MAX_RECEIPTS_PER_ENTRY });
    const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
    const fileName = (file.fileName ?? '').replace(/[\\/\u0000-\u001f"]/g, '').trim().slice(-100) || `receipt.${type.split('/')[1]}`;
    const id = await repo.insertAttachment(trx, { region_code: p.region_code, file_name: fileName, content_type: type, size_bytes: file.bytes.length, sha256, bytes: file.bytes, uploaded_by: actor.userId });
    await repo.updateEntry(trx, e.id, { attachment_ids: [...e.attachment_ids, id] });
    await audit(trx, ctx, { action: 'disclosures.receipt.add', targetType: 'disclosure_entry', targetId: e.id, after: { attachmentId: id, sizeBytes: file.bytes.length, sha256 } });
  });
  return shown(ctx, entryId);
}

/** `GET /disclosures/entries/:id/attachments/:attachmentId`: to whoever may read the entry's publication. */
export async function readReceipt(ctx: ServiceContext, entryId: string, attachmentId: string) {
  const e = await repo.findEntry(ctx.db, entryId);
  if (!e) throw notFound('disclosures.entry_not_found', 'id');
  await requireReadable(ctx.db, ctx.actor, e.publication_id).catch(() => {
    throw notFound('disclosures.entry_not_found', 'id');
  });
  if (!e.attachment_ids.includes(attachmentId)) throw notFound('disclosures.attachment_not_found', 'attachmentId');
  const a = await repo.attachmentBytes(ctx.db, attachmentId);
  if (!a) throw notFound('disclosures.attachment_not_found', 'attachmentId');
  return { fileName: a.file_name, contentType: a.content_type, bytes: a.bytes };
}
