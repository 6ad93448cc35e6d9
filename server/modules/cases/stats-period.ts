/**
 * Days of the statistics: calendar days in Asia/Shanghai (UTC+8, no DST),
 * written 'YYYY-MM-DD'. Weeks start on Monday; months on the 1st.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Trend = 'day' | 'week' | 'month';

/** The Shanghai day an instant falls in. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai day starts. */
export function dayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to` inclusive (0 when to < from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** A real calendar day ('2026-02-30' is not). */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** The period a day belongs to: itself, its week's Monday, or its month's 1st. */
export function periodOf(day: string, trend: Trend): string {
  if (trend === 'day') return day;
  if (trend === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** Every period from `from` to `to`, in order (so charts have no gaps). */
export function periodsIn(from: string, to: string, trend: Trend): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const p = periodOf(d, trend);
    if (out[out.length - 1] !== p) out.push(p);
  }
  return out;
}
