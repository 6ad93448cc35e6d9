import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { buildWorld, fileCase, type World } from './test-helpers.js';
import { MalformedImage, stripJpeg, stripPng, stripWebp } from './attachments-metadata.js';

/**
 * Photos lose their metadata before they are stored: a real JPEG (CPython's
 * 16×16 test image) given an EXIF block with GPS coordinates, an XMP packet
 * and a comment comes back byte for byte as the clean original; the same for
 * PNG text/eXIf chunks and WebP EXIF/XMP chunks; through the API, the stored
 * and served bytes carry no GPS.
 */

const CLEAN_JPEG = Buffer.from('/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z', 'base64');
const CLEAN_WEBP = Buffer.from('UklGRqgBAABXRUJQVlA4WAoAAAAQAAAADwAADwAAQUxQSMMAAAABJ6KokSTleucYX+ffKpmImP90cY3gJjDi4Yt3MsjBEVyDKzDosHgVjnhRNcEIDAJPkqBqsFUZHNa2bUYvTsZ2PLbtd/uvKa4hov9J0f2PkPe6REkkGzolkTTzFG0Ox9PlFiD0CxS+kOGDtxoynjaCfx0pfk52CPuInrOR75lzRugygtv4zEiy90UwfSD9NheMITJWLaXWayO8XeOlWRXVnIGk2W6WdYoYMQ+KqixQNPowgt+6a1BSKbUtz+lUFAoBAAAAVlA4IL4AAACQAgCdASoQABAAAwA0JbACdDBPCIUMfAMdCCz96AD+/XSg/QKbH4r3Q3ycN/bSDK/T/zVo4u6nvclvG/SqxWOuup+XhN9BojvaW+Tv+MvxvX/hr/o/5Qns9LtmX/+qKdl/yWznhuasl7nkxvSTI4xf3Y85VSB/lU/8Ofj/b9JrA+ifvIOYZm2x1RP/dhfmsf5diuSfR7+z+r/+HR3zEo/+XM/B+vkYw73Pzx+ROaAB/ZoBSzEs3rzZe6qsAAAA', 'base64');
const CLEAN_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

/** A little-endian TIFF (EXIF) block whose IFD0 points to a GPS IFD: 27°49'30"N 113°8'24"E (株洲). */
function exifWithGps(): Buffer {
  const b = Buffer.alloc(128);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  // IFD0: one entry, GPSInfo (0x8825) → GPS IFD at 26.
  b.writeUInt16LE(1, 8);
  b.writeUInt16LE(0x8825, 10);
  b.writeUInt16LE(4, 12); // LONG
  b.writeUInt32LE(1, 14);
  b.writeUInt32LE(26, 18);
  b.writeUInt32LE(0, 22);
  // GPS IFD: 4 entries at 26 (2 + 4×12 + 4 = 54 bytes → data at 80).
  const entry = (at: number, tag: number, type: number, count: number, value: number | string) => {
    b.writeUInt16LE(tag, at);
    b.writeUInt16LE(type, at + 2);
    b.writeUInt32LE(count, at + 4);
    if (typeof value === 'string') b.write(value, at + 8, 'latin1');
    else b.writeUInt32LE(value, at + 8);
  };
  b.writeUInt16LE(4, 26);
  entry(28, 0x0001, 2, 2, 'N\0');
  entry(40, 0x0002, 5, 3, 80);
  entry(52, 0x0003, 2, 2, 'E\0');
  entry(64, 0x0004, 5, 3, 104);
  b.writeUInt32LE(0, 76);
  const rationals = (at: number, values: [number, number][]) => values.forEach(([n, d], k) => (b.writeUInt32LE(n, at + k * 8), b.writeUInt32LE(d, at + k * 8 + 4)));
  rationals(80, [[27, 1], [49, 1], [3000, 100]]);
  rationals(104, [[113, 1], [8, 1], [2400, 100]]);
  return b;
}

const segment = (marker: number, payload: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};

/** The clean JPEG with APP1 Exif (GPS), APP1 XMP, APP13 IPTC and a comment inserted after APP0. */
function jpegWithGps(): Buffer {
  const app0End = 2 + 2 + CLEAN_JPEG.readUInt16BE(4);
  return Buffer.concat([
    CLEAN_JPEG.subarray(0, app0End),
    segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifWithGps()])),
    segment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>27,49.5N</exif:GPSLatitude></x:xmpmeta>', 'utf8')),
    segment(0xed, Buffer.from('Photoshop 3.0\0 8BIM city 株洲', 'utf8')),
    segment(0xfe, Buffer.from('拍摄者 张三 13907331001', 'utf8')),
    CLEAN_JPEG.subarray(app0End),
  ]);
}

const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
};

const hasGps = (bytes: Buffer) => bytes.includes(Buffer.from('Exif\0\0', 'latin1')) || bytes.includes(Buffer.from([0x25, 0x88])) || bytes.includes(Buffer.from('GPS'));

describe('the stripper', () => {
  test('a JPEG with GPS EXIF, XMP, IPTC and a comment comes back as the clean original', () => {
    const dirty = jpegWithGps();
    assert.ok(hasGps(dirty), 'the fixture carries GPS');
    const clean = stripJpeg(dirty);
    assert.ok(!hasGps(clean));
    assert.ok(!clean.includes(Buffer.from('张三', 'utf8')));
    assert.ok(clean.equals(CLEAN_JPEG), 'pixels and colour segments are untouched');
  });

  test('PNG eXIf and text chunks go, the image chunks stay', () => {
    const iend = CLEAN_PNG.length - 12;
    const dirty = Buffer.concat([
      CLEAN_PNG.subarray(0, iend),
      pngChunk('eXIf', exifWithGps()),
      pngChunk('tEXt', Buffer.from('GPS\0' + '27.825,113.14', 'latin1')),
      pngChunk('iTXt', Buffer.from('Author\0\0\0\0\0张三', 'utf8')),
      CLEAN_PNG.subarray(iend),
    ]);
    assert.ok(stripPng(dirty).equals(CLEAN_PNG));
  });

  test('WebP EXIF and XMP chunks go, the VP8X flags are cleared and the RIFF size fixed', () => {
    const exif = Buffer.concat([Buffer.from('EXIF', 'latin1'), Buffer.alloc(4), exifWithGps()]);
    exif.writeUInt32LE(exifWithGps().length, 4);
    const xmpBody = Buffer.from('<x:xmpmeta>GPS</x:xmpmeta>', 'utf8');
    const xmp = Buffer.concat([Buffer.from('XMP ', 'latin1'), Buffer.alloc(4), xmpBody, Buffer.alloc(xmpBody.length % 2)]);
    xmp.writeUInt32LE(xmpBody.length, 4);
    const dirty = Buffer.concat([CLEAN_WEBP, exif, xmp]);
    dirty.writeUInt32LE(dirty.length - 8, 4);
    dirty[20] = dirty[20]! | 0x0c; // VP8X: EXIF and XMP present
    const clean = stripWebp(dirty);
    assert.ok(!hasGps(clean));
    assert.equal(clean.readUInt32LE(4), clean.length - 8);
    assert.equal(clean[20]! & 0x0c, 0);
    assert.ok(clean.equals(CLEAN_WEBP));
  });

  test('a broken container is refused, not stored half-stripped', () => {
    assert.throws(() => stripJpeg(jpegWithGps().subarray(0, 40)), MalformedImage);
    assert.throws(() => stripJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0x00])), MalformedImage);
    assert.throws(() => stripPng(CLEAN_PNG.subarray(0, 20)), MalformedImage);
    assert.throws(() => stripWebp(Buffer.concat([Buffer.from('RIFF\x04\x00\x00\x00WEBP', 'latin1')])), MalformedImage);
  });
});

describe('through the API', () => {
  let t: TestApp;
  let w: World;
  before(async () => {
    t = await createTestApp({ config: { logLevel: 'error' } });
    w = await buildWorld(t);
  });
  after(() => t.close());

  const upload = (headers: Record<string, string>, id: string, bytes: Buffer, name: string) => {
    const boundary = '----lx' + Math.random().toString(16).slice(2);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({ method: 'POST', url: `/api/cases/${id}/attachments`, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  };

  test('a phone photo with GPS is stored and served without it', async () => {
    const c = await fileCase(t, w.people.residentA);
    const res = await upload(w.people.residentA.headers, c.id, jpegWithGps(), '现场.jpg');
    assert.equal(res.statusCode, 200, res.body);
    const a = res.json().attachments[0];
    assert.equal(a.contentType, 'image/jpeg');
    const stored = await t.db.selectFrom('case_attachment_blobs').select('bytes').where('attachment_id', '=', a.id).executeTakeFirstOrThrow();
    assert.ok(!hasGps(stored.bytes));
    assert.ok(stored.bytes.equals(CLEAN_JPEG));
    const row = await t.db.selectFrom('case_attachments').select(['size_bytes']).where('id', '=', a.id).executeTakeFirstOrThrow();
    assert.equal(row.size_bytes, CLEAN_JPEG.length);
    const got = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/attachments/${a.id}`, headers: w.people.cadreA.headers });
    assert.equal(got.statusCode, 200);
    assert.ok(got.rawPayload.equals(CLEAN_JPEG));
  });

  test('a file that only starts like a JPEG is a 400 naming the field', async () => {
    const c = await fileCase(t, w.people.residentA);
    const res = await upload(w.people.residentA.headers, c.id, Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0, 1, 2]), 'x.jpg');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'file');
  });
});
