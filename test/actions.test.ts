/** The action registry: one policy per action, names in `entity.verb` form (STYLE.md §2–3). */
import { describe, expect, it } from 'vitest';
import { listActions } from '../src/actions/registry.js';
import { registerAllActions } from '../src/actions/all.js';

describe('actions', () => {
  registerAllActions();
  const all = listActions();

  it('are registered', () => {
    expect(all.length).toBeGreaterThan(30);
  });

  it.each(all.map((a) => [a.name, a] as const))('%s has a policy, a summary and an input schema', (_name, a) => {
    expect(typeof a.policy, `${a.name} has no policy`).toBe('function');
    expect(a.summary.length).toBeGreaterThan(10);
    expect(a.input).toBeTypeOf('object');
    expect(a.name).toMatch(/^[a-z]+(\.[a-z][a-zA-Z]*)+$/);
  });

  it('have unique CKAN names', () => {
    const names = all.map((a) => a.ckan).filter(Boolean);
    expect(new Set(names).size).toBe(names.length);
  });
});
