/**
 * Acceptance (issue 5): an office that publishes only PDFs scores one star and cannot reach level 3, whatever its
 * questionnaire says. The same office publishing CSV instead clears that gate, so the cap is what holds it back.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/catalog/types.js';
import { assessOffice } from '../../src/maturity/assess.js';
import { QUESTIONS } from '../../src/maturity/questionnaire.js';
import { defaultRegistry } from '../../src/maturity/registry.js';
import { fullDataset, resource } from './build.js';
import { answer, config, coverage, officeEvidence } from './evidence.js';

const GROUPS = ['hasil-pemilu', 'daftar-pemilih', 'logistik', 'peserta-pemilu'];

function office(format: 'PDF' | 'CSV'): Dataset[] {
  const mediaType = format === 'PDF' ? 'application/pdf' : 'text/csv';
  return GROUPS.map((g, i) =>
    fullDataset({ id: `d${i}`, name: `data-${g}`, groups: [g], resources: [resource({ id: `r${i}`, datasetId: `d${i}`, format, mediaType })] }),
  );
}

async function assess(format: 'PDF' | 'CSV') {
  const allYes = new Map(QUESTIONS.map((q) => [q.id, answer(q.id, 'yes', true)]));
  const ev = await officeEvidence(office(format), {
    coverage: [coverage({ datasetId: 'd0', finestLevel: 'kecamatan', bulk: { available: true, level: 'kecamatan', formats: [format] }, api: false })],
    usage: new Map(GROUPS.map((_, i) => [`d${i}`, { downloads: 50, apiCalls: 0 }])),
    answers: allYes,
  });
  return assessOffice(ev, { config, registry: defaultRegistry(), round: '2025-1' });
}

describe('maturity.assess: an office publishing only PDFs', () => {
  it('scores one star', async () => {
    expect((await assess('PDF')).fiveStar.stars).toBe(1);
  });

  it('cannot reach level 3 although every question is answered yes and confirmed', async () => {
    const a = await assess('PDF');
    expect(a.questionnaire).toEqual({ questions: QUESTIONS.length, answered: QUESTIONS.length, unsure: 0, confirmed: QUESTIONS.length });
    expect(a.level.bandLevel).toBeGreaterThanOrEqual(3);
    expect(a.level.level).toBe(2);
    expect(a.level.cappedBy[0]!.id).toBe('machine-readable');
  });

  it('recommends machine-readable formats as unlocking level 3', async () => {
    const rec = (await assess('PDF')).recommendations.find((r) => r.indicatorId === 'openness.five-star')!;
    expect(rec.unlocks).toContainEqual({ gate: 'machine-readable', level: 3 });
    expect(rec.failing).toBe(4);
  });

  it('reaches level 3 once the same office publishes CSV', async () => {
    const a = await assess('CSV');
    expect(a.fiveStar.stars).toBe(3);
    expect(a.level.level).toBeGreaterThanOrEqual(3);
    expect(a.gates.find((g) => g.id === 'machine-readable')!.met).toBe(true);
  });
});
