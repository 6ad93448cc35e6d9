/**
 * The public page of a published version is read far more than it changes
 * (a QR code on the notice board, the village group): its facts are kept in
 * memory, keyed by publication id. A version's own facts never change; what
 * can change is "is this the latest version" and the village's to-date
 * figures, so every publication in a village invalidates that village's
 * entries — on this instance at once, on the others through the live hub
 * (NOTIFY on commit, see routes.ts). A time limit bounds staleness should a
 * notification be lost.
 */
export interface Cached<T> {
  value: T;
  etag: string;
  regionCode: string;
  at: number;
}

export class PublicationCache<T> {
  private items = new Map<string, Cached<T>>();

  constructor(
    private readonly maxItems = 2000,
    private readonly ttlMs = 60_000,
  ) {}

  get(id: string, now = Date.now()): Cached<T> | undefined {
    const hit = this.items.get(id);
    if (!hit) return undefined;
    if (now - hit.at > this.ttlMs) {
      this.items.delete(id);
      return undefined;
    }
    return hit;
  }

  set(id: string, item: Omit<Cached<T>, 'at'>, now = Date.now()): void {
    if (this.items.size >= this.maxItems) this.items.delete(this.items.keys().next().value!);
    this.items.set(id, { ...item, at: now });
  }

  invalidateRegion(regionCode: string): void {
    for (const [id, item] of this.items) if (item.regionCode === regionCode) this.items.delete(id);
  }

  clear(): void {
    this.items.clear();
  }
}

/** Topic of the live event that tells every instance a village published. */
export const DISCLOSURES_TOPIC = 'disclosures';
