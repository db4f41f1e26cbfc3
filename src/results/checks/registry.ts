/**
 * The registry of checks on TPS forms: named rules, each with an id, a description in Indonesian and English, and a
 * reference (STYLE.md §9, "extension points as named hooks"). A check flags, it never rejects: the 2024 Sirekap data
 * has thousands of forms that do not add up, and showing which ones is the point (issue 3).
 *
 * Form rules look at one form; dataset rules (missing TPS, duplicate rows) look at a whole import and are computed
 * by the import pipeline, but are registered here so they are listed, described and counted the same way.
 */
import type { FormBatch } from '../batch.js';
import type { RegionTree } from '../regions.js';

export interface Bilingual {
  /** Bahasa Indonesia. */
  id: string;
  en: string;
}

export type CheckNumbers = Record<string, number | string | null>;

export interface CheckContext {
  /** The election's region tree; rules that need it are skipped without one. */
  tree?: RegionTree;
  /** Selection keys in contest order, to name vote lines in the numbers. */
  selectionKeys?: string[];
}

interface RuleBase {
  id: string;
  title: Bilingual;
  description: Bilingual;
  reference: string;
}

export interface FormRule extends RuleBase {
  scope: 'form';
  /** true = holds, false = flagged, null = cannot be judged (figures not entered). */
  test(b: FormBatch, i: number, ctx: CheckContext): boolean | null;
  /** The numbers a reader needs to see why (called for flagged forms and for one-form views). */
  numbers(b: FormBatch, i: number, ctx: CheckContext): CheckNumbers;
}

export interface DatasetRule extends RuleBase {
  scope: 'dataset';
}

export type CheckRule = FormRule | DatasetRule;

const rules = new Map<string, CheckRule>();

/**
 * Adds a rule. Ids are snake_case and unique; a form rule's position in the registry is its bit in a flag mask, so at
 * most 32 rules exist.
 *
 * @example
 *   registerCheck({ id: 'ballots_le_600', scope: 'form', title: …, description: …, reference: 'PKPU 8/2024',
 *     test: (b, i) => …, numbers: (b, i) => ({ … }) });
 */
export function registerCheck(rule: CheckRule): void {
  if (!/^[a-z][a-z0-9_]*$/.test(rule.id)) throw new Error(`check id "${rule.id}" must be snake_case`);
  if (rules.has(rule.id)) throw new Error(`check "${rule.id}" is already registered`);
  if (rules.size >= 32) throw new Error('at most 32 checks can be registered');
  rules.set(rule.id, rule);
}

/** Every rule, in registration order. */
export function allChecks(): CheckRule[] {
  return [...rules.values()];
}

export function formChecks(): FormRule[] {
  return allChecks().filter((r): r is FormRule => r.scope === 'form');
}

export function getCheck(id: string): CheckRule | undefined {
  return rules.get(id);
}

/** Rule ids in registry order: the column order of flag counts everywhere. */
export function checkIds(): string[] {
  return [...rules.keys()];
}
