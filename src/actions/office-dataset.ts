/**
 * A dataset a KPU office publishes from an import (results, TPS list): one main file replaced in place from version to
 * version, each file as received kept beside it, the catalogue fields such a dataset always has, its activity, and the
 * publication-log entries of the version and of each new file (STYLE.md §8: the caller appends them in its
 * transaction, after its own entry).
 */
import { randomUUID } from 'node:crypto';
import { mediaTypeOf } from '../catalog/formats.js';
import type { Dataset, Organization, Resource } from '../catalog/types.js';
import type { Election } from '../results/types.js';
import { recordActivity } from '../store/catalog/activities.js';
import { saveDataset } from '../store/catalog/datasets.js';
import type { Tx } from '../store/db.js';
import { datasetDigest } from './dataset-write.js';
import { downloadUrl } from './resource-input.js';
import type { FileRef } from './results-publish.js';
import type { ActionContext, PublicationInput } from './types.js';

export interface OfficeDatasetInput {
  name: string;
  org: Organization;
  election: Election;
  /** The region the dataset covers (`spatial`). */
  region: { code: string; name: string };
  title: string;
  description: string;
  /** Added to the tags the dataset already has. */
  tags: string[];
  /** The group the dataset joins when the catalogue has it. */
  group: string;
  version: string;
  /** Added to the extras the dataset already has. */
  extras: Record<string, string>;
  /** The main file, `<name>.csv`: the same resource from version to version, its bytes replaced. */
  main: { sha256: string; size: number; description: string };
  /** A file as received, a resource of its own; none for a version without one. */
  received: { file: FileRef; name: string; description: string; format: string } | null;
}

function uploaded(baseUrl: string, datasetId: string, datasetName: string, r: { id: string; name: string; description: string; format: string; sha256: string; size: number; created: string; lastModified: string }): Resource {
  return {
    id: r.id,
    datasetId,
    name: r.name,
    description: r.description,
    format: r.format,
    mediaType: mediaTypeOf(r.format),
    size: r.size,
    sha256: r.sha256,
    url: downloadUrl(baseUrl, datasetName, r.id, r.name),
    urlType: 'upload',
    linkStatus: null,
    position: 0,
    created: r.created,
    lastModified: r.lastModified,
  };
}

/**
 * Saves the new version of the office's dataset (`base`: the stored one, or null for the first) and records its
 * activity; returns it with the log entries to append: the version, the file as received, and the main file when its
 * bytes changed.
 */
export async function saveOfficeDataset(ctx: ActionContext, trx: Tx, base: Dataset | null, p: OfficeDatasetInput): Promise<{ dataset: Dataset; entries: PublicationInput[] }> {
  const { baseUrl } = ctx.services.config;
  const now = ctx.services.now().toISOString();
  const id = base?.id ?? randomUUID();
  const mainName = `${p.name}.csv`;
  const old = base?.resources.find((r) => r.name === mainName);
  const main = uploaded(baseUrl, id, p.name, {
    id: old?.id ?? randomUUID(), name: mainName, description: p.main.description, format: 'CSV', sha256: p.main.sha256, size: p.main.size,
    created: old?.created ?? now, lastModified: old?.sha256 === p.main.sha256 ? old.lastModified : now,
  });
  const received = p.received
    ? uploaded(baseUrl, id, p.name, {
        id: randomUUID(), name: p.received.name, description: p.received.description, format: p.received.format,
        sha256: p.received.file.sha256, size: p.received.file.size, created: now, lastModified: now,
      })
    : null;
  const others = (base?.resources ?? []).filter((r) => r.name !== mainName);
  const group = await trx.selectFrom('catalog_groups').select('name').where('name', '=', p.group).executeTakeFirst();
  const d: Dataset = {
    id,
    name: p.name,
    title: p.title,
    description: p.description,
    organizationId: p.org.id,
    organization: { id: p.org.id, name: p.org.name, title: p.org.title, regionCode: p.org.regionCode },
    private: false,
    state: 'active',
    licenseId: base?.licenseId ?? 'other-open',
    tags: [...new Set([...(base?.tags ?? []), ...p.tags])],
    groups: group ? [p.group] : [],
    themes: ['GOVE'],
    temporalStart: p.election.date,
    temporalEnd: p.election.date,
    spatial: [p.region.code],
    frequency: 'IRREG',
    contactName: base?.contactName ?? p.org.title,
    contactEmail: base?.contactEmail ?? p.org.email,
    accessRights: 'PUBLIC',
    version: p.version,
    extras: { ...(base?.extras ?? {}), ...p.extras },
    created: base?.created ?? now,
    modified: now,
    resources: [main, ...others, ...(received ? [received] : [])].map((r, i) => ({ ...r, position: i })),
  };
  await saveDataset(trx, ctx.services.database.dialect, d, !base);
  await recordActivity(trx, { objectType: 'package', objectId: d.id, activityType: base ? 'changed package' : 'new package', userId: ctx.actor?.id ?? null, timestamp: now, data: d });
  const org = p.org.name;
  const file = (r: Resource): PublicationInput => ({
    kind: 'resource', subject: `resource:${r.id}`, organization: org, sha256: r.sha256!, hashOf: 'bytes', related: [`dataset:${d.id}`], meta: { dataset: d.name, name: r.name, size: r.size },
  });
  const entries: PublicationInput[] = [
    { kind: 'dataset-version', subject: `dataset:${d.id}`, organization: org, sha256: datasetDigest(d), hashOf: 'jcs', meta: { name: d.name, modified: d.modified, state: d.state } },
  ];
  if (received) entries.push(file(received));
  if (main.sha256 !== old?.sha256) entries.push(file(main));
  return { dataset: d, entries };
}
