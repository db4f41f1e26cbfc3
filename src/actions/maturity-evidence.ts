/**
 * The store's side of the maturity evidence (src/maturity/evidence.ts `EvidenceSource`): datasets and licences from
 * the catalogue, history from the activity snapshots, usage from the counters, answers from 0004's tables.
 *
 * Two facts belong to other parts and come in through hooks they register at start-up:
 * - `resultsCoverage`: how completely each contest's results are published for an office (the results part);
 * - `apiResourceIds`: which resources are queryable through the DataStore API (whoever implements the DataStore).
 * Without a hook the assessment sees no results coverage and no DataStore, and says so in its evidence.
 */
import type { Dataset, Organization } from '../catalog/types.js';
import type { DatasetHistory, EvidenceSource, ResultsCoverage } from '../maturity/evidence.js';
import { getDatasetsByIds } from '../store/catalog/datasets.js';
import { mirrorOf } from '../store/catalog/mirror.js';
import { listLicenses } from '../store/catalog/organizations.js';
import type { ActionContext } from './types.js';
import { listAnswers, usageSince } from './maturity-store.js';

export interface MaturityHooks {
  resultsCoverage?: (ctx: ActionContext, organization: Organization) => Promise<ResultsCoverage[]>;
  apiResourceIds?: (ctx: ActionContext, datasetIds: readonly string[]) => Promise<Set<string>>;
}

const hooks: MaturityHooks = {};

/**
 * Called by the results part (and the DataStore) at start-up.
 *
 * @example
 *   registerMaturityHooks({ resultsCoverage: (ctx, org) => coverageForOffice(ctx.services.database, org) });
 */
export function registerMaturityHooks(h: MaturityHooks): void {
  Object.assign(hooks, h);
}

export function maturityHooks(): Readonly<MaturityHooks> {
  return hooks;
}

interface Snapshot {
  name?: string;
  resources?: Array<{ id: string; url?: string; urlType?: string | null; sha256?: string | null }>;
}

/** Permanence facts from a dataset's activity snapshots, oldest first. */
export function historyFromSnapshots(snapshots: readonly Snapshot[], blobKept: (sha: string) => boolean): DatasetHistory {
  const names = new Set<string>();
  const urls = new Map<string, Set<string>>();
  const shas = new Map<string, string[]>();
  for (const s of snapshots) {
    if (s.name) names.add(s.name);
    for (const r of s.resources ?? []) {
      if (r.urlType === 'upload') {
        const list = shas.get(r.id) ?? [];
        if (r.sha256 && list[list.length - 1] !== r.sha256) list.push(r.sha256);
        shas.set(r.id, list);
      } else if (r.url) {
        (urls.get(r.id) ?? urls.set(r.id, new Set()).get(r.id)!).add(r.url);
      }
    }
  }
  let replaced = 0;
  let kept = 0;
  for (const list of shas.values()) {
    for (const old of list.slice(0, -1)) {
      replaced++;
      if (blobKept(old)) kept++;
    }
  }
  let moved = 0;
  for (const set of urls.values()) moved += set.size - 1;
  return { versionsReplaced: replaced, versionsKept: kept, renamed: names.size > 1, movedUrls: moved };
}

/** The evidence source over this portal's store, for one action context. */
export function storeEvidenceSource(ctx: ActionContext): EvidenceSource {
  const { db } = ctx.services.database;
  return {
    async datasetsOf(organizationId: string): Promise<Dataset[]> {
      const ids = await db
        .selectFrom('datasets')
        .select('id')
        .where('organization_id', '=', organizationId)
        .where('state', '=', 'active')
        .where('private', '=', 0)
        .orderBy('name')
        .execute();
      // The catalogue mirror (exact: synced by the catalogue version) saves parsing thousands of rows per office.
      const mirror = await mirrorOf(ctx.services.database).sync();
      const found = ids.map((r) => mirror.get(r.id));
      if (found.every((d) => d !== undefined)) return found as Dataset[];
      return getDatasetsByIds(db, ids.map((r) => r.id));
    },
    licenses: () => listLicenses(db),
    resultsCoverage: (organization) => (hooks.resultsCoverage ? hooks.resultsCoverage(ctx, organization) : Promise.resolve([])),
    async usage(datasetIds, since) {
      return usageSince(db, datasetIds, since.slice(0, 10));
    },
    async history(datasetIds) {
      const out = new Map<string, DatasetHistory>();
      if (datasetIds.length === 0) return out;
      const rows = await db
        .selectFrom('activities')
        .select(['object_id', 'data'])
        .where('object_type', '=', 'package')
        .where('object_id', 'in', [...datasetIds])
        .orderBy('seq')
        .execute();
      const byDataset = new Map<string, Snapshot[]>();
      for (const r of rows) (byDataset.get(r.object_id) ?? byDataset.set(r.object_id, []).get(r.object_id)!).push(JSON.parse(r.data) as Snapshot);
      // Replaced files are few; ask the blob store about each (the store keeps every file by its hash).
      const wanted = new Set<string>();
      for (const snaps of byDataset.values()) historyFromSnapshots(snaps, (sha) => (wanted.add(sha), true));
      const present = new Set<string>();
      for (const sha of wanted) if (await ctx.services.blobs.has(sha)) present.add(sha);
      for (const [id, snaps] of byDataset) out.set(id, historyFromSnapshots(snaps, (sha) => present.has(sha)));
      return out;
    },
    apiResourceIds: (datasetIds) => (hooks.apiResourceIds ? hooks.apiResourceIds(ctx, datasetIds) : Promise.resolve(new Set<string>())),
    answers: (organizationId, round) => listAnswers(db, organizationId, round),
  };
}
