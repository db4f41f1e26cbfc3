/** Official recapitulation figures (D.Hasil) per region, beside the computed ones. */
import type { Executor, Tx } from '../db.js';
import type { OfficialRecap } from '../../results/official.js';

export async function upsertOfficial(trx: Tx, electionId: string, contestId: string, rows: OfficialRecap[], sha256: string, created: string): Promise<void> {
  for (const r of rows) {
    await trx.deleteFrom('results_official').where('election_id', '=', electionId).where('contest_id', '=', contestId).where('region_code', '=', r.region).execute();
    await trx
      .insertInto('results_official')
      .values({ election_id: electionId, contest_id: contestId, region_code: r.region, figures: JSON.stringify({ admin: r.admin, votes: r.votes }), source_sha256: sha256, created })
      .execute();
  }
}

export async function listOfficial(db: Executor, electionId: string, contestId: string): Promise<(OfficialRecap & { sourceSha256: string; created: string })[]> {
  const rows = await db.selectFrom('results_official').selectAll().where('election_id', '=', electionId).where('contest_id', '=', contestId).orderBy('region_code').execute();
  return rows.map((r) => {
    const f = JSON.parse(r.figures) as Pick<OfficialRecap, 'admin' | 'votes'>;
    return { region: r.region_code, admin: f.admin, votes: f.votes, sourceSha256: r.source_sha256, created: r.created };
  });
}
