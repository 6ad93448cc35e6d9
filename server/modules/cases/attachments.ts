import crypto from 'node:crypto';
import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { badRequest, conflict, forbidden, unauthorized } from '../../platform/errors.js';
import { isFinal } from '../../../common/cases/states.js';
import { canAttach, canView } from './policy.js';
import * as repo from './repo.js';
import { announce } from './notify.js';
import { getCase } from './reading.js';
import { caseNotFound, eventRow } from './transition-kit.js';
import { MalformedImage, stripMetadata } from './attachments-metadata.js';

/**
 * Photos of a case (the requester's evidence, the unit's result). The type
 * is decided from the bytes, never from what the client claims, and the
 * metadata (EXIF GPS, XMP …) is stripped before the bytes are stored.
 */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS_PER_CASE = 9;

export function sniffImageType(bytes: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

function cleanFileName(name: string | undefined, type: string): string {
  const base = (name ?? '').replace(/[\\/\u0000-\u001f"]/g, '').trim().slice(-100);
  return base || `photo.${type.split('/')[1]}`;
}

/** `POST /cases/:id/attachments` (multipart, one file in field `file`). */
export async function addAttachment(ctx: ServiceContext, caseId: string, file: { fileName: string | undefined; bytes: Buffer } | null) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  if (!file || file.bytes.length === 0) throw badRequest('cases.attachment_missing', 'file');
  const type = sniffImageType(file.bytes);
  if (!type) throw badRequest('cases.attachment_type', 'file');
  if (file.bytes.length > MAX_PHOTO_BYTES) throw badRequest('cases.attachment_too_large', 'file');
  // Where and with what it was taken never leaves the phone's photo for our storage (attachments-metadata.ts).
  let bytes: Buffer;
  try {
    bytes = stripMetadata(file.bytes, type);
  } catch (error) {
    if (error instanceof MalformedImage) throw badRequest('cases.attachment_type', 'file');
    throw error;
  }

  await ctx.db.transaction().execute(async (trx) => {
    const c = await repo.lockCase(trx, caseId);
    if (!c || !canView(actor, c, await repo.isFollowing(trx, caseId, actor.userId))) throw caseNotFound();
    if (!canAttach(actor, c)) throw forbidden();
    if (isFinal(c.status)) throw conflict('cases.finished');
    if ((await repo.countAttachments(trx, c.id)) >= MAX_PHOTOS_PER_CASE) throw conflict('cases.attachment_limit', 'file');
    const now = ctx.clock.now();
    const fileName = cleanFileName(file.fileName, type);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const id = await repo.insertAttachment(
      trx,
      { case_id: c.id, file_name: fileName, content_type: type, size_bytes: bytes.length, sha256, uploaded_by: actor.userId, created_at: now },
      bytes,
    );
    await repo.updateCase(trx, c.id, { updated_at: now });
    await repo.appendEvents(trx, [
      eventRow(c, actor, now, { kind: 'attachment_added', from: c.status, to: c.status, visible: true, data: { attachmentId: id, fileName } }),
    ]);
    await audit(trx, ctx, { action: 'case.attach', targetType: 'case', targetId: c.id, after: { attachmentId: id, sizeBytes: bytes.length, sha256 } });
    await announce(trx, c, 'case.attachment');
  });
  return getCase(ctx, caseId);
}

/** `GET /cases/:id/attachments/:attachmentId`: the bytes, to those who may see the case. */
export async function readAttachment(ctx: ServiceContext, caseId: string, attachmentId: string) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const c = await repo.findCase(ctx.db, caseId);
  if (!c || !canView(actor, c, await repo.isFollowing(ctx.db, caseId, actor.userId))) throw caseNotFound();
  const a = await repo.findAttachment(ctx.db, caseId, attachmentId);
  if (!a) throw caseNotFound();
  return { fileName: a.file_name, contentType: a.content_type, bytes: a.bytes };
}
