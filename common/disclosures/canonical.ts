/**
 * Canonical JSON for the publication hash chain: object keys sorted (they are ASCII,
 * so code-unit order is code-point order) at every depth, no insignificant whitespace, arrays kept in the order
 * given (the caller orders entries), only strings, integers, booleans and
 * null. The same document always gives the same bytes, so anyone can hash it
 * with SM3 and compare with the published chain.
 */
export type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue };

export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON holds integers only, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys
    .filter((k) => value[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
    .join(',')}}`;
}
