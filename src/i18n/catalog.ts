import type { Entry } from './define.js';
import { common } from './messages/common.js';

/**
 * The one message catalogue: every section merged. Add a section file under messages/ and spread it here.
 * Keys are namespaced by page or area (`nav.*`, `dataset.*`, `results.*` …) so sections never collide; the test
 * test/pages/i18n.test.ts fails on a duplicate.
 */
export const sections = { common } as const;

export const catalog = { ...common } satisfies Record<string, Entry>;

export type MessageKey = keyof typeof catalog;
