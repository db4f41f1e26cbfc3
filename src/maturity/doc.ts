/**
 * The reference page of the maturity assessment (docs/maturity.md), generated from the registry, the questionnaire and
 * config/maturity.json so that it cannot drift from them (STYLE.md §11: docs as tests).
 */
import type { MaturityConfig } from './config.js';
import { QUESTIONS } from './questionnaire.js';
import type { IndicatorRegistry } from './registry.js';
import { DIMENSIONS } from './types.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMaturityDoc(registry: IndicatorRegistry, config: MaturityConfig): string {
  const out: string[] = [
    '# Open-data maturity',
    '',
    `Generated from \`src/maturity/\` and \`config/maturity.json\` (version ${config.version}). Every office is scored in four`,
    'dimensions weighted as below; each dimension is Σ value × weight / Σ weight × 100 over its applicable indicators. The',
    'level is the highest band the overall score reaches, capped by the lowest level whose gate is unmet (ODI Pathway).',
    '',
    '## Dimensions',
    '',
    '| dimension | weight | source |',
    '|---|---|---|',
    ...DIMENSIONS.map((d) => `| ${d} | ${config.dimensions[d].weight} | ${cell(config.dimensions[d].source)} |`),
    '',
    '## Levels',
    '',
    '| level | name | from score |',
    '|---|---|---|',
    ...config.levels.map((l) => `| ${l.level} | ${l.name.id} (${l.name.en}) | ${l.minScore} |`),
    '',
    '## Gates',
    '',
    '| gate | required for level | condition | source |',
    '|---|---|---|---|',
    ...config.gates.map((g) => `| \`${g.id}\` — ${cell(g.title.en)} | ${g.level} | \`${g.metric} ${g.op} ${g.value}\` | ${cell(g.source)} |`),
    '',
    '## Indicators',
    '',
    '| indicator | dimension | kind | weight | sources | what it measures |',
    '|---|---|---|---|---|---|',
    ...registry
      .list()
      .map(
        (i) =>
          `| \`${i.id}\` | ${i.dimension} | ${i.kind} | ${config.indicators[i.id] ?? 0} | ${cell(i.sources.map((s) => `${s.framework}: ${s.ref}`).join('; '))} | ${cell(i.description.en)} |`,
      ),
    '',
    '## Questionnaire',
    '',
    `Answers: yes = ${config.answers.yes}, partial = ${config.answers.partial}, no = ${config.answers.no}; "unsure" is left out. ${cell(config.answers.source)}.`,
    '',
    '| question | dimension | Indonesian | English | adapted from |',
    '|---|---|---|---|---|',
    ...QUESTIONS.map((q) => `| \`${q.id}\` | ${q.dimension} | ${cell(q.text.id)} | ${cell(q.text.en)} | ${cell(q.source)} |`),
    '',
    '## Sources',
    '',
    ...Object.entries(config.sources).map(([k, v]) => `- **${k}**: ${v}`),
    '',
  ];
  return out.join('\n');
}
