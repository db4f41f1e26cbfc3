/**
 * `kotak maturity [ORG] [--round R] [--assess] [--json | --csv]`: the open-data maturity of all offices (a comparison
 * table) or of one (level, dimension scores, gates, the recommendations worth most). `--assess` first computes and
 * publishes a new assessment (stored and logged), as the system.
 */
import type { Command } from 'commander';
import { invoke } from '../actions/invoke.js';
import type { ActionContext } from '../actions/types.js';
import type { Comparison, ShownAssessment } from '../actions/maturity.js';
import { comparisonCsv, indicatorsCsv } from '../actions/maturity-present.js';
import { withCliApp } from './app.js';

interface Options {
  round?: string;
  assess?: boolean;
  json?: boolean;
  csv?: boolean;
}

const n1 = (v: number | null) => (v === null ? '—' : v.toFixed(1));

function printOffice(a: ShownAssessment): void {
  console.log(`${a.organization.title} (${a.organization.name}) — round ${a.round}${a.stored ? `, published ${a.assessedAt}` : ', not yet published'}`);
  console.log(`Level ${a.level.level} ${a.level.name.id} / ${a.level.name.en} — score ${n1(a.score)} of 100 (band level ${a.level.bandLevel})`);
  for (const g of a.level.cappedBy) console.log(`  capped: ${g.title.en} (needs ${g.metric} ${g.op} ${g.threshold}, has ${g.actual === null ? '—' : n1(g.actual)})`);
  console.log(`MQA ${n1(a.mqa.points)} / ${a.mqa.max} (${a.mqa.band.en}); five-star ${a.fiveStar.stars.toFixed(2)}★; questionnaire ${a.questionnaire.answered}/${a.questionnaire.questions} answered, ${a.questionnaire.confirmed} confirmed`);
  console.log('\ndimension     score  automatic  answered');
  for (const d of a.dimensions) console.log(`${d.dimension.padEnd(12)} ${n1(d.score).padStart(6)} ${n1(d.automatic).padStart(10)} ${n1(d.answered).padStart(9)}${d.disagreement ? '  ⚠ disagree' : ''}`);
  console.log('\nrecommendations (overall points gained):');
  for (const r of a.recommendations.slice(0, 10)) {
    console.log(`  +${r.gain.toFixed(2).padStart(5)}  ${r.indicatorId}: ${r.text.en}${r.unlocks.length ? ` [unlocks level ${r.unlocks.map((u) => u.level).join(', ')}]` : ''}`);
  }
  if (a.trend.length > 1) console.log(`\ntrend: ${a.trend.map((t) => `${t.round} ${n1(t.score)} (L${t.level})`).join(' → ')}`);
}

function printComparison(c: Comparison): void {
  console.log('office                          level  score   policy  publ.  quality impact  MQA    stars');
  for (const o of c.offices) {
    const d = o.dimensions;
    console.log(
      `${o.organization.padEnd(31)} ${String(o.level).padStart(5)} ${n1(o.score).padStart(6)} ${n1(d.policy!.score).padStart(8)} ${n1(d.publication!.score).padStart(6)} ${n1(d.quality!.score).padStart(8)} ${n1(d.impact!.score).padStart(6)} ${n1(o.mqaPoints).padStart(6)} ${o.stars.toFixed(2).padStart(6)}${o.stored ? '' : '  (live)'}`,
    );
  }
}

async function run(ctx: ActionContext, org: string | undefined, o: Options): Promise<void> {
  const round = o.round ? { round: o.round } : {};
  if (o.assess) await invoke(ctx, 'maturity.assess', { ...round, ...(org ? { organization: org } : {}) });
  if (org) {
    const a = await invoke<ShownAssessment>(ctx, 'maturity.show', { organization: org, ...round });
    if (o.json) console.log(JSON.stringify(a, null, 2));
    else if (o.csv) process.stdout.write(indicatorsCsv(a));
    else printOffice(a);
    return;
  }
  const c = await invoke<Comparison>(ctx, 'maturity.compare', round);
  if (o.json) console.log(JSON.stringify(c, null, 2));
  else if (o.csv) process.stdout.write(comparisonCsv(c.offices));
  else printComparison(c);
}

export function registerMaturity(program: Command): void {
  program
    .command('maturity [organization]')
    .description('Show the open-data maturity of all offices, or of one office with its indicators and recommendations.')
    .option('--round <round>', 'assessment round (default: the latest, or the current year when assessing)')
    .option('--assess', 'compute and publish a new assessment first (stored and appended to the publication log)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (one row per office, or per indicator with ORG)')
    .action(async (organization: string | undefined, o: Options) => {
      await withCliApp((ctx) => run(ctx, organization, o));
    });
}
