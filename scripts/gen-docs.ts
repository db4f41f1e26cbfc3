/**
 * Generates the reference parts of docs/ from the code: the action list (docs/actions.md), the configuration table
 * (docs/configuration.md) and the CLI help (docs/cli.md). `npm run docs` writes them; test/docs.test.ts fails when
 * they are stale, so the docs cannot drift from the code (STYLE.md §11).
 */
import { writeFileSync } from 'node:fs';
import { renderActionsDoc, renderCliDoc, renderConfigDoc, renderMaturity } from './docs-render.js';

writeFileSync('docs/actions.md', renderActionsDoc());
writeFileSync('docs/configuration.md', renderConfigDoc());
writeFileSync('docs/cli.md', renderCliDoc());
writeFileSync('docs/maturity.md', renderMaturity());
console.log('Wrote docs/actions.md, docs/configuration.md, docs/cli.md, docs/maturity.md');
