/**
 * Types of the maturity assessment (issue 5): indicators are registered rules (STYLE.md §9), each with an id, a
 * dimension, a bilingual description, the framework it comes from, whether it is computed or answered, and a
 * function that returns a value between 0 and 1 with the evidence behind it.
 */
import type { Dataset, License, Organization } from '../catalog/types.js';
import type { DcatDataset } from '../catalog/dcat/describe.js';
import type { ShaclViolation } from '../catalog/dcat/validate.js';
import type { MaturityConfig } from './config.js';
import type { AnswerRecord, ResultsCoverage, DatasetHistory, UsageCount } from './evidence.js';

/** The four dimensions of the EU Open Data Maturity assessment, adapted (STANDARDS.md, ODM; issue 5 §4). */
export type Dimension = 'policy' | 'publication' | 'quality' | 'impact';
export const DIMENSIONS: readonly Dimension[] = ['policy', 'publication', 'quality', 'impact'];

/** Indonesian and English text side by side. */
export interface Bilingual {
  id: string;
  en: string;
}

export type Framework = 'MQA' | 'five-star' | 'ODM' | 'GODI' | 'OED' | 'ODI-Pathway' | 'Kotak';

/** Where an indicator comes from: the framework and the item in it (e.g. MQA "Keyword usage", ODM question 9a). */
export interface SourceRef {
  framework: Framework;
  ref: string;
}

/** One piece of evidence: which dataset, resource, contest or answer, which field, and whether it met the rule. */
export interface EvidenceItem {
  kind: 'dataset' | 'resource' | 'contest' | 'answer' | 'office';
  /** Dataset name, resource id, `election/contest`, question id. */
  ref: string;
  /** The field or property looked at (`tags`, `dct:format`, `linkStatus`, …). */
  field?: string;
  met: boolean;
  /** Short factual note: the value found, the reason it failed. */
  note?: string;
  /** Where the evidence can be seen, when `kind` and `ref` do not say it: a path on this portal or an absolute URL. */
  url?: string;
}

export interface IndicatorResult {
  /** 0..1; null = not applicable (left out of the dimension, like an ODM "unsure"). */
  value: number | null;
  evidence: EvidenceItem[];
  /** Named figures a gate or a presenter can read, e.g. `{ stars: 1 }`. */
  measures?: Record<string, number>;
  /** Answered indicators only: the answer and whether an assessor confirmed it. */
  answer?: { value: AnswerValue | null; confirmed: boolean };
}

export type AnswerValue = 'yes' | 'partial' | 'no' | 'unsure';

/** One MQA evaluation of a dataset, shared by the 23 MQA indicators. */
export interface MqaDataset {
  datasetId: string;
  name: string;
  /** metric id → met; distribution-level metrics are met when at least one distribution meets them. */
  met: Record<string, boolean>;
  /** metric id → the resource ids that meet it (distribution-level metrics only). */
  by: Record<string, string[]>;
  points: number;
  violations: ShaclViolation[];
}

/**
 * Everything an assessment of one office reads, gathered once (evidence.ts) so that the indicator functions are pure
 * and synchronous: tests build this object by hand.
 */
export interface OfficeEvidence {
  organization: Organization;
  /** Active public datasets of the office. */
  datasets: Dataset[];
  licenses: ReadonlyMap<string, License>;
  /** DCAT-AP descriptions and MQA evaluations, by dataset id. */
  dcat: ReadonlyMap<string, DcatDataset>;
  mqa: ReadonlyMap<string, MqaDataset>;
  coverage: ResultsCoverage[];
  usage: ReadonlyMap<string, UsageCount>;
  history: ReadonlyMap<string, DatasetHistory>;
  /** Resource ids whose rows can be queried through the API (DataStore). */
  apiResourceIds: ReadonlySet<string>;
  answers: ReadonlyMap<string, AnswerRecord>;
  /** Assessment time (ISO): timeliness is measured against it. */
  now: string;
}

export interface IndicatorContext {
  evidence: OfficeEvidence;
  config: MaturityConfig;
}

export interface Indicator {
  id: string;
  dimension: Dimension;
  kind: 'automatic' | 'answered';
  title: Bilingual;
  description: Bilingual;
  sources: SourceRef[];
  /** What to do when the value is below 1; `{n}` is replaced by the number of failing items. */
  advice: Bilingual;
  evaluate(ctx: IndicatorContext): IndicatorResult;
}
