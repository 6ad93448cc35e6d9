import crypto from 'node:crypto';
import type { Executor } from '../../platform/db/database.js';
import { canonicalJson, type CanonicalValue } from '../../../common/disclosures/canonical.js';
import { maskName } from '../../../common/masking.js';
import * as repo from './repo.js';
import * as funds from './repo-funds.js';
import type { EntryRow, PublicationRow } from './repo.js';

/**
 * The hash chain of a village's published versions (DESIGN §5). Each version
 * is written as a canonical JSON document — the publication, the snapshot of
 * the funds it refers to and its entries in a fixed order (seq, then id) —
 * that also holds the chain position and the previous version's hash, and
 * its hash is SM3 (GB/T 32905, the national standard hash) of those bytes.
 * Changing any published row, or taking one out, breaks every hash from
 * there on. A person's name (a 低保 recipient) is not in the public document:
 * it holds the masked name and an SM3 commitment to the full name with a
 * per-entry salt kept in the database, so the document can be published
 * and the name still cannot be changed unnoticed.
 */
export const HASH_ALGORITHM = 'SM3' as const;

export function sm3(text: string): string {
  return crypto.createHash('sm3').update(text, 'utf8').digest('hex');
}

export function counterpartyCommitment(salt: string, name: string): string {
  return sm3(`${salt}|${name}`);
}

export interface ChainPosition {
  seq: number;
  prevHash: string | null;
}

export function canonicalDocument(
  p: Pick<PublicationRow, 'id' | 'series_id' | 'region_code' | 'period' | 'kind' | 'version' | 'title' | 'body' | 'previous_id' | 'correction_reason' | 'due_on'> & { published_at: Date },
  position: ChainPosition,
  fundSnapshots: funds.FundSnapshotRow[],
  entries: EntryRow[],
  attachmentHashes: Map<string, string>,
): string {
  const doc: CanonicalValue = {
    algorithm: HASH_ALGORITHM,
    schema: 1,
    chain: { seq: position.seq, prevHash: position.prevHash },
    publication: {
      id: p.id,
      seriesId: p.series_id,
      regionCode: p.region_code,
      period: p.period,
      kind: p.kind,
      version: p.version,
      title: p.title,
      body: p.body,
      previousId: p.previous_id,
      correctionReason: p.correction_reason,
      dueOn: p.due_on,
      publishedAt: p.published_at.toISOString(),
    },
    funds: [...fundSnapshots]
      .sort((a, b) => a.fund_id.localeCompare(b.fund_id))
      .map((f) => ({
        fundId: f.fund_id,
        code: f.code,
        name: f.name,
        kind: f.kind,
        purpose: f.purpose,
        approvedFen: f.approved_fen,
        approvalDocument: f.approval_document,
        status: f.status,
        gapExplanation: f.gap_explanation,
        balanceDisposition: f.balance_disposition,
        decisionId: f.decision_id,
        decisionTitle: f.decision_title,
        decisionSteps: [...f.decision_steps].sort(),
      })),
    entries: [...entries]
      .sort((a, b) => a.seq - b.seq || a.id.localeCompare(b.id))
      .map((e) => {
        const person = e.counterparty_kind === 'person';
        return {
          id: e.id,
          seq: e.seq,
          date: e.entry_date,
          voucherNo: e.voucher_no,
          direction: e.direction,
          amountFen: e.amount_fen,
          counterparty: person ? maskName(e.counterparty) : e.counterparty,
          counterpartyCommitment: person ? counterpartyCommitment(e.counterparty_salt, e.counterparty) : null,
          counterpartyKind: e.counterparty_kind,
          purpose: e.purpose,
          fundId: e.fund_id,
          toFundId: e.to_fund_id,
          approvers: e.approvers,
          paymentMethod: e.payment_method,
          decisionId: e.decision_id,
          attachments: e.attachment_ids.map((id) => attachmentHashes.get(id) ?? `missing:${id}`),
        };
      }),
  };
  return canonicalJson(doc);
}

/** The canonical document of a published version, rebuilt from its rows as they are now. */
export async function rebuildCanonical(db: Executor, p: PublicationRow): Promise<string> {
  const [entries, snapshots] = await Promise.all([repo.entriesOf(db, p.id), funds.fundSnapshotsOf(db, [p.id])]);
  const attachments = await repo.attachmentsByIds(db, entries.flatMap((e) => e.attachment_ids));
  return canonicalDocument(
    { ...p, published_at: p.published_at! },
    { seq: p.chain_seq!, prevHash: p.prev_hash },
    snapshots,
    entries,
    new Map([...attachments].map(([id, a]) => [id, a.sha256])),
  );
}

export interface ChainCheck {
  regionCode: string;
  versions: number;
  intact: boolean;
  brokenAt: number | null;
  publicationId: string | null;
  reason: string | null;
}

/** Recomputes a village's chain from its rows; the first broken link is named. */
export async function verifyVillageChain(db: Executor, regionCode: string): Promise<ChainCheck> {
  const rows = await repo.chainOf(db, regionCode);
  const head = await db.selectFrom('disclosure_chain_heads').select(['seq', 'hash']).where('region_code', '=', regionCode).executeTakeFirst();
  let prev: string | null = null;
  const broken = (i: number, p: PublicationRow | null, reason: string): ChainCheck => ({
    regionCode,
    versions: rows.length,
    intact: false,
    brokenAt: i,
    publicationId: p?.id ?? null,
    reason,
  });
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i];
    const label = `${p.period} ${p.kind} v${p.version}`;
    if (p.chain_seq !== i + 1) return broken(i + 1, p, `sequence: expected #${i + 1}, found #${p.chain_seq} (${label}); a version is missing`);
    if (p.prev_hash !== prev) return broken(i + 1, p, `link: ${label} does not point at the hash of #${i}`);
    const recomputed = sm3(await rebuildCanonical(db, p));
    if (recomputed !== p.hash) return broken(i + 1, p, `content: ${label} was changed after publication (stored ${p.hash}, recomputed ${recomputed})`);
    prev = p.hash;
  }
  if ((head?.seq ?? 0) !== rows.length || (rows.length > 0 && head?.hash !== prev)) {
    return broken(rows.length + 1, null, `head: the chain head says #${head?.seq ?? 0}, but ${rows.length} versions are stored; a version was removed`);
  }
  return { regionCode, versions: rows.length, intact: true, brokenAt: null, publicationId: null, reason: null };
}
