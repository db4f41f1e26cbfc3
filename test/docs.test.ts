/** Docs as tests (STYLE.md §11): the reference docs are generated from the code and must be current. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderActionsDoc, renderCliDoc, renderConfigDoc, renderMaturity } from '../scripts/docs-render.js';
import { listActions } from '../src/actions/registry.js';
import { registerAllActions } from '../src/actions/all.js';
import { SETTINGS } from '../src/config.js';
import { ERROR_CODES } from '../src/errors.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
const stale = (file: string) => `${file} is stale: run \`npm run docs\``;

describe('docs', () => {
  it('document every action and error code (docs/actions.md is current)', () => {
    expect(read('docs/actions.md'), stale('docs/actions.md')).toBe(renderActionsDoc());
    registerAllActions();
    for (const a of listActions()) expect(read('docs/actions.md')).toContain(`\`${a.name}\``);
    for (const code of Object.keys(ERROR_CODES)) expect(read('docs/actions.md')).toContain(`\`${code}\``);
  });

  it('document every setting (docs/configuration.md is current)', () => {
    expect(read('docs/configuration.md'), stale('docs/configuration.md')).toBe(renderConfigDoc());
    for (const s of SETTINGS) expect(read('docs/configuration.md')).toContain(s.env);
  });

  it('document every CLI command (docs/cli.md is current)', () => {
    expect(read('docs/cli.md'), stale('docs/cli.md')).toBe(renderCliDoc());
  });

  it('document every maturity indicator, weight, band and gate (docs/maturity.md is current)', () => {
    expect(read('docs/maturity.md'), stale('docs/maturity.md')).toBe(renderMaturity());
  });

  it('name every setting in the README', () => {
    const readme = read('README.md');
    for (const s of SETTINGS) expect(readme, `README.md should mention ${s.env}`).toContain(s.env);
  });
});
