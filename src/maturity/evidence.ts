/**
 * What the assessment reads, behind a small read-only interface the store implements (STYLE.md §7). The indicator
 * functions never see the store: `gatherEvidence` reads everything about one office once into an `OfficeEvidence`.
 *
 * Election results are owned by the results part; `ResultsCoverage` is the one summary the assessment needs from it.
 */
import type { Dataset, License, Organization } from '../catalog/types.js';
import type { DcatContext, DcatDataset } from '../catalog/dcat/describe.js';
import { DatasetValidator } from '../catalog/dcat/validate.js';
import type { MaturityConfig } from './config.js';
import { evaluateMqa } from './mqa.js';
import type { AnswerValue, MqaDataset, OfficeEvidence } from './types.js';

export type ResultsLevel = 'tps' | 'desa' | 'kecamatan' | 'kabkota' | 'provinsi';

/** How completely one contest's results are published for the office's region. */
export interface ResultsCoverage {
  /** e.g. `pemilu-2024`, `pilkada-2024`. */
  election: string;
  /** e.g. `ppwp`, `dpr`, `dpd`, `dprd-prov`, `dprd-kabkota`, `pilgub`, `pilbup`. */
  contest: string;
  /** A major contest for GODI (head of state, legislature, head of region). */
  major: boolean;
  /** Voting day, ISO date. */
  electionDate: string;
  /** Finest level at which results are public, null when none are. */
  finestLevel: ResultsLevel | null;
  /** Units in the office's region by the region tree and the TPS list of that election. */
  expected: { kecamatan: number; desa: number; tps: number };
  /** Units with public results. */
  published: { kecamatan: number; desa: number; tps: number };
  /** When the first public result of this contest in the region appeared (ISO), null when none. */
  firstPublishedAt: string | null;
  /** When the published results last changed (ISO). */
  lastUpdatedAt: string | null;
  /** GODI's data description: results with registered voters, invalid votes and spoiled ballots. */
  fields: { registeredVoters: boolean; invalidVotes: boolean; spoiledBallots: boolean };
  /** One download holding the whole contest for the region, and its formats (`CSV`, `JSON`, …). */
  bulk: { available: boolean; level: ResultsLevel | null; formats: string[] };
  /** Results queryable through the results API. */
  api: boolean;
  /** Catalogue dataset that publishes these results, when linked (its licence and access rights apply). */
  datasetId: string | null;
  /** The region counted: the office's, or the contest's where that lies inside the office's. */
  region?: { code: string; name: string };
  /** Where `firstPublishedAt` comes from: the forms' own source timestamps (Sirekap `ts`), or the first publication on this portal. */
  firstPublishedFrom?: 'source' | 'portal';
  /**
   * The dataset named by `datasetId`. It may be another office's: a province office that imports its whole province
   * publishes the results of each of its kabupaten/kota.
   */
  dataset?: { name: string; organization: string; licenseId: string | null; public: boolean };
}

/** Downloads and API calls of one dataset in a window, counted without personal data (no IP, no user id). */
export interface UsageCount {
  downloads: number;
  apiCalls: number;
}

/** What the catalogue history says about a dataset's permanence (OED "permanent"). */
export interface DatasetHistory {
  /** Times a resource's content was replaced. */
  versionsReplaced: number;
  /** Earlier versions still retrievable (activity history with the old file kept). */
  versionsKept: number;
  /** The dataset's name (and so its URL) changed after first publication. */
  renamed: boolean;
  /** Resource URLs changed after first publication. */
  movedUrls: number;
}

/** One questionnaire answer of an office in an assessment round. */
export interface AnswerRecord {
  questionId: string;
  value: AnswerValue;
  /** Justification: a URL, a document title, a short text (ODM "Justification"). */
  evidence: string;
  answeredBy: string;
  answeredAt: string;
  /** Set when an assessor from outside the office confirmed the answer. */
  confirmedBy: string | null;
  confirmedAt: string | null;
  assessorNote: string | null;
}

/** The read-only evidence the store provides. Batch methods, so 9 offices × 10,000 datasets stay fast. */
export interface EvidenceSource {
  /** Active, public datasets of an organisation, with their resources. */
  datasetsOf(organizationId: string): Promise<Dataset[]>;
  licenses(): Promise<License[]>;
  /** Results coverage per contest for the office's region (implemented by the results part). */
  resultsCoverage(organization: Organization): Promise<ResultsCoverage[]>;
  /** Usage per dataset id since `since` (ISO); datasets without any use may be missing from the map. */
  usage(datasetIds: readonly string[], since: string): Promise<Map<string, UsageCount>>;
  history(datasetIds: readonly string[]): Promise<Map<string, DatasetHistory>>;
  /** Resource ids (of these datasets) whose rows are queryable through the API. */
  apiResourceIds(datasetIds: readonly string[]): Promise<Set<string>>;
  answers(organizationId: string, round: string): Promise<AnswerRecord[]>;
}

export interface GatherOptions {
  round: string;
  now: Date;
  config: MaturityConfig;
  dcat: Omit<DcatContext, 'licenses'>;
  /** Shared memoised SHACL validator (one per process). */
  validator: DatasetValidator;
}

/** DCAT-AP descriptions and MQA evaluations of a set of datasets. */
export async function evaluateDatasets(
  datasets: readonly Dataset[],
  ctx: DcatContext,
  validator: DatasetValidator,
  points: Readonly<Record<string, number>>,
): Promise<{ dcat: Map<string, DcatDataset>; mqa: Map<string, MqaDataset> }> {
  const dcat = new Map<string, DcatDataset>();
  const mqa = new Map<string, MqaDataset>();
  for (const ds of datasets) {
    const v = await validator.validate(ds, ctx);
    dcat.set(ds.id, v.description);
    mqa.set(ds.id, evaluateMqa(v.description, ds.resources, v, points));
  }
  return { dcat, mqa };
}

/** Read everything one office's assessment needs. */
export async function gatherEvidence(source: EvidenceSource, organization: Organization, opts: GatherOptions): Promise<OfficeEvidence> {
  const [datasets, licenseList, coverage, answerList] = await Promise.all([
    source.datasetsOf(organization.id),
    source.licenses(),
    source.resultsCoverage(organization),
    source.answers(organization.id, opts.round),
  ]);
  const ids = datasets.map((d) => d.id);
  const since = new Date(opts.now.getTime() - opts.config.usage.windowDays * 86_400_000).toISOString();
  const [usage, history, apiResourceIds] = await Promise.all([source.usage(ids, since), source.history(ids), source.apiResourceIds(ids)]);
  const licenses = new Map(licenseList.map((l) => [l.id, l]));
  const { dcat, mqa } = await evaluateDatasets(datasets, { ...opts.dcat, licenses }, opts.validator, opts.config.indicators);
  return {
    organization,
    datasets,
    licenses,
    dcat,
    mqa,
    coverage,
    usage,
    history,
    apiResourceIds,
    answers: new Map(answerList.map((a) => [a.questionId, a])),
    now: opts.now.toISOString(),
  };
}
