/**
 * The diff stored with every activity: a flat list of changed paths between two JSON snapshots, so a history page and
 * CKAN's `activity_diff` can show what changed without recomputing it.
 *
 * @example
 *   diffObjects({ title: 'a' }, { title: 'b' }) // [{ path: 'title', op: 'replace', from: 'a', to: 'b' }]
 */
export interface Change {
  path: string;
  op: 'add' | 'remove' | 'replace';
  from?: unknown;
  to?: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function diffObjects(before: unknown, after: unknown, path = ''): Change[] {
  if (before === undefined && after !== undefined) return [{ path: path || '(root)', op: 'add', to: after }];
  if (after === undefined && before !== undefined) return [{ path: path || '(root)', op: 'remove', from: before }];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffObjects(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.every(isPlainObject) && after.every(isPlainObject)) {
    // Lists of objects with ids (resources) are compared by id, not position.
    const byId = (xs: Record<string, unknown>[]) => new Map(xs.map((x, i) => [String(x.id ?? i), x]));
    const a = byId(before as Record<string, unknown>[]);
    const b = byId(after as Record<string, unknown>[]);
    const ids = [...new Set([...a.keys(), ...b.keys()])];
    return ids.flatMap((id) => diffObjects(a.get(id), b.get(id), `${path}[${id}]`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || '(root)', op: 'replace', from: before, to: after }];
}
