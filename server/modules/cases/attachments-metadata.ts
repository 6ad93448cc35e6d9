/**
 * Strips metadata from photos before they are stored: a phone's photo
 * carries where it was taken (EXIF GPS), when, on which device, and often the
 * owner's name (XMP, IPTC, text chunks). Residents' photos are read by
 * cadres and, for public cases, by anyone: none of that may travel with them.
 *
 * No maintained pure-JS library does this for JPEG, PNG and WebP without
 * decoding and re-encoding the image (which would also cost quality and
 * time), so this is a small container-level stripper: the pixels are copied
 * byte for byte, only metadata segments/chunks are left out.
 *
 * - JPEG: APP1 (Exif, XMP), APP3–APP13 (incl. APP13 Photoshop/IPTC), APP15
 *   and COM are dropped; APP0 (JFIF), APP2 (ICC colour profile) and APP14
 *   (Adobe colour transform) are kept because they change how pixels look.
 *   The EXIF Orientation goes too: a sideways photo stays sideways (handlers
 *   can still read it).
 * - PNG: eXIf, tEXt, iTXt, zTXt and tIME chunks are dropped.
 * - WebP: EXIF and XMP chunks are dropped and the VP8X flags cleared.
 *
 * A file whose structure does not parse is refused (the caller answers 400).
 */

export class MalformedImage extends Error {}

const KEEP_APP = new Set([0xe0, 0xe2, 0xee]);

export function stripJpeg(bytes: Buffer): Buffer {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new MalformedImage('not a JPEG');
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let i = 2;
  for (;;) {
    if (i + 4 > bytes.length) throw new MalformedImage('truncated JPEG header');
    if (bytes[i] !== 0xff) throw new MalformedImage('JPEG marker expected');
    let j = i;
    while (bytes[j + 1] === 0xff) j += 1; // fill bytes
    const marker = bytes[j + 1]!;
    if (marker === 0xd9) {
      // EOI before any scan: nothing to show.
      throw new MalformedImage('JPEG without image data');
    }
    const length = bytes.readUInt16BE(j + 2);
    if (length < 2 || j + 2 + length > bytes.length) throw new MalformedImage('bad JPEG segment length');
    const end = j + 2 + length;
    if (marker === 0xda) {
      // Start of scan: the compressed pixels (and any later markers within) are copied as they are.
      parts.push(bytes.subarray(j, bytes.length));
      return Buffer.concat(parts);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const drop = (isApp && !KEEP_APP.has(marker)) || marker === 0xfe;
    if (!drop) parts.push(bytes.subarray(j, end));
    i = end;
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

export function stripPng(bytes: Buffer): Buffer {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new MalformedImage('not a PNG');
  const parts: Buffer[] = [bytes.subarray(0, 8)];
  let i = 8;
  for (;;) {
    if (i + 12 > bytes.length) throw new MalformedImage('truncated PNG chunk');
    const length = bytes.readUInt32BE(i);
    const type = bytes.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > bytes.length) throw new MalformedImage('bad PNG chunk length');
    if (!PNG_DROP.has(type)) parts.push(bytes.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
}

export function stripWebp(bytes: Buffer): Buffer {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') throw new MalformedImage('not a WebP');
  const riffEnd = Math.min(bytes.length, 8 + bytes.readUInt32LE(4));
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= riffEnd) {
    const fourcc = bytes.toString('latin1', i, i + 4);
    const size = bytes.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > riffEnd) throw new MalformedImage('bad WebP chunk size');
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') {
      const chunk = Buffer.from(bytes.subarray(i, Math.min(end, riffEnd)));
      // VP8X flags: bit 3 = EXIF present, bit 2 = XMP present.
      if (fourcc === 'VP8X' && size >= 1) chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    }
    i = end;
  }
  if (!chunks.length) throw new MalformedImage('WebP without image data');
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** The photo without its metadata (throws MalformedImage when the container does not parse). */
export function stripMetadata(bytes: Buffer, type: 'image/jpeg' | 'image/png' | 'image/webp'): Buffer {
  if (type === 'image/jpeg') return stripJpeg(bytes);
  if (type === 'image/png') return stripPng(bytes);
  return stripWebp(bytes);
}
