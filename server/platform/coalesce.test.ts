import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coalescer, coalescerPerDatabase } from './coalesce.js';

/** A batch function whose batches finish when the test says so. */
function controlled<K, V>(answer: (k: K) => V | Error) {
  const batches: { keys: K[]; finish: () => void }[] = [];
  const batch = (keys: readonly K[]) =>
    new Promise<(V | Error)[]>((resolve) => {
      batches.push({ keys: [...keys], finish: () => resolve(keys.map(answer)) });
    });
  return { batches, batch };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('coalescer', () => {
  it('sends calls made together as one batch, each answered with its own value', async () => {
    const c = controlled((k: number) => k * 10);
    const load = coalescer(c.batch);
    const answers = Promise.all([load(1), load(2), load(3)]);
    await tick();
    assert.deepEqual(c.batches.map((b) => b.keys), [[1, 2, 3]]);
    c.batches[0]!.finish();
    assert.deepEqual(await answers, [10, 20, 30]);
  });

  it('never lets a call join a batch that already started, and keeps to maxInFlight', async () => {
    const c = controlled((k: string) => k.toUpperCase());
    const load = coalescer(c.batch, { maxInFlight: 1 });
    const first = load('a');
    await tick();
    assert.equal(c.batches.length, 1);
    // Asked while 'a' is in flight: waits, and leaves together as the next batch.
    const later = [load('b'), load('c')];
    await tick();
    assert.equal(c.batches.length, 1, 'no second batch while one is in flight');
    c.batches[0]!.finish();
    assert.equal(await first, 'A');
    await tick();
    assert.deepEqual(c.batches.map((b) => b.keys), [['a'], ['b', 'c']]);
    c.batches[1]!.finish();
    assert.deepEqual(await Promise.all(later), ['B', 'C']);
  });

  it('runs up to maxInFlight batches at once', async () => {
    const c = controlled((k: number) => k);
    const load = coalescer(c.batch, { maxInFlight: 2 });
    const a = load(1);
    await tick();
    const b = load(2);
    await tick();
    const d = load(3);
    await tick();
    assert.deepEqual(c.batches.map((x) => x.keys), [[1], [2]]);
    c.batches[1]!.finish();
    assert.equal(await b, 2);
    await tick();
    assert.deepEqual(c.batches.map((x) => x.keys), [[1], [2], [3]]);
    c.batches[0]!.finish();
    c.batches[2]!.finish();
    assert.deepEqual(await Promise.all([a, d]), [1, 3]);
  });

  it('rejects only the calls whose answer is an Error, and all of a batch that throws', async () => {
    const load = coalescer(async (keys: readonly number[]) => keys.map((k) => (k < 0 ? new Error(`bad ${k}`) : k)));
    const results = await Promise.allSettled([load(1), load(-1), load(2)]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    const failing = coalescer<number, number>(async () => {
      throw new Error('down');
    });
    const all = await Promise.allSettled([failing(1), failing(2)]);
    assert.ok(all.every((r) => r.status === 'rejected'));
    // A failed batch frees its slot: the next call still runs.
    const after = coalescer<number, number>(async (keys) => keys.map((k) => k));
    assert.equal(await after(5), 5);
  });

  it('cuts batches at maxBatch', async () => {
    const sizes: number[] = [];
    const load = coalescer(
      async (keys: readonly number[]) => {
        sizes.push(keys.length);
        return [...keys];
      },
      { maxBatch: 2, maxInFlight: 5 },
    );
    assert.deepEqual(await Promise.all([1, 2, 3, 4, 5].map(load)), [1, 2, 3, 4, 5]);
    assert.deepEqual(sizes, [2, 2, 1]);
  });

  it('keeps one coalescer per database handle', () => {
    const per = coalescerPerDatabase((_db: object) => coalescer(async (keys: readonly number[]) => [...keys]));
    const a = {};
    const b = {};
    assert.equal(per(a), per(a));
    assert.notEqual(per(a), per(b));
  });
});
