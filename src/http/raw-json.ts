/**
 * JSON assembled from pieces that are already serialised. Datasets from the catalogue mirror are immutable, so their
 * CKAN dicts are serialised once and reused by every package_show and package_search that returns them; the envelope
 * around them is serialised per request.
 */
export class RawJson {
  constructor(readonly json: string) {}
}

/** JSON.stringify that copies RawJson pieces verbatim. */
export function stringifyWithRaw(v: unknown): string {
  if (v instanceof RawJson) return v.json;
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : stringifyWithRaw(x))).join(',')}]`;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v)) if (x !== undefined && typeof x !== 'function') parts.push(`${JSON.stringify(k)}:${stringifyWithRaw(x)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function containsRaw(v: unknown, depth = 0): boolean {
  if (v instanceof RawJson) return true;
  if (depth > 3 || v === null || typeof v !== 'object') return false;
  return (Array.isArray(v) ? v : Object.values(v)).some((x) => containsRaw(x, depth + 1));
}
