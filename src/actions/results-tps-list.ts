/**
 * The election's TPS list (issue 3 §1 "the TPS list; registered voters per TPS", §3 "coverage against the TPS list"):
 * `results.tpsListImport` replaces the list of a region with a file (src/results/tps-list.ts reads it) and, in the
 * same transaction, recomputes the flags and recapitulation of every contest of the election — listed TPS that no
 * results file mentions become expected and flagged `missing_tps` —, appends a `tps-list` entry to the publication
 * log and publishes a version of the office's TPS list dataset (results-tps-list-publish.ts). `results.tpsList` reads
 * the list back, paged, with its totals and the imports that set it.
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import { commonRegion } from '../results/merge.js';
import { readTpsList, tpsListFormat, type ListedTps } from '../results/tps-list.js';
import type { Organization } from '../catalog/types.js';
import { NATIONAL_CODE, type RegionTree } from '../results/regions.js';
import type { Election } from '../results/types.js';
import { listContests, lockAndBumpContest, lockContest } from '../store/results/elections.js';
import { hasForms } from '../store/results/forms.js';
import { insertTpsListImport, replaceTpsList, tpsListImports, tpsListIn, tpsListPage, tpsListRegions, tpsListTotals, within, type TpsListRow } from '../store/results/tps-list.js';
import { anyone, requireRole, signedIn } from './policies.js';
import { overlap } from './results-coverage.js';
import { contestOf, noteRevision, PAGING, requireElection, requireRegion, treeOf } from './results-context.js';
import { owningOrganization, type FileRef } from './results-publish.js';
import { publishTpsList } from './results-tps-list-publish.js';
import { allDesaRows, fullState, tpsListOfContest, writeState } from './results-state.js';
import { withTransaction } from './tx.js';
import { defineAction, type ActionContext, type ActionExtra } from './types.js';
import { withInputFile } from './input-file.js';

/** Rolls back a list import that changes nothing. */
class NothingChanged extends Error {}

/** What a new list changes against the stored one: TPS added, removed, and with other registered voters. */
export function listChanges(before: readonly TpsListRow[], after: readonly ListedTps[]): { added: number; removed: number; registeredChanged: number } {
  const old = new Map(before.map((r) => [r.tps, r.registered]));
  let added = 0;
  let registeredChanged = 0;
  for (const r of after) {
    if (!old.has(r.tps)) added++;
    else if (old.get(r.tps) !== r.registered) registeredChanged++;
  }
  const now = new Set(after.map((r) => r.tps));
  let removed = 0;
  for (const r of before) if (!now.has(r.tps)) removed++;
  return { added, removed, registeredChanged };
}

export const resultsTpsListImport = defineAction({
  name: 'results.tpsListImport',
  summary:
    'Import the TPS list of a region (CSV or XLSX: tps_code and registered voters; other columns are not read): it replaces the list of the lowest region ' +
    'holding all its TPS, and every contest of the election counts the listed TPS as expected — those no results file mentions are flagged missing_tps. ' +
    "The office's TPS list dataset gets a new version (the list of its region as CSV, and the file as received). Upload the file as multipart field `upload`.",
  input: Type.Object({
    election: Type.String({ minLength: 1 }),
    /** A server-side path: only from the CLI and start-up (never over HTTP). */
    path: Type.Optional(Type.String()),
  }),
  readOnly: false,
  policy: signedIn,
  async run(ctx, input, extra?: ActionExtra) {
    const { database } = ctx.services;
    const election = await requireElection(database.db, input.election);
    const tree = await treeOf(database, election.id);
    return withInputFile(ctx, input.path, extra, 'Upload the TPS list (multipart field "upload")', async (file) => {
      const rows = await readTpsList(file.path, tree, { format: tpsListFormat(file.filename), sourceName: file.filename });
      if (rows.length === 0) throw KotakError.validation({ upload: ['The TPS list has no rows'] });
      rows.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.tps < b.tps ? -1 : a.tps > b.tps ? 1 : 0));
      const region = commonRegion(tree, rows.map((r) => r.region));
      const org = await owningOrganization(database.db, tree, region);
      requireRole(ctx, org.id, 'editor');
      return applyTpsList(ctx, { election, tree, region, org, rows, file });
    });
  },
});

interface ApplyInput {
  election: Election;
  tree: RegionTree;
  /** The region whose list is replaced (its whole subtree). */
  region: string;
  org: Organization;
  /** The new list of the region, by region and TPS code; none for a removal. */
  rows: readonly ListedTps[];
  /** The list file, in the blob store: its SHA-256 is what the log entry commits to (the audit reads it back). */
  file: FileRef;
  /** A removal publishes no file as received. */
  removal?: boolean;
}

/**
 * Replaces the list of a region in one transaction: the rows, the import record, the `tps-list` log entry, the
 * office's dataset version, and the flags and recapitulation of every contest of the election. A list equal to the
 * stored one changes nothing and logs nothing.
 */
async function applyTpsList(ctx: ActionContext, p: ApplyInput) {
  const { database } = ctx.services;
  const { election, tree, region, org, rows, file } = p;
  let registered: number | null = null;
  for (const r of rows) if (r.registered !== null) registered = (registered ?? 0) + r.registered;
  const base = { election: election.id, region: { code: region, name: regionName(tree, region) }, organization: org.name, tps: rows.length, registered };
  const revisions: Array<[string, number]> = [];
  try {
    const out = await withTransaction(ctx, async (trx) => {
      const contests = await listContests(trx, election.id);
      // Every contest's state is rewritten: hold them all, as a results import holds its own (elections.ts).
      for (const c of contests) await lockContest(trx, database.dialect, election.id, c.id);
      const changes = listChanges(await tpsListIn(trx, election.id, region), rows);
      if (changes.added + changes.removed + changes.registeredChanged === 0) throw new NothingChanged();
      const listId = randomUUID();
      const now = ctx.services.now().toISOString();
      await replaceTpsList(trx, database, election.id, region, listId, rows);
      // Recorded first: the contests' checks read the regions lists were given for (tps_not_in_list).
      const { index } = await ctx.services.log.append(trx, {
        kind: 'tps-list',
        subject: `tps-list:${election.id}.${region}`,
        organization: org.name,
        sha256: file.sha256,
        meta: { election: election.id, region, filename: file.filename, size: file.size, tps: rows.length, registered, ...changes },
      });
      await insertTpsListImport(trx, {
        id: listId, election_id: election.id, region_code: region, created: now, actor_id: ctx.actor?.id ?? null, actor_name: ctx.actor?.name ?? null,
        filename: file.filename, sha256: file.sha256, size: file.size, tps: rows.length, registered, organization_id: org.id, log_index: index,
      });
      // The office's dataset holds the list of its whole region, of which this import may be a part.
      const pubCode = org.regionCode && tree.get(org.regionCode) ? org.regionCode : region;
      const dataset = await publishTpsList(ctx, trx, {
        election, org, region: { code: pubCode, name: regionName(tree, pubCode) },
        rows: await tpsListIn(trx, election.id, pubCode), raw: p.removal ? null : file, listId,
      });
      const coverage: Array<{ contest: string; expected: number; reported: number; missing: number }> = [];
      for (const c of contests) {
        revisions.push([c.id, await lockAndBumpContest(trx, election.id, c.id)]);
        const area = overlap(region, c.regionCode ?? NATIONAL_CODE);
        if (!area || !(await hasForms(trx, election.id, c.id))) continue;
        const { compiled } = await contestOf(database, election.id, c.id, trx);
        const full = await fullState(await allDesaRows(trx, election.id, c.id), compiled, tree, await tpsListOfContest(trx, election.id, compiled));
        await writeState(trx, database, election.id, c.id, full);
        const t = full.recap.totals(area);
        coverage.push({ contest: c.id, expected: t.tps.expected, reported: t.tps.reported, missing: t.flags.missing_tps ?? 0 });
      }
      return { ...base, changed: true, id: listId, ...changes, dataset: dataset.name as string | null, contests: coverage, logIndex: index as number | null };
    });
    for (const [c, rev] of revisions) noteRevision(database, election.id, c, rev);
    return out;
  } catch (e) {
    if (!(e instanceof NothingChanged)) throw e;
    return { ...base, changed: false, id: null as string | null, added: 0, removed: 0, registeredChanged: 0, dataset: null as string | null, contests: [], logIndex: null };
  }
}

const regionName = (tree: RegionTree, code: string) => (code === NATIONAL_CODE ? 'Indonesia' : tree.get(code)!.name);

/** The file a removal logs: a list of no TPS (the audit replays it as emptying the region, results-tps-list-audit.ts). */
const EMPTY_LIST = Buffer.from('tps_code,pemilih_dpt_total\n');

export const resultsTpsListRemove = defineAction({
  name: 'results.tpsListRemove',
  summary:
    'Remove the TPS list of a region that has a list of its own (not part of a wider region\'s list): its listed TPS are no longer expected, ' +
    "and every contest of the election is recomputed. Logged as a list of no TPS; the office's TPS list dataset gets a new version.",
  input: Type.Object({
    election: Type.String({ minLength: 1 }),
    region: Type.String({ minLength: 1 }),
  }),
  readOnly: false,
  policy: signedIn,
  async run(ctx, input) {
    const { database, blobs } = ctx.services;
    const election = await requireElection(database.db, input.election);
    const tree = await treeOf(database, election.id);
    const region = input.region === NATIONAL_CODE ? NATIONAL_CODE : requireRegion(tree, input.region);
    const org = await owningOrganization(database.db, tree, region);
    requireRole(ctx, org.id, 'editor');
    // A list inside a wider one (a desa list given after its kab/kota's) is not removed alone: the wider list would
    // then expect no TPS there, and every form of the region would be flagged tps_not_in_list.
    const regions = await tpsListRegions(database.db, election.id);
    const wider = regions.find((r) => r !== region && within(region, r));
    if (wider) throw KotakError.validation({ region: [`The TPS list of ${region} is part of the list of ${wider}: upload a new list for ${wider} instead`] });
    if (!regions.includes(region)) {
      throw KotakError.validation({ region: [`Region ${region} has no TPS list of its own${regions.length ? ` (lists are in effect for ${regions.join(', ')})` : ''}`] });
    }
    const stored = await blobs.put(EMPTY_LIST);
    const file = { ...stored, filename: `hapus-daftar-tps-${region}.csv` };
    return applyTpsList(ctx, { election, tree, region, org, rows: [], file, removal: true });
  },
});

export const resultsTpsList = defineAction({
  name: 'results.tpsList',
  summary: "The election's TPS list within a region (code `ID` or none: everywhere), paged (limit ≤ 1000): each TPS with its registered voters, the totals, and the list imports that set it.",
  input: Type.Object({
    election: Type.String({ minLength: 1 }),
    region: Type.Optional(Type.String()),
    ...PAGING,
  }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input) {
    const db = ctx.services.database.db;
    const election = await requireElection(db, input.election);
    const tree = await treeOf(ctx.services.database, election.id);
    const region = input.region && input.region !== NATIONAL_CODE ? requireRegion(tree, input.region) : NATIONAL_CODE;
    const limit = input.limit ?? 100;
    const offset = input.offset ?? 0;
    const [totals, page, imports] = await Promise.all([tpsListTotals(db, election.id, region), tpsListPage(db, election.id, region, limit, offset), tpsListImports(db, election.id)]);
    const touches = (code: string) => region === NATIONAL_CODE || code === NATIONAL_CODE || overlap(code, region) !== null;
    return {
      election: election.id,
      region: { code: region, name: region === NATIONAL_CODE ? 'Indonesia' : tree.get(region)!.name },
      total: totals.tps,
      registered: totals.registered,
      with_registered: totals.withRegistered,
      limit,
      offset,
      imports: imports
        .filter((i) => touches(i.region_code))
        .map((i) => ({ id: i.id, created: i.created, by: i.actor_name, region: i.region_code, filename: i.filename, sha256: i.sha256, size: i.size, tps: i.tps, registered: i.registered, log_index: i.log_index })),
      tps: page.map((r) => ({ tps: r.tps, region: r.region, registered: r.registered })),
    };
  },
});
