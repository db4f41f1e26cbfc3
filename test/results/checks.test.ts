import { describe, expect, it } from 'vitest';
import { FormBatch, formLayout } from '../../src/results/batch.js';
import { scanFused } from '../../src/results/checks/fused.js';
import { allChecks, checkIds, formChecks, registerCheck } from '../../src/results/checks/registry.js';
import { checkBatch, evaluateForm, flagsOf, ruleBit } from '../../src/results/checks/run.js';
import { emptyAdmin, type AdminFigures, type TpsForm } from '../../src/results/types.js';
import { smallTree } from './support/fixtures.js';

const layout = formLayout(3);
const tree = smallTree();
const ctx = { tree, selectionKeys: ['01', '02', '03'] };

/** A form that satisfies every rule; tests change one figure at a time. */
function good(over: Partial<AdminFigures> = {}, votes: (number | null)[] = [100, 90, 10], tps = '3673011001001'): TpsForm {
  return {
    row: 2,
    tps,
    votes,
    admin: { valid: 200, invalid: 5, ballotsUsed: 205, registered: 250, voters: 205, votersDpt: 200, votersDptb: 3, votersDpk: 2, ...over },
    timestamp: null,
    photos: 3,
  };
}

function outcome(form: TpsForm, rule: string) {
  const o = evaluateForm(FormBatch.of(layout, [form]), 0, ctx).find((x) => x.rule === rule);
  if (!o) throw new Error(`no rule ${rule}`);
  return o;
}

describe('check registry', () => {
  it('describes every rule in Indonesian and English with a reference', () => {
    const ids = checkIds();
    for (const required of [
      'sum_votes_eq_valid', 'valid_plus_invalid_eq_used', 'used_eq_voters', 'voters_le_registered', 'votes_le_1_02_registered',
      'counts_nonnegative_integer', 'tps_in_region_tree', 'missing_tps', 'duplicate_rows',
    ]) expect(ids).toContain(required);
    for (const r of allChecks()) {
      expect(r.title.id.length, r.id).toBeGreaterThan(5);
      expect(r.title.en.length, r.id).toBeGreaterThan(5);
      expect(r.description.id.length, r.id).toBeGreaterThan(20);
      expect(r.description.en.length, r.id).toBeGreaterThan(20);
      expect(r.reference.length, r.id).toBeGreaterThan(5);
    }
  });

  it('refuses a second rule with the same id and ids that are not snake_case', () => {
    const base = { scope: 'dataset' as const, title: { id: 'x', en: 'x' }, description: { id: 'x', en: 'x' }, reference: 'x' };
    expect(() => registerCheck({ ...base, id: 'missing_tps' })).toThrow(/already registered/);
    expect(() => registerCheck({ ...base, id: 'Bad-Id' })).toThrow(/snake_case/);
  });

  it('passes a form that adds up on every rule', () => {
    for (const o of evaluateForm(FormBatch.of(layout, [good()]), 0, ctx)) expect(o.status, o.rule).toBe('pass');
  });
});

describe('form rules flag with the numbers involved', () => {
  it('sum_votes_eq_valid', () => {
    expect(outcome(good({ valid: 201 }), 'sum_votes_eq_valid')).toEqual({
      rule: 'sum_votes_eq_valid', status: 'fail', numbers: { jumlah_suara: 200, suara_sah: 201, selisih: -1 },
    });
    expect(outcome(good({ valid: null }), 'sum_votes_eq_valid').status).toBe('skip');
    expect(outcome(good({}, [null, null, null]), 'sum_votes_eq_valid').status).toBe('skip');
  });

  it('valid_plus_invalid_eq_used', () => {
    expect(outcome(good({ ballotsUsed: 207, voters: 207, votersDpt: 202 }), 'valid_plus_invalid_eq_used')).toMatchObject({
      status: 'fail', numbers: { suara_sah: 200, suara_tidak_sah: 5, suara_total: 207, selisih: -2 },
    });
    expect(outcome(good({ invalid: null }), 'valid_plus_invalid_eq_used').status).toBe('skip');
  });

  it('used_eq_voters', () => {
    expect(outcome(good({ voters: 204 }), 'used_eq_voters')).toMatchObject({ status: 'fail', numbers: { suara_total: 205, pengguna_total: 204, selisih: 1 } });
    expect(outcome(good({ voters: null }), 'used_eq_voters').status).toBe('skip');
  });

  it('voters_eq_list_sum', () => {
    expect(outcome(good({ votersDpk: 5 }), 'voters_eq_list_sum')).toMatchObject({ status: 'fail', numbers: { pengguna_total: 205, pengguna_dpk: 5, selisih: -3 } });
  });

  it('voters_le_registered allows DPTb and DPK voters above the DPT', () => {
    expect(outcome(good({ registered: 200 }), 'voters_le_registered').status).toBe('pass'); // 205 ≤ 200 + 3 + 2
    expect(outcome(good({ registered: 199 }), 'voters_le_registered')).toEqual({
      rule: 'voters_le_registered', status: 'fail',
      numbers: { pengguna_total: 205, pemilih_dpt_total: 199, pengguna_dptb: 3, pengguna_dpk: 2, batas: 204 },
    });
    expect(outcome(good({ registered: null }), 'voters_le_registered').status).toBe('skip');
  });

  it('votes_le_1_02_registered uses 1.02 × DPT without rounding', () => {
    expect(outcome(good({ registered: 197 }), 'votes_le_1_02_registered').status).toBe('pass'); // 200 ≤ 200.94
    expect(outcome(good({ registered: 196 }), 'votes_le_1_02_registered')).toMatchObject({
      status: 'fail', numbers: { jumlah_suara: 200, pemilih_dpt_total: 196, batas: 199 },
    });
  });

  it('counts_nonnegative_integer names the offending fields', () => {
    const f = good({ invalid: -1 }, [100, 90.5, 10]);
    expect(outcome(f, 'counts_nonnegative_integer')).toEqual({
      rule: 'counts_nonnegative_integer', status: 'fail', numbers: { '02': 90.5, suara_tidak_sah: -1 },
    });
    const empty: TpsForm = { row: 2, tps: '3673011001001', votes: [null, null, null], admin: emptyAdmin(), timestamp: null, photos: null };
    expect(outcome(empty, 'counts_nonnegative_integer').status).toBe('skip');
  });

  it('tps_in_region_tree resolves KPU aliases and flags unknown desa', () => {
    expect(outcome(good({}, undefined, '3602162018001'), 'tps_in_region_tree').status).toBe('pass');
    expect(outcome(good({}, undefined, '3673019999001'), 'tps_in_region_tree')).toMatchObject({
      status: 'fail', numbers: { kode_desa: '3673019999', kode_desa_kemendagri: null },
    });
  });

  it('flagsOf expands a mask into flags with their numbers', () => {
    const b = FormBatch.of(layout, [good({ valid: 201, voters: 204 })]);
    const masks = checkBatch(b, ctx);
    expect(flagsOf(b, 0, masks[0]!, ctx).map((f) => f.rule)).toEqual(['sum_votes_eq_valid', 'valid_plus_invalid_eq_used', 'used_eq_voters', 'voters_eq_list_sum']);
    expect(masks[0]! & ruleBit('sum_votes_eq_valid')).not.toBe(0);
  });
});

describe('fused bulk checks', () => {
  it('agree with the rules one by one on random forms with gaps, negatives and fractions', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = (): number | null => {
      const u = rnd();
      if (u < 0.15) return null;
      if (u < 0.2) return -Math.floor(rnd() * 5);
      if (u < 0.25) return Math.floor(rnd() * 300) + 0.5;
      return Math.floor(rnd() * 12);
    };
    const forms: TpsForm[] = [];
    for (let i = 0; i < 5000; i++) {
      const f = good();
      f.votes = [pick(), pick(), pick()];
      const a = f.admin;
      // small numbers so equalities happen often
      a.valid = pick(); a.invalid = pick(); a.ballotsUsed = pick(); a.registered = pick(); a.voters = pick();
      a.votersDpt = pick(); a.votersDptb = pick(); a.votersDpk = pick();
      forms.push(f);
    }
    const b = FormBatch.of(layout, forms);
    const fused = new Uint32Array(b.length);
    scanFused(b, fused);
    const ids = checkIds();
    let flagged = 0;
    for (const rule of formChecks()) {
      if (rule.id === 'tps_in_region_tree') continue;
      const bit = 1 << ids.indexOf(rule.id);
      for (let i = 0; i < b.length; i++) {
        const one = rule.test(b, i, ctx) === false;
        if (one) flagged++;
        expect((fused[i]! & bit) !== 0, `${rule.id} form ${i}`).toBe(one);
      }
    }
    expect(flagged).toBeGreaterThan(1000);
  });
});
