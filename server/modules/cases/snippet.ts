/**
 * A highlighted excerpt of the original text around the first match of any
 * search word, as parts the web renders (matches marked, nothing to escape).
 * PostgreSQL's ts_headline cannot do this for Chinese: it would need the
 * original text cut into words the way the index was.
 *
 * @example snippet('楼上装修噪音太大，晚上十一点还在施工', ['噪音'], 4)
 *   // → [{text:'…楼上装修', match:false}, {text:'噪音', match:true}, {text:'太大，晚上…', match:false}]
 */
export type SnippetPart = { text: string; match: boolean };

export function snippet(text: string, words: string[], context = 30): SnippetPart[] | null {
  const terms = [...new Set(words.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!text || terms.length === 0) return null;
  const lower = text.toLowerCase();
  let first = -1;
  for (const t of terms) {
    const at = lower.indexOf(t.toLowerCase());
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return null;
  const start = Math.max(0, first - context);
  const end = Math.min(text.length, first + context * 2);
  const window = text.slice(start, end);
  const windowLower = window.toLowerCase();

  const parts: SnippetPart[] = [];
  let plain = start > 0 ? '…' : '';
  for (let i = 0; i < window.length; ) {
    const hit = terms.find((t) => windowLower.startsWith(t.toLowerCase(), i));
    if (hit) {
      if (plain) parts.push({ text: plain, match: false });
      plain = '';
      parts.push({ text: window.slice(i, i + hit.length), match: true });
      i += hit.length;
    } else {
      plain += window[i];
      i += 1;
    }
  }
  if (end < text.length) plain += '…';
  if (plain) parts.push({ text: plain, match: false });
  return parts;
}
