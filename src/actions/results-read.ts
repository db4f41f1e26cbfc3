/**
 * Read actions on results: results.region (totals, coverage and flags of a region and of each child), results.tps
 * (a form's figures, checks with their numbers, history of corrections), results.flags (paged), results.forensics,
 * results.imports.
 */
import { Type } from '@sinclair/typebox';
import { KotakError } from '../errors.js';
import { formLayout } from '../results/batch.js';
import { allChecks, getCheck } from '../results/checks/registry.js';
import { evaluateForm } from '../results/checks/run.js';
import { forensicReport, type ForensicRow } from '../results/forensics/index.js';
import { batchOfLines, pushLine } from '../results/lines.js';
import { desaLines, desaMeta } from '../results/merge.js';
import { FormBatch } from '../results/batch.js';
import { tpsCode } from '../results/import/columns.js';
import { flagsOfTps, listFlags } from '../store/results/flags.js';
import { desaRowOfTps, desaRowsIn, historyOfTps } from '../store/results/forms.js';
import { tpsListOfRegions } from '../store/results/tps-list.js';
import type { TpsForm } from '../results/types.js';
import { importsById, importsBySeq, listImports } from '../store/results/imports.js';
import { totalsOf } from './results-totals.js';
import { receiptUrl } from './results-receipt.js';
import { TPS_DOC_FIELDS } from '../results/tps-doc.js';
import { anyone } from './policies.js';
import { presentForm, presentImport, presentRegion, presentSelections, presentTotals } from './results-present.js';
import { cachedAnswer, contestOf, PAGING, requireElection, requireRegion, treeOf } from './results-context.js';
import { defineAction, type ActionContext } from './types.js';

const Ref = { election: Type.String({ minLength: 1 }), contest: Type.String({ minLength: 1 }) };

async function load(ctx: ActionContext, input: { election: string; contest: string }) {
  const { database } = ctx.services;
  await requireElection(database.db, input.election);
  const { spec, compiled } = await contestOf(database, input.election, input.contest);
  const tree = await treeOf(database, input.election);
  return { spec, contest: compiled, tree, db: database.db };
}

export const resultsRegion = defineAction({
  name: 'results.region',
  summary: 'Totals of a region (registered, voters, valid, invalid, ballots used, votes per candidate/party), coverage (TPS reported of expected) and flag counts per rule — and the same for each child region. Code `ID` is the whole country.',
  input: Type.Object({ ...Ref, code: Type.String({ minLength: 1 }) }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input) {
    const { database } = ctx.services;
    return cachedAnswer(database, input.election, input.contest, `region:${input.code}`, async () => {
      const { contest, tree, db } = await load(ctx, input);
      const code = requireRegion(tree, input.code);
      const node = tree.get(code)!;
      const byCode = await totalsOf(db, input.election, contest, tree, [code, ...node.children]);
      return {
        election: input.election,
        contest: input.contest,
        region: presentRegion(code, tree),
        selections: presentSelections(contest),
        ...presentTotals(byCode.get(code) ?? null, contest),
        children: node.children.map((c) => ({ code: c, name: tree.get(c)!.name, level: tree.get(c)!.level, ...presentTotals(byCode.get(c) ?? null, contest) })),
      };
    });
  },
});

interface TpsHistory {
  version: number;
  line: string;
  figures: ReturnType<typeof presentForm>;
  set_by: ReturnType<typeof presentImport>;
  receipt_url: string;
  replaced: { at: string; by: string | null; reason: string | null; import: number | null };
}

export const resultsTps = defineAction({
  name: 'results.tps',
  summary:
    'The figures of one TPS form, every check with the numbers involved, the history of its corrections (who, when, why) and the TPS\'s entry in the ' +
    'election\'s TPS list (registered voters). A listed TPS without a form answers with empty figures and its `missing_tps` flag.',
  input: Type.Object({ ...Ref, tps: Type.String({ minLength: 1 }) }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input) {
    const { contest, tree, db } = await load(ctx, input);
    let tps: string;
    try {
      tps = tpsCode(input.tps, { columnName: 'tps' });
    } catch (e) {
      throw KotakError.validation({ tps: [(e as Error).message] });
    }
    const place = tree.placeTps(tps);
    const [row, listedRows, stored] = await Promise.all([
      desaRowOfTps(db, input.election, input.contest, tps, place),
      tpsListOfRegions(db, input.election, [place]),
      flagsOfTps(db, input.election, input.contest, tps, place),
    ]);
    const entry = listedRows.get(place)?.find((x) => x.tps === tps);
    const listed = entry ? { registered: entry.registered } : null;
    const lines = row ? desaLines(row) : [];
    const k = lines.findIndex((l) => l.startsWith(tps + ','));
    const layout = formLayout(contest.selections.length);
    const datasetChecks = stored.filter((f) => getCheck(f.rule)?.scope === 'dataset').map((f) => ({ rule: f.rule, status: 'fail' as const, numbers: f.numbers, title: getCheck(f.rule)!.title }));
    if (!row || k < 0) {
      // On the TPS list but in no imported file: expected, flagged `missing_tps` (when the contest has results).
      if (!listed || stored.length === 0) throw KotakError.notFound(`TPS ${tps} in contest ${input.contest}`);
      const empty = FormBatch.of(layout, [{ row: 0, tps, votes: [], admin: {} as TpsForm['admin'], timestamp: null, photos: null }]);
      return {
        election: input.election, contest: input.contest, tps, region: presentRegion(place, tree), listed, has_form: false as boolean, version: 0,
        line: null as string | null, figures: presentForm(empty.form(0), contest), import: presentImport(undefined),
        receipt: null as { url: string; entry_kind: string; covers: readonly string[] } | null, checks: datasetChecks, history: [] as TpsHistory[],
      };
    }
    const meta = desaMeta(row)[k]!;
    const b = batchOfLines(layout, [lines[k]!]);
    const ctxChecks = { tree, selectionKeys: contest.selections.map((s) => s.key) };
    const checks = [
      ...evaluateForm(b, 0, ctxChecks).map((o) => ({ ...o, title: getCheck(o.rule)!.title })),
      ...datasetChecks,
    ];
    const history = await historyOfTps(db, input.election, input.contest, tps);
    const current = (await importsBySeq(db, input.election, input.contest, [meta.importSeq])).get(meta.importSeq);
    const byId = await importsById(db, [...history.map((h) => h.importId), ...history.map((h) => h.replacedBy)]);
    return {
      election: input.election,
      contest: input.contest,
      tps,
      region: presentRegion(place, tree),
      /** The TPS's entry in the election's TPS list (null when the list does not name it or there is no list). */
      listed,
      has_form: true as boolean,
      version: meta.version,
      /** The normalised CSV line (the row of this TPS in the published CSV). */
      line: lines[k]! as string | null,
      figures: presentForm(b.form(0), contest),
      import: presentImport(current),
      /**
       * A receipt proving offline that {election, contest, tps, version, figures} of this answer is what was published:
       * through the import's TPS tree, or the TPS's own correction entry (docs/integrity.md "TPS receipts").
       */
      receipt: {
        url: receiptUrl(ctx.services.config.baseUrl, input.election, input.contest, tps),
        entry_kind: meta.version > 1 ? 'results-correction' : 'results-import',
        covers: TPS_DOC_FIELDS as readonly string[],
      } as { url: string; entry_kind: string; covers: readonly string[] } | null,
      checks,
      history: history.map((h): TpsHistory => {
        const hb = new FormBatch(layout, 1);
        pushLine(hb, h.line, 1);
        const replaced = byId.get(h.replacedBy);
        return {
          version: h.version,
          line: h.line,
          figures: presentForm(hb.form(0), contest),
          set_by: presentImport(byId.get(h.importId)),
          receipt_url: receiptUrl(ctx.services.config.baseUrl, input.election, input.contest, tps, h.version),
          replaced: { at: h.replacedAt, by: replaced?.actor_name ?? null, reason: replaced?.reason ?? null, import: replaced?.seq ?? null },
        };
      }),
    };
  },
});

export const resultsFlags = defineAction({
  name: 'results.flags',
  summary: 'TPS flagged by the checks, with the numbers involved; filter by rule and region, paged (limit ≤ 1000).',
  input: Type.Object({
    ...Ref,
    rule: Type.Optional(Type.String()),
    region: Type.Optional(Type.String()),
    ...PAGING,
  }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input) {
    const { tree, db } = await load(ctx, input);
    if (input.rule && !getCheck(input.rule)) throw KotakError.validation({ rule: [`Unknown rule; one of ${allChecks().map((r) => r.id).join(', ')}`] });
    const region = input.region ? requireRegion(tree, input.region) : undefined;
    const limit = input.limit ?? 100;
    const offset = input.offset ?? 0;
    const { total, rows } = await listFlags(db, input.election, input.contest, { rule: input.rule, region, limit, offset });
    return {
      total,
      limit,
      offset,
      rules: allChecks().map((r) => ({ id: r.id, title: r.title, description: r.description, reference: r.reference })),
      flags: rows.map((f) => ({ tps: f.tps, rule: f.rule, region: f.regionCode, numbers: f.numbers })),
    };
  },
});

export const resultsForensics = defineAction({
  name: 'results.forensics',
  summary: 'Forensic indicators of a region — last-digit χ², 0/5 share, second-digit Benford, turnout × winner-share fingerprint, robust z-scores per kecamatan. Statistical signals, not verdicts.',
  input: Type.Object({ ...Ref, code: Type.String({ minLength: 1 }), bins: Type.Optional(Type.Integer({ minimum: 5, maximum: 100 })) }),
  readOnly: true,
  policy: anyone,
  async run(ctx, input) {
    const { contest, tree, db } = await load(ctx, input);
    const code = requireRegion(tree, input.code);
    const layout = formLayout(contest.selections.length);
    const rows: ForensicRow[] = [];
    for (const r of await desaRowsIn(db, input.election, input.contest, code)) {
      const b = batchOfLines(layout, desaLines(r));
      const group = tree.lineage(r.regionCode).find((c) => tree.get(c)!.level === 'kecamatan') ?? r.regionCode;
      for (let i = 0; i < b.length; i++) {
        const f = b.form(i);
        rows.push({ tps: f.tps, group, votes: f.votes, valid: f.admin.valid, registered: f.admin.registered, voters: f.admin.voters });
      }
    }
    const report = forensicReport(rows, { bins: input.bins });
    return { election: input.election, contest: input.contest, region: presentRegion(code, tree), selections: presentSelections(contest), ...report, robustZ: { ...report.robustZ, outliers: report.robustZ.outliers.slice(0, 500) } };
  },
});

export const resultsImports = defineAction({
  name: 'results.imports',
  summary: 'The imports of a contest: who imported which file when and why, and how many TPS were new, changed or unchanged.',
  input: Type.Object(Ref),
  readOnly: true,
  policy: anyone,
  async run(ctx, input) {
    await load(ctx, input);
    return (await listImports(ctx.services.database.db, input.election, input.contest)).map(presentImport);
  },
});

