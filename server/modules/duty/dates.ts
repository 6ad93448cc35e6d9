/**
 * Calendar dates of duty, in Asia/Shanghai (UTC+8 all year, no daylight
 * saving). Dates travel as 'YYYY-MM-DD' strings, never as Date objects, so
 * no time zone can shift them.
 */
const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date in Shanghai at this instant. */
export function shanghaiDate(at: Date): string {
  return shanghai.format(at);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instant of a Shanghai wall-clock time on a date, e.g. 08:00 of the duty day. */
export function shanghaiTime(date: string, hour: number, minute = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + (hour - 8) * 3_600_000 + minute * 60_000);
}
