/**
 * Official recapitulation (D.Hasil): results.officialImport stores official figures per region beside the computed
 * ones (and logs the file as an `official-recap` publication); results.compare lists every difference.
 */
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import { compareOfficial, readOfficialCsv } from '../results/official.js';
import { listOfficial, upsertOfficial } from '../store/results/official.js';
import { totalsOf } from './results-totals.js';
import { anyone, requireRole, signedIn } from './policies.js';
import { owningOrganization } from './results-publish.js';
import { contestOf, requireElection, treeOf } from './results-context.js';
import { commonRegion } from '../results/merge.js';
import { withTransaction } from './tx.js';
import { defineAction, type ActionExtra } from './types.js';
import { withInputFile } from './input-file.js';

const Ref = { election: Type.String({ minLength: 1 }), contest: Type.String({ minLength: 1 }) };

export const resultsOfficialImport = defineAction({
  name: 'results.officialImport',
  summary: 'Import official recapitulation figures (CSV: region_code plus the vote and admin columns) beside the computed ones; upload as multipart field `upload`.',
  input: Type.Object({ ...Ref, path: Type.Optional(Type.String()) }),
  readOnly: false,
  policy: signedIn,
  async run(ctx, input, extra?: ActionExtra) {
    const { database } = ctx.services;
    await requireElection(database.db, input.election);
    const { compiled: contest } = await contestOf(database, input.election, input.contest);
    const tree = await treeOf(database, input.election);
    return withInputFile(ctx, input.path, extra, 'Upload the official recap CSV (multipart field "upload")', async ({ path, sha256 }) => {
      const rows = await readOfficialCsv(path, contest, tree);
      if (rows.length === 0) throw KotakError.validation({ upload: ['The file has no rows'] });
      const region = commonRegion(tree, rows.map((r) => r.region));
      const org = await owningOrganization(database.db, tree, region);
      requireRole(ctx, org.id, 'editor');
      await withTransaction(ctx, async (trx) => {
        await upsertOfficial(trx, input.election, input.contest, rows, sha256, ctx.services.now().toISOString());
        await ctx.services.log.append(trx, {
          kind: 'official-recap',
          subject: `official-recap:${input.election}.${input.contest}.${region}`,
          organization: org.name,
          sha256,
          meta: { election: input.election, contest: input.contest, regions: rows.length },
        });
      });
      const totals = await totalsOf(database.db, input.election, contest, tree, [...new Set(rows.map((r) => r.region))]);
      return { regions: rows.length, ...compareOfficial(rows, (c) => totals.get(c)) };
    });
  },
});

export const resultsCompare = defineAction({
  name: 'results.compare',
  summary: 'Every difference between the official recapitulation figures and the totals computed from the TPS forms.',
  input: Type.Object(Ref),
  readOnly: true,
  policy: anyone,
  async run(ctx, input) {
    const db = ctx.services.database.db;
    await requireElection(db, input.election);
    const { compiled: contest } = await contestOf(ctx.services.database, input.election, input.contest);
    const tree = await treeOf(ctx.services.database, input.election);
    const official = await listOfficial(db, input.election, input.contest);
    const totals = await totalsOf(db, input.election, contest, tree, [...new Set(official.map((r) => r.region))]);
    return { official: official.length, ...compareOfficial(official, (c) => totals.get(c)) };
  },
});
