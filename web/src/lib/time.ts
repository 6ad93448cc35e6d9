/**
 * Times arrive from the API as ISO 8601 UTC and are always shown in China
 * Standard Time, whatever the device's own time zone (DESIGN §7).
 */
export const TIME_ZONE = 'Asia/Shanghai';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { timeZone: TIME_ZONE, ...options });
    cache.set(key, f);
  }
  return f;
}

/** 2025/03/08 14:05 (in the reader's language, Beijing time). */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** 14:05 (Beijing time). */
export function formatTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** A calendar date `YYYY-MM-DD` (no time zone of its own) in the reader's language, with the weekday. */
export function formatCalendarDate(date: string, lang: string, withWeekday = true): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(lang, {
    timeZone: 'UTC',
    month: 'numeric',
    day: 'numeric',
    ...(withWeekday ? { weekday: 'short' } : {}),
  }).format(d);
}

/** Today's date in Beijing, `YYYY-MM-DD`. */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate(now);
}

/** The Beijing calendar date of an instant, `YYYY-MM-DD`. */
export function shanghaiDate(instant: Date | string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = formatter('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `YYYY-MM-DD` plus n days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -dow);
}

/** Start of a Beijing calendar day as an ISO instant (for `from`/`to` filters). */
export function shanghaiDayStartIso(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}
