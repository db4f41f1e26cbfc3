import type { FastifyInstance } from 'fastify';
import { invoke } from '../../../actions/invoke.js';
import { getAction } from '../../../actions/registry.js';
import type { ActionContext } from '../../../actions/types.js';
import { KotakError } from '../../../errors.js';
import type { Boundaries } from '../geo.js';
import type { PageContext } from '../context.js';
import type { PageKit } from '../kit.js';
import type { Crumb } from '../layout.js';
import type { ContestSummary, ElectionSummary, FlagsResult, ForensicsResult, RegionResult, TpsResult, TpsRow } from '../results-model.js';
import { forensicsPage, flagsPage, resultsHome } from '../views/results-more.js';
import { regionPage } from '../views/results-region.js';
import { tpsPage } from '../views/results-tps.js';
import { hasLog } from './integrity.js';
import type { HomeContributor } from './home.js';

/** The results part's actions (src/actions/results-read.ts, elections.ts); without them the pages are left out. */
export function hasResults(): boolean {
  return ['election.list', 'contest.list', 'results.region', 'results.tps'].every((a) => getAction(a) !== undefined);
}

const NATIONAL = 'ID';
const TTL_MS = 60_000;

/**
 * Names and titles the breadcrumbs need, remembered from earlier answers: region names never change within an
 * election (a new tree is a new election), contest titles rarely; both are kept a minute at most.
 */
class Names {
  private regions = new Map<string, string>();
  private contests = new Map<string, { at: number; election: ElectionSummary; contests: ContestSummary[] }>();
  learn(election: string, r: Pick<RegionResult, 'region' | 'children'>): void {
    this.regions.set(`${election}:${r.region.code}`, r.region.name);
    if (r.region.parent) this.regions.set(`${election}:${r.region.parent.code}`, r.region.parent.name);
    for (const c of r.children) this.regions.set(`${election}:${c.code}`, c.name);
    if (this.regions.size > 200_000) this.regions.clear();
  }
  region(election: string, code: string): string | undefined {
    return this.regions.get(`${election}:${code}`);
  }
  async election(action: ActionContext, id: string) {
    const hit = this.contests.get(id);
    if (hit && Date.now() - hit.at < TTL_MS) return hit;
    const elections = await invoke<ElectionSummary[]>(action, 'election.list', {});
    const election = elections.find((e) => e.id === id);
    if (!election) throw KotakError.notFound(`Election ${id}`);
    const entry = { at: Date.now(), election, contests: await invoke<ContestSummary[]>(action, 'contest.list', { election: id }) };
    this.contests.set(id, entry);
    return entry;
  }
}

/** Kemendagri codes nest by prefix (DOMAIN.md): 36 ⊃ 3673 ⊃ 367301 ⊃ 3673011001. */
function ancestorCodes(code: string): string[] {
  return [2, 4, 6, 10].filter((n) => n < code.length).map((n) => code.slice(0, n));
}

export function resultsRoutes(server: FastifyInstance, kit: PageKit, boundaries: Boundaries): void {
  const names = new Names();

  async function context(action: ActionContext, election: string, contest: string) {
    const e = await names.election(action, election);
    const c = e.contests.find((x) => x.id === contest);
    if (!c) throw KotakError.notFound(`Contest ${contest}`);
    return { election: e.election, contest: c };
  }

  async function region(action: ActionContext, election: string, contest: string, code: string): Promise<RegionResult> {
    const r = await invoke<RegionResult>(action, 'results.region', { election, contest, code });
    names.learn(election, r);
    return r;
  }

  /** Hasil › contest › province › … › here (names of ancestors fetched once, then remembered). */
  async function crumbs(page: PageContext, action: ActionContext, e: string, c: { id: string; title: string }, code: string, last: Crumb[]): Promise<Crumb[]> {
    const codes = code === NATIONAL ? [] : ancestorCodes(code);
    await Promise.all(codes.filter((a) => !names.region(e, a)).map((a) => region(action, e, c.id, a).catch(() => null)));
    return [
      { label: page.t('res.title'), href: '/hasil' },
      { label: c.title, href: `/hasil/${e}/${c.id}` },
      ...codes.map((a) => ({ label: names.region(e, a) ?? a, href: `/hasil/${e}/${c.id}/${a}` })),
      ...last,
    ];
  }

  const guard = () => {
    if (!hasResults()) throw KotakError.notFound('Page');
  };

  server.get('/hasil', async (req, reply) => {
    guard();
    const { page, action } = await kit.begin(req, reply);
    const elections = await invoke<ElectionSummary[]>(action, 'election.list', {});
    const list = await Promise.all(elections.map(async (election) => ({ election, contests: (await names.election(action, election.id)).contests })));
    return kit.send(reply, resultsHome(page, list));
  });

  server.get<{ Params: { election: string; contest: string } }>('/hasil/:election/:contest', async (req, reply) => {
    guard();
    const { action } = await kit.begin(req, reply);
    await context(action, req.params.election, req.params.contest);
    const root = await region(action, req.params.election, req.params.contest, NATIONAL);
    // A tree with one province starts at that province (the national level would be a page with one row).
    const start = root.children.length === 1 ? root.children[0]!.code : NATIONAL;
    return reply.redirect(`/hasil/${req.params.election}/${req.params.contest}/${start}`, 302);
  });

  server.get<{ Params: { election: string; contest: string; code: string } }>('/hasil/:election/:contest/:code', async (req, reply) => {
    guard();
    const { page, action } = await kit.begin(req, reply);
    const { election: e, contest: c, code } = req.params;
    const ctx = await context(action, e, c);
    const r = await region(action, e, c, code);
    let tps: { rows: TpsRow[]; flagged: Map<string, string[]> } | undefined;
    if (r.region.level === 'desa_kelurahan') {
      const [rows, flags] = await Promise.all([tpsRows(action, e, c, code), invoke<FlagsResult>(action, 'results.flags', { election: e, contest: c, region: code, limit: 1000 })]);
      const flagged = new Map<string, string[]>();
      for (const f of flags.flags) flagged.set(f.tps, [...(flagged.get(f.tps) ?? []), f.rule]);
      // TPS of the election's TPS list that no file mentioned have no form, only their `missing_tps` flag: listed empty.
      const have = new Set(rows.map((x) => x.tps_code));
      for (const [code, rules] of flagged) if (!have.has(code) && rules.includes('missing_tps')) rows.push(emptyTpsRow(code, r.selections));
      rows.sort((a, b) => (a.tps_code < b.tps_code ? -1 : 1));
      tps = { rows, flagged };
    }
    const rules = getAction('results.flags') ? (await invoke<FlagsResult>(action, 'results.flags', { election: e, contest: c, limit: 1 })).rules : [];
    return kit.send(
      reply,
      regionPage(page, {
        r,
        electionTitle: ctx.election.title,
        contestTitle: ctx.contest.title,
        crumbs: await crumbs(page, action, e, ctx.contest, r.region.code, [{ label: r.region.name }]),
        map: r.children.length > 0 && boundaries.hasChildren(r.region.code),
        metric: page.query.get('peta') ?? '',
        rules,
        tps,
      }),
    );
  });

  server.get<{ Params: { election: string; contest: string; tps: string } }>('/hasil/:election/:contest/tps/:tps', async (req, reply) => {
    guard();
    const { page, action } = await kit.begin(req, reply);
    const { election: e, contest: c } = req.params;
    const ctx = await context(action, e, c);
    const r = await invoke<TpsResult>(action, 'results.tps', { election: e, contest: c, tps: req.params.tps });
    const desa = await region(action, e, c, r.region.code);
    // The TPS receipt (results.receipt): the latest log entry covering these figures, through the import's TPS tree.
    const receipt = r.receipt && hasLog() && getAction('results.receipt') ? `/api/v1/elections/${encodeURIComponent(e)}/contests/${encodeURIComponent(c)}/tps/${r.tps}/receipt` : null;
    const crumbTrail = await crumbs(page, action, e, ctx.contest, r.region.code, [
      { label: r.region.name, href: `/hasil/${e}/${c}/${r.region.code}` },
      { label: `TPS ${r.tps.slice(10)}` },
    ]);
    return kit.send(reply, tpsPage(page, { r, selections: desa.selections, electionTitle: ctx.election.title, contestTitle: ctx.contest.title, crumbs: crumbTrail, receipt }));
  });

  server.get<{ Params: { election: string; contest: string; code: string } }>('/hasil/:election/:contest/:code/forensik', async (req, reply) => {
    guard();
    if (!getAction('results.forensics')) throw KotakError.notFound('Page');
    const { page, action } = await kit.begin(req, reply);
    const { election: e, contest: c, code } = req.params;
    const ctx = await context(action, e, c);
    const f = await invoke<ForensicsResult>(action, 'results.forensics', { election: e, contest: c, code });
    const crumbTrail = await crumbs(page, action, e, ctx.contest, f.region.code, [
      { label: f.region.name, href: `/hasil/${e}/${c}/${f.region.code}` },
      { label: page.t('res.forensics') },
    ]);
    return kit.send(reply, forensicsPage(page, f, crumbTrail));
  });

  server.get<{ Params: { election: string; contest: string; code: string } }>('/hasil/:election/:contest/:code/tanda', async (req, reply) => {
    guard();
    const { page, action } = await kit.begin(req, reply);
    const { election: e, contest: c, code } = req.params;
    const ctx = await context(action, e, c);
    const rule = page.query.get('aturan');
    const pageNo = Math.max(1, Number.parseInt(page.query.get('page') ?? '1', 10) || 1);
    const limit = 100;
    const f = await invoke<FlagsResult>(action, 'results.flags', { election: e, contest: c, region: code, limit, offset: (pageNo - 1) * limit, ...(rule ? { rule } : {}) });
    const name = names.region(e, code) ?? (await region(action, e, c, code)).region.name;
    const crumbTrail = await crumbs(page, action, e, ctx.contest, code, [{ label: name, href: `/hasil/${e}/${c}/${code}` }, { label: page.t('res.flags') }]);
    return kit.send(reply, flagsPage(page, f, { regionName: name, rule, page: pageNo, crumbs: crumbTrail, base: `/hasil/${e}/${c}` }));
  });
}

/** The home page's results figure: TPS with figures in the latest election's first contest. */
export const resultsHomeContributor: HomeContributor = async (_kit, { page, action }) => {
  if (!hasResults()) return null;
  const [election] = await invoke<ElectionSummary[]>(action, 'election.list', {});
  if (!election) return null;
  const [contest] = await invoke<ContestSummary[]>(action, 'contest.list', { election: election.id });
  if (!contest) return null;
  const root = await invoke<RegionResult>(action, 'results.region', { election: election.id, contest: contest.id, code: NATIONAL });
  return { figures: [{ value: root.coverage.tps_reported, label: page.t('home.fig.tps'), href: `/hasil/${election.id}/${contest.id}` }] };
};

/** The TPS of a desa with their figures, through results.download (TPS level, JSON). */
function emptyTpsRow(code: string, selections: { key: string }[]): TpsRow {
  const votes: Record<string, number | null> = {};
  for (const s of selections) votes[s.key] = null;
  return { tps_code: code, votes, suara_sah: null, suara_tidak_sah: null, suara_total: null, pemilih_dpt_total: null, pengguna_total: null };
}

async function tpsRows(action: ActionContext, election: string, contest: string, code: string): Promise<TpsRow[]> {
  const d = await invoke<{ body: AsyncIterable<string | Uint8Array> }>(action, 'results.download', { election, contest, code, level: 'tps', format: 'json' });
  let text = '';
  for await (const chunk of d.body) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return JSON.parse(text) as TpsRow[];
}
