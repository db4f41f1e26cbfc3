/**
 * Acceptance on the demo data (issue 5): the nine offices get different, explainable scores, and changing one
 * dataset's metadata through the API changes its office's score by the amount the recommendation promised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../src/actions/invoke.js';
import { seedMaturityDemo } from '../../src/actions/maturity-demo.js';
import type { Comparison, ShownAssessment } from '../../src/actions/maturity.js';
import { DIALECTS, type TestApp } from '../support/app.js';
import { makeUser } from '../support/factories.js';
import { maturityTestApp } from './app.js';

describe.each(DIALECTS)('maturity on the demo data on %s', (dialect) => {
  let t: TestApp;
  let offices: Comparison['offices'];
  const byOrg = (name: string) => offices.find((o) => o.organization === name)!;
  const show = (org: string) => invoke<ShownAssessment>(t.system, 'maturity.show', { organization: org, round: '2025' });

  beforeAll(async () => {
    t = await maturityTestApp(dialect, { seed: true, now: () => new Date('2025-03-01T00:00:00.000Z') });
    expect(await seedMaturityDemo(t.system, '2025')).toHaveLength(9);
    await invoke(t.system, 'maturity.assess', { round: '2025' });
    offices = (await invoke<Comparison>(t.system, 'maturity.compare', { round: '2025' })).offices;
  });
  afterAll(async () => t?.close());

  it('gives the nine offices nine different scores', () => {
    expect(offices).toHaveLength(9);
    expect(new Set(offices.map((o) => o.score.toFixed(6))).size).toBe(9);
    expect(offices.every((o) => o.stored)).toBe(true);
  });

  it('puts the office that publishes everything openly, fully described and confirmed first, and the bare one last', () => {
    expect(offices[0]!.organization).toBe('kpu-kota-serang');
    expect(offices[offices.length - 1]!.organization).toBe('kpu-kabupaten-pandeglang');
    expect(byOrg('kpu-kota-serang').mqaPoints).toBe(405);
    expect(byOrg('kpu-kota-serang').stars).toBe(3);
  });

  it('holds the PDF-only office below level 3 for want of machine-readable data, whatever its questionnaire says', () => {
    const lebak = byOrg('kpu-kabupaten-lebak');
    expect(lebak.stars).toBe(1);
    expect(lebak.level).toBe(2);
    expect(lebak.cappedBy[0]).toBe('machine-readable');
    expect(lebak.dimensions.policy!.answered).toBe(100);
  });

  it('finds every demo dataset compliant with the DCAT-AP 3.0.1 shapes', async () => {
    for (const o of offices) {
      const compliance = (await show(o.organization)).indicators.find((i) => i.id === 'mqa.dcat-ap-compliance')!;
      expect([o.organization, compliance.value, compliance.evidence.total]).toEqual([o.organization, 1, compliance.evidence.met]);
    }
  });

  it('scores links to web pages without a licence zero stars', () => {
    expect(byOrg('kpu-kabupaten-serang').stars).toBe(0);
  });

  it('explains the proprietary-format office by its missing open formats and coverage', async () => {
    const a = await show('kpu-kota-tangerang');
    const value = (id: string) => a.indicators.find((i) => i.id === id)!.value;
    expect([value('mqa.non-proprietary'), value('mqa.spatial'), value('mqa.temporal'), value('oed.non-proprietary')]).toEqual([0, 0, 0, 0]);
    expect(a.fiveStar.stars).toBe(2);
  });

  it('flags where the office’s own answers and the evidence disagree', () => {
    const cilegon = byOrg('kpu-kota-cilegon');
    const flagged = Object.values(cilegon.dimensions).filter((d) => d.disagreement);
    expect(flagged.length).toBeGreaterThan(0);
    for (const d of flagged) expect(Math.abs(d.automatic! - d.answered!)).toBeGreaterThan(20);
  });

  it('changes an office’s score by the promised amount when one dataset gets its keywords through the API', async () => {
    const before = await show('kpu-kota-cilegon');
    const rec = before.recommendations.find((r) => r.indicatorId === 'mqa.keywords')!;
    expect(rec.failing).toBe(3);
    const org = await invoke<{ id: string }>(t.system, 'organization.show', { id: 'kpu-kota-cilegon' });
    const editor = await makeUser(t, { org: org.id, role: 'editor' });
    const patch = await t.server.inject({
      method: 'PATCH', url: `/api/v1/datasets/${rec.targets[0]}`, headers: editor.headers, payload: { tags: ['pemilu-2024', 'hasil'] },
    });
    expect(patch.statusCode).toBe(200);
    await invoke(t.system, 'maturity.assess', { organization: 'kpu-kota-cilegon', round: '2025' });
    const after = await show('kpu-kota-cilegon');
    expect(after.score - before.score).toBeCloseTo(rec.gain / rec.failing, 9);
    expect(after.mqa.points - before.mqa.points).toBeCloseTo(30 / 3, 9);
  });
});
