import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { projectRoot } from '../../platform/runtime.js';
import { api, buildWorld, draft, addEntries, makeFunds, publish, V, type World } from './test-helpers.js';

let t: TestApp;
let w: World;
let a: ReturnType<typeof api>;
const ids: string[] = [];

const verifyCli = (region: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'disclosures', 'verify', '--region', region], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 120_000,
  });

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  a = api(t);
  const f = await makeFunds(t, w.people.cadreA, V.villageA, [
    { code: 'JF', name: '村级经费', kind: 'general' },
    { code: 'DB', name: '低保资金', kind: 'livelihood' },
  ]);
  for (const period of ['2026-08', '2026-09']) {
    const id = await draft(t, w.people.cadreA, V.villageA, period);
    await addEntries(t, w.people.cadreA, id, [
      { entryDate: `${period}-05`, voucherNo: `记-${period}-1`, direction: 'income', amountFen: 1_000_000, counterparty: '朱亭镇财政所', purpose: '运转经费', fundId: f.JF },
      { entryDate: `${period}-09`, voucherNo: `记-${period}-2`, direction: 'expense', amountFen: 69_000, counterparty: '谭德明', purpose: '低保', fundId: f.DB },
    ]);
    await publish(t, w.people.cadreA, w.people.supervisorA, id);
    ids.push(id);
  }
  const v2 = (await a.post(`/api/disclosures/publications/${ids[1]}/corrections`, w.people.cadreA, { reason: '补录一笔电费' })).json().id;
  await addEntries(t, w.people.cadreA, v2, [{ entryDate: '2026-09-20', voucherNo: '记-2026-09-3', direction: 'expense', amountFen: 35_680, counterparty: '国网朱亭供电所', purpose: '电费', fundId: f.JF }]);
  await publish(t, w.people.cadreA, w.people.supervisorA, v2);
  ids.push(v2);
});
after(() => t.close());

describe('the SM3 hash chain', () => {
  test('400/404 for a bad or unknown village; the chain is public and links every version to the one before', async () => {
    assert.equal((await a.get('/api/disclosures/villages/4302/chain')).statusCode, 400);
    assert.equal((await a.get('/api/disclosures/villages/430212101299/chain')).statusCode, 404);
    const chain = (await a.get(`/api/disclosures/villages/${V.villageA}/chain?verify=true`)).json();
    assert.equal(chain.algorithm, 'SM3');
    assert.deepEqual(chain.items.map((l: { seq: number; publicationId: string }) => [l.seq, l.publicationId]), ids.map((id, i) => [i + 1, id]));
    assert.equal(chain.items[0].prevHash, null);
    assert.equal(chain.items[1].prevHash, chain.items[0].hash);
    assert.equal(chain.items[2].prevHash, chain.items[1].hash);
    assert.deepEqual(chain.verified, { intact: true, brokenAt: null, reason: null });
  });
  test('anyone can hash the canonical document with SM3 and get the published hash; a person’s name is only masked and committed to', async () => {
    const doc = (await a.get(`/api/disclosures/publications/${ids[0]}/canonical`)).json();
    assert.equal(crypto.createHash('sm3').update(doc.canonical, 'utf8').digest('hex'), doc.hash);
    assert.equal(doc.hash, (await a.get(`/api/disclosures/publications/${ids[0]}`)).json().chain.hash);
    assert.doesNotMatch(doc.canonical, /谭德明/);
    assert.match(doc.canonical, /谭\*明/);
    assert.match(doc.canonical, /"counterpartyCommitment":"[0-9a-f]{64}"/);
    const parsed = JSON.parse(doc.canonical);
    assert.deepEqual(Object.keys(parsed), [...Object.keys(parsed)].sort(), 'keys are sorted');
    assert.deepEqual(parsed.entries.map((e: { seq: number }) => e.seq), [1, 2], 'entries in their fixed order');
  });
  test('the canonical document of a draft is a 409, of an unknown id a 404', async () => {
    const d = await draft(t, w.people.cadreA, V.villageA, '2026-10');
    assert.equal((await a.get(`/api/disclosures/publications/${d}/canonical`, w.people.cadreA)).statusCode, 409);
    assert.equal((await a.get('/api/disclosures/publications/00000000-0000-4000-8000-000000000000/canonical')).statusCode, 404);
  });
  test('the CLI verifies an intact chain with exit code 0', () => {
    const run = verifyCli(V.villageA);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /intact: 1 villages, 3 published versions/);
  });
  test('a row changed behind the application’s back (triggers switched off) breaks the chain at that version; the CLI exits non-zero naming it', async () => {
    await t.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await trx.updateTable('disclosure_entries').set({ amount_fen: 6_900 }).where('publication_id', '=', ids[1]).where('voucher_no', '=', '记-2026-09-2').execute();
    });
    const chain = (await a.get(`/api/disclosures/villages/${V.villageA}/chain?verify=true`)).json();
    assert.equal(chain.verified.intact, false);
    assert.equal(chain.verified.brokenAt, 2);
    assert.match(chain.verified.reason, /2026-09 finance v1 was changed/);
    const run = verifyCli(V.villageA);
    assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stderr, new RegExp(`chain broken at #2 \\(publication ${ids[1]}\\)`));
  });
  test('a masked name changed in the database is caught through its commitment', async () => {
    await t.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await trx.updateTable('disclosure_entries').set({ amount_fen: 69_000 }).where('publication_id', '=', ids[1]).where('voucher_no', '=', '记-2026-09-2').execute();
      await trx.updateTable('disclosure_entries').set({ counterparty: '谭德光' }).where('publication_id', '=', ids[0]).where('voucher_no', '=', '记-2026-08-2').execute();
    });
    const chain = (await a.get(`/api/disclosures/villages/${V.villageA}/chain?verify=true`)).json();
    assert.equal(chain.verified.brokenAt, 1);
  });
});
