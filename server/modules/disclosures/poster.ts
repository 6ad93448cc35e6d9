import fs from 'node:fs';
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { DIRECTION_LABELS, KIND_LABELS } from '../../../common/disclosures/kinds.js';
import { formatFen } from '../../../common/disclosures/money.js';
import { shanghaiDate } from '../../../common/disclosures/periods.js';
import { maskName } from '../../../common/masking.js';
import * as repo from './repo.js';
import { requireReadable, requireStatus } from './access.js';
import { publicationFacts } from './reading.js';

/**
 * The A3 poster of a publication for the village notice board (DESIGN §5):
 * in Chinese, with the totals, where every fund's money went, as many
 * entries as fit, and a QR code to the online version (full ledger, earlier
 * versions, comments, reporting). People's names are masked as in any
 * public view. The Chinese font comes from the system (Debian's
 * fonts-noto-cjk; `LIANXIN_CJK_FONT` to use another file).
 */
export const CJK_FONT = process.env.LIANXIN_CJK_FONT || '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const CJK_FAMILY = process.env.LIANXIN_CJK_FONT_FAMILY || 'NotoSansCJKsc-Regular';

/** The web page a poster's QR code opens. */
export const publicationUrl = (baseUrl: string, id: string) => `${baseUrl.replace(/\/$/, '')}/disclosures/publications/${id}`;

let fontBytes: Buffer | null = null;
function font(): Buffer {
  if (fontBytes) return fontBytes;
  if (!fs.existsSync(CJK_FONT)) throw new AppError(503, 'font_missing', 'disclosures.font_missing');
  fontBytes = fs.readFileSync(CJK_FONT);
  return fontBytes;
}

export async function posterPdf(ctx: ServiceContext, id: string, baseUrl: string): Promise<{ fileName: string; bytes: Buffer }> {
  const p = await requireReadable(ctx.db, ctx.actor, id);
  requireStatus(p, 'published', ctx.lang);
  const fontData = font();
  // Loaded on first use, so that start-up does not pay for them.
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import('pdfkit'), import('qrcode')]);
  const latestId = (await repo.latestIdsOfSeries(ctx.db, [p.series_id])).get(p.series_id) ?? p.id;
  const facts = await publicationFacts(ctx.db, p, latestId);
  const entries = await repo.entriesOf(ctx.db, p.id);
  const url = publicationUrl(baseUrl, p.id);
  const qr = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 360, errorCorrectionLevel: 'M' });

  const doc = new PDFDocument({ size: 'A3', margin: 48, info: { Title: `${facts.village.name}${p.period}${KIND_LABELS[p.kind]['zh-CN']}`, Author: '连心 Lianxin' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('cjk', fontData, CJK_FAMILY);
  doc.font('cjk');
  const W = doc.page.width - 96;
  const left = 48;

  const kind = KIND_LABELS[p.kind]['zh-CN'];
  const [year, month] = p.period.split('-');
  doc.fontSize(34).text(`${facts.village.name}${year}年${Number(month)}月${kind}`, left, 48, { width: W, align: 'center' });
  doc.moveDown(0.3);
  const place = facts.village.path.slice(1, -1).map((x) => x.name).join(' ');
  doc.fontSize(14).fillColor('#333').text(`${place}　第 ${p.version} 版　公开日期 ${shanghaiDate(p.published_at!)}　应公开日期 ${p.due_on}${facts.late ? '（逾期）' : ''}`, { width: W, align: 'center' });
  if (p.correction_reason) doc.fillColor('#a00').text(`更正说明：${p.correction_reason}`, { width: W, align: 'center' });
  doc.fillColor('#000').moveDown(0.8);

  const t = facts.totals;
  doc.fontSize(18).text(`本期收入 ${formatFen(t.incomeFen)} 元　　本期支出 ${formatFen(t.expenseFen)} 元　　内部调拨 ${formatFen(t.transferFen)} 元　　共 ${t.entryCount} 笔`, { width: W, align: 'center' });
  doc.moveDown(0.8);
  if (p.body.trim()) {
    doc.fontSize(13).text(p.body.trim().slice(0, 600), { width: W });
    doc.moveDown(0.6);
  }

  const table = (title: string, headers: string[], widths: number[], rows: string[][], maxY: number) => {
    doc.fontSize(16).text(title, left, doc.y, { width: W });
    doc.moveDown(0.2);
    const rowHeight = 20;
    const draw = (cells: string[], bold: boolean) => {
      const y = doc.y;
      let x = left;
      doc.fontSize(bold ? 12 : 11).fillColor(bold ? '#000' : '#222');
      cells.forEach((c, i) => {
        doc.text(c, x + 2, y + 4, { width: widths[i] - 4, height: rowHeight - 4, lineBreak: false, ellipsis: true });
        x += widths[i];
      });
      doc.moveTo(left, y + rowHeight).lineTo(left + W, y + rowHeight).lineWidth(0.5).strokeColor('#999').stroke();
      doc.x = left;
      doc.y = y + rowHeight;
    };
    draw(headers, true);
    let shown = 0;
    for (const r of rows) {
      if (doc.y + rowHeight > maxY) break;
      draw(r, false);
      shown++;
    }
    doc.fillColor('#000').moveDown(0.6);
    return shown;
  };

  const scale = (ws: number[]) => ws.map((w) => (w * W) / ws.reduce((a, b) => a + b, 0));
  table(
    '资金（项目）收支与去向',
    ['资金（项目）', '批准金额', '本期收入', '本期支出', '用于/转入其他项目', '累计支出', '结余'],
    scale([3, 1.3, 1.3, 1.3, 3, 1.3, 1.3]),
    facts.funds.map((f) => [
      f.name,
      formatFen(f.approvedFen),
      formatFen(f.period.receivedFen),
      formatFen(f.period.spentFen),
      f.toDate.movedOut.map((m) => `${m.name} ${formatFen(m.amountFen)}`).join('；') || '—',
      formatFen(f.toDate.spentFen),
      formatFen(f.toDate.balanceFen),
    ]),
    doc.page.height - 420,
  );

  const names = new Map(facts.funds.map((f) => [f.id, f.name]));
  const bottom = doc.page.height - 260;
  const shown = table(
    '收支明细',
    ['日期', '凭证号', '收支', '金额（元）', '对方', '摘要', '资金（项目）'],
    scale([1.3, 1.3, 0.7, 1.4, 1.6, 3.2, 2]),
    entries.map((e) => [
      e.entry_date,
      e.voucher_no,
      DIRECTION_LABELS[e.direction]['zh-CN'],
      formatFen(e.amount_fen),
      e.counterparty_kind === 'person' ? maskName(e.counterparty) : e.counterparty,
      e.purpose,
      `${names.get(e.fund_id) ?? ''}${e.to_fund_id ? ` → ${names.get(e.to_fund_id) ?? ''}` : ''}`,
    ]),
    bottom,
  );
  if (shown < entries.length) doc.fontSize(12).fillColor('#a00').text(`另有 ${entries.length - shown} 笔明细未列出，请扫描右下角二维码查看完整台账。`, left, doc.y, { width: W }).fillColor('#000');

  const qrSize = 170;
  const qrY = doc.page.height - 48 - qrSize;
  doc.image(qr, left + W - qrSize, qrY, { width: qrSize });
  doc.fontSize(13).text('扫码查看完整公开、历史版本和群众留言；对公开内容有疑问，可留言或向镇纪委实名/匿名举报。', left, qrY + 10, { width: W - qrSize - 20 });
  doc.moveDown(0.5);
  doc.fontSize(10).fillColor('#555').text(`防篡改存证：第 ${p.chain_seq} 号，SM3 ${p.hash}`, { width: W - qrSize - 20 });
  doc.text(url, { width: W - qrSize - 20 });
  doc.end();
  await done;
  return { fileName: `${facts.village.name}-${p.period}-${p.kind}-v${p.version}.pdf`, bytes: Buffer.concat(chunks) };
}
