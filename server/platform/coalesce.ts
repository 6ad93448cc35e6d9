import DataLoader from 'dataloader';

/**
 * Under load, many requests run the same small statement at once (the
 * session lookup, the reference version check, the intake write). Each
 * round trip costs far more on this kind of machine than the rows it
 * carries, so a coalescer sends them together: while `maxInFlight` batches
 * are running, new calls wait and leave together as the next batch, as
 * soon as one finishes. When idle a call leaves at once (after the current
 * tick, so calls made together travel together), so a quiet server is no
 * slower. A call never joins a batch that started before it was made, so
 * what a batch reads is at least as new as the call (read-your-writes).
 *
 * Built on DataLoader (batching only; its cache is off: every call reads).
 * The batch function answers one value or one Error per key, in order.
 */
export interface CoalesceOptions {
  maxBatch?: number;
  maxInFlight?: number;
}

export type Coalescer<K, V> = (key: K) => Promise<V>;

export function coalescer<K, V>(batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>, options: CoalesceOptions = {}): Coalescer<K, V> {
  const maxInFlight = options.maxInFlight ?? 1;
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };
  const loader = new DataLoader<K, V>(
    async (keys) => {
      try {
        return await batch(keys);
      } finally {
        release();
      }
    },
    {
      cache: false,
      maxBatchSize: options.maxBatch ?? 200,
      // DataLoader adds the key after scheduling, so a free slot still dispatches on the next tick.
      batchScheduleFn: (dispatch) => {
        if (inFlight < maxInFlight) {
          inFlight++;
          setImmediate(dispatch);
        } else waiting.push(dispatch);
      },
    },
  );
  return (key) => loader.load(key);
}

/** One coalescer per database handle (the pool of each test database its own). */
export function coalescerPerDatabase<D extends object, K, V>(make: (db: D) => Coalescer<K, V>): (db: D) => Coalescer<K, V> {
  const byDb = new WeakMap<D, Coalescer<K, V>>();
  return (db) => {
    let c = byDb.get(db);
    if (!c) byDb.set(db, (c = make(db)));
    return c;
  };
}
