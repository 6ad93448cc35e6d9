/**
 * The day's tracking numbers, handed out from blocks reserved in the
 * database (repo.nextDailySequence: one atomic upsert, so two processes never
 * hand out the same number).
 *
 * A quiet server reserves exactly what it numbers, so its numbers run 0001,
 * 0002 … without gaps. Under load a round trip per intake batch is a
 * visible share of each case's wait, so the allocator keeps a spare block
 * sized to the recent demand (what arrives in about 50 ms, at most 100
 * numbers) and refills it in the background before it runs out. The price:
 * a restart under load leaves the spare unused (a gap), and two processes
 * under load number in interleaved blocks. Tracking numbers promise to be
 * unique and readable over the phone, not dense or ordered across processes.
 */

export type ReserveBlock = (day: string, count: number) => Promise<number>;

/** Spare numbers kept per second of demand (≈ one round trip under load, with margin). */
const SPARE_SECONDS = 0.05;
const MAX_SPARE = 100;
/** Days whose leftover blocks are kept (a clock moved back in a test may return to one). */
const DAYS_KEPT = 4;

interface DayBlocks {
  /** Reserved, not yet handed out: inclusive ranges, oldest first. */
  ranges: [number, number][];
  refill: Promise<void> | null;
}

export class CaseNumberAllocator {
  private readonly days = new Map<string, DayBlocks>();
  private windowStart = 0;
  private takenInWindow = 0;
  private ratePerSecond = 0;

  constructor(
    private readonly reserve: ReserveBlock,
    private readonly monotonicMs: () => number = () => performance.now(),
  ) {}

  /** `count` numbers of `day`, in order; waits for the database only when no reserved block covers them. */
  async take(day: string, count: number): Promise<number[]> {
    this.noteDemand(count);
    const blocks = this.blocksOf(day);
    while (available(blocks) < count) {
      if (!blocks.refill) this.startRefill(day, blocks, count - available(blocks) + this.spare());
      await blocks.refill;
    }
    const numbers = handOut(blocks, count);
    const spare = this.spare();
    if (spare > 0 && available(blocks) < spare / 2 && !blocks.refill) {
      // Ahead of need: a failure here only means the next batch reserves for itself (and sees the error).
      this.startRefill(day, blocks, spare);
      blocks.refill!.catch(() => {});
    }
    return numbers;
  }

  private startRefill(day: string, blocks: DayBlocks, count: number): void {
    blocks.refill = this.reserve(day, count)
      .then((last) => {
        blocks.ranges.push([last - count + 1, last]);
      })
      .finally(() => {
        blocks.refill = null;
      });
  }

  private blocksOf(day: string): DayBlocks {
    let blocks = this.days.get(day);
    if (!blocks) {
      this.days.set(day, (blocks = { ranges: [], refill: null }));
      if (this.days.size > DAYS_KEPT) this.days.delete(this.days.keys().next().value!);
    }
    return blocks;
  }

  /** Cases numbered per second, measured over the last whole second. */
  private noteDemand(count: number): void {
    const now = this.monotonicMs();
    if (now - this.windowStart >= 1000) {
      this.ratePerSecond = now - this.windowStart < 2000 ? this.takenInWindow : 0;
      this.windowStart = now;
      this.takenInWindow = 0;
    }
    this.takenInWindow += count;
  }

  private spare(): number {
    return Math.min(MAX_SPARE, Math.floor(this.ratePerSecond * SPARE_SECONDS));
  }
}

function available(blocks: DayBlocks): number {
  return blocks.ranges.reduce((n, [from, to]) => n + to - from + 1, 0);
}

function handOut(blocks: DayBlocks, count: number): number[] {
  const numbers: number[] = [];
  while (numbers.length < count) {
    const range = blocks.ranges[0]!;
    numbers.push(range[0]);
    if (range[0] === range[1]) blocks.ranges.shift();
    else range[0]++;
  }
  return numbers;
}
