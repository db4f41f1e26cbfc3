import type { Entry } from './define.js';
import { about } from './messages/about.js';
import { catalogMessages } from './messages/catalog.js';
import { common } from './messages/common.js';
import { integrity } from './messages/integrity.js';
import { maturityMessages } from './messages/maturity.js';
import { resultsMessages } from './messages/results.js';
import { workspace } from './messages/workspace.js';

/**
 * The one message catalogue: every section merged. Add a section file under messages/ and spread it here.
 * Keys are namespaced by page or area (`nav.*`, `dataset.*`, `results.*` …) so sections never collide; the test
 * test/pages/i18n.test.ts fails on a duplicate.
 */
export const sections = { common, about, catalog: catalogMessages, workspace, integrity, maturity: maturityMessages, results: resultsMessages } as const;

export const catalog = { ...common, ...about, ...catalogMessages, ...workspace, ...integrity, ...maturityMessages, ...resultsMessages } satisfies Record<string, Entry>;

export type MessageKey = keyof typeof catalog;
