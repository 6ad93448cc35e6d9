/**
 * Periods are months written YYYY-MM. A period's publication is due on a
 * day of the following month (default the 15th, DOMAIN.md), end of that day
 * in Asia/Shanghai.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function isPeriod(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export function nextPeriod(period: string, months = 1): string {
  const [y, m] = period.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Periods from `from` to `to` inclusive (empty when from > to). */
export function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to; p = nextPeriod(p)) out.push(p);
  return out;
}

function daysIn(period: string): number {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The due date (YYYY-MM-DD) of a period's publication: day `dueDay` of the next month (capped at its last day). */
export function dueDateOf(period: string, dueDay: number): string {
  const next = nextPeriod(period);
  const day = Math.min(Math.max(1, dueDay), daysIn(next));
  return `${next}-${String(day).padStart(2, '0')}`;
}

/** The instant the due day ends in Asia/Shanghai. */
export function dueDeadline(dueDate: string): Date {
  const [y, m, d] = dueDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - SHANGHAI_OFFSET_MS);
}

/** The period (YYYY-MM) an instant falls in, in Asia/Shanghai. */
export function periodOf(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** True when YYYY-MM-DD is a real calendar date. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
