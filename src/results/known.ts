/**
 * The elections and contests Kotak ships data for: Pemilu 2024 with its presidential contest (PPWP), whose three
 * candidate pairs and their Sirekap chart ids come from fixtures/results/candidates.json (see SOURCES-results.md).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ContestSpec, Election } from './types.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/results/', import.meta.url));
export const BANTEN_RESULTS_CSV = `${FIXTURES_DIR}banten-ppwp-2024-tps.csv`;
export const BANTEN_REGIONS_CSV = `${FIXTURES_DIR}banten-regions.csv`;

export const PEMILU_2024: Election = {
  id: 'pemilu-2024',
  kind: 'pemilu',
  title: 'Pemilihan Umum 2024',
  date: '2024-02-14',
};

interface CandidatesFile {
  candidates: { column: string; nomor_urut: number; sirekap_id: string; short: string; nama: string }[];
}

/**
 * The PPWP 2024 contest.
 *
 * @example
 *   compileContest(ppwp2024()).selections.map((s) => s.column); // ['votes_01', 'votes_02', 'votes_03']
 */
export function ppwp2024(): ContestSpec {
  const file = JSON.parse(readFileSync(`${FIXTURES_DIR}candidates.json`, 'utf8')) as CandidatesFile;
  return {
    electionId: PEMILU_2024.id,
    id: 'ppwp',
    kind: 'ppwp',
    title: 'Pemilihan Presiden dan Wakil Presiden 2024',
    parties: [],
    districts: [],
    candidates: file.candidates.map((c) => ({ number: c.nomor_urut, name: c.nama, externalIds: { sirekap: c.sirekap_id } })),
  };
}
