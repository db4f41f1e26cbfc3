/**
 * The region tree's desa lookups: by a TPS code's string (`desaOfTps`) and by the number of its first 10 digits
 * (`desaOfNumber`, what a national import asks once per desa) agree for every desa, the KPU alias and unknown codes.
 */
import { describe, expect, it } from 'vitest';
import { loadRegionTree } from '../../src/results/regions.js';
import { BANTEN_REGIONS_CSV } from '../../src/results/known.js';

describe('Region tree desa lookups', () => {
  it('give the same desa by number as by TPS code, through the KPU alias, before and after warm()', async () => {
    const tree = await loadRegionTree(BANTEN_REGIONS_CSV);
    const desa = [...tree.nodes.values()].filter((n) => n.level === 'desa_kelurahan').map((n) => n.code);
    expect(desa.length).toBeGreaterThan(1500);
    for (const code of [...desa, '3602162018', '3673019999', '3699999999']) {
      expect(tree.desaOfNumber(Number(code))).toBe(tree.desaOfTps(`${code}001`));
    }
    expect(tree.desaOfNumber(3602162018)).toBe('3602282009');
    expect(tree.desaOfNumber(3673019999)).toBeNull();
    tree.addAlias('3673011001', { scheme: 'kpu', code: '3673019998' });
    expect(tree.desaOfNumber(3673019998)).toBe('3673011001');
  });
});
