/**
 * Demo catalogue for the maturity assessment: each of the nine Banten offices publishes in its own way, so their
 * scores differ for reasons a reader can check (issue 5 acceptance). Everything goes through actions, like any write.
 * Idempotent: an office that already has its demo datasets is left alone.
 *
 *   kota-serang       all four core kinds as CSV + JSON, full metadata, questionnaire yes and confirmed — the model
 *   kota-tangsel      all four kinds as CSV, no rights statement, no questionnaire
 *   kota-tangerang    XLSX only (proprietary), no spatial or temporal coverage, mixed answers
 *   kota-cilegon      three kinds as CSV, licence outside the EU vocabulary, no keywords, all "yes" but unconfirmed
 *   kab-tangerang     two CSV, two PDF, one link that answers 404
 *   kab-serang        links to web pages only (0 stars), no licence
 *   kab-lebak         PDF only with full metadata and a confirmed all-"yes" questionnaire — capped below level 3
 *   kab-pandeglang    one dataset with a title and a description, nothing else
 *   provinsi-banten   the seeded region CSV, a results CSV and a voter summary XLSX, a few answers
 */
import { QUESTIONS } from '../maturity/questionnaire.js';
import type { AnswerValue } from '../maturity/types.js';
import { invoke } from './invoke.js';
import type { ActionContext } from './types.js';

type Kind = 'hasil-pemilu' | 'daftar-pemilih' | 'logistik' | 'peserta-pemilu';
type Format = 'CSV' | 'JSON' | 'XLSX' | 'PDF' | 'HTML';

interface Profile {
  org: string;
  slug: string;
  regionCode: string;
  kinds: Kind[];
  /** Formats per dataset, cycling over kinds. */
  formats: Format[][];
  licence: string | null;
  omit: Array<'tags' | 'themes' | 'spatial' | 'temporal' | 'rights' | 'frequency' | 'contact' | 'access' | 'resources'>;
  /** Indexes (into kinds) of datasets whose first resource is an external link answering 404. */
  broken?: number[];
  answers?: { value: AnswerValue | ((i: number) => AnswerValue); confirmed: boolean; only?: number };
}

const TITLES: Record<Kind, string> = {
  'hasil-pemilu': 'Hasil Pemilu Presiden 2024 per TPS',
  'daftar-pemilih': 'Rekapitulasi Daftar Pemilih Tetap Pemilu 2024',
  logistik: 'Daftar TPS Pemilu 2024',
  'peserta-pemilu': 'Daftar Calon Tetap Anggota DPRD 2024',
};

export const DEMO_PROFILES: readonly Profile[] = [
  { org: 'kpu-kota-serang', slug: 'kota-serang', regionCode: '3673', kinds: ['hasil-pemilu', 'daftar-pemilih', 'logistik', 'peserta-pemilu'], formats: [['CSV', 'JSON']], licence: 'cc-by', omit: [], answers: { value: 'yes', confirmed: true } },
  { org: 'kpu-kota-tangerang-selatan', slug: 'kota-tangsel', regionCode: '3674', kinds: ['hasil-pemilu', 'daftar-pemilih', 'logistik', 'peserta-pemilu'], formats: [['CSV']], licence: 'cc-by', omit: ['rights'] },
  { org: 'kpu-kota-tangerang', slug: 'kota-tangerang', regionCode: '3671', kinds: ['hasil-pemilu', 'daftar-pemilih', 'logistik', 'peserta-pemilu'], formats: [['XLSX']], licence: 'cc-by', omit: ['spatial', 'temporal', 'rights'], answers: { value: (i) => (['yes', 'partial', 'no', 'unsure'] as const)[i % 4]!, confirmed: false } },
  { org: 'kpu-kota-cilegon', slug: 'kota-cilegon', regionCode: '3672', kinds: ['hasil-pemilu', 'daftar-pemilih', 'logistik'], formats: [['CSV']], licence: 'other-open', omit: ['tags', 'rights'], answers: { value: 'yes', confirmed: false } },
  { org: 'kpu-kabupaten-tangerang', slug: 'kab-tangerang', regionCode: '3603', kinds: ['hasil-pemilu', 'daftar-pemilih', 'logistik', 'peserta-pemilu'], formats: [['CSV'], ['CSV'], ['PDF'], ['PDF']], licence: 'cc-by', omit: ['rights', 'frequency'], broken: [1] },
  { org: 'kpu-kabupaten-serang', slug: 'kab-serang', regionCode: '3604', kinds: ['hasil-pemilu', 'peserta-pemilu'], formats: [['HTML']], licence: null, omit: ['rights', 'access', 'temporal'] },
  { org: 'kpu-kabupaten-lebak', slug: 'kab-lebak', regionCode: '3602', kinds: ['hasil-pemilu', 'daftar-pemilih', 'logistik', 'peserta-pemilu'], formats: [['PDF']], licence: 'cc-by', omit: [], answers: { value: 'yes', confirmed: true } },
  { org: 'kpu-kabupaten-pandeglang', slug: 'kab-pandeglang', regionCode: '3601', kinds: ['hasil-pemilu'], formats: [[]], licence: null, omit: ['tags', 'themes', 'spatial', 'temporal', 'rights', 'frequency', 'contact', 'access', 'resources'] },
  { org: 'kpu-provinsi-banten', slug: 'provinsi-banten', regionCode: '36', kinds: ['hasil-pemilu', 'daftar-pemilih'], formats: [['CSV'], ['XLSX']], licence: 'cc-by', omit: ['rights'], answers: { value: 'partial', confirmed: true, only: 6 } },
];

const MEDIA: Record<Format, string> = {
  CSV: 'text/csv',
  JSON: 'application/json',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  PDF: 'application/pdf',
  HTML: 'text/html',
};

function fileBytes(format: Format, title: string): Buffer {
  if (format === 'CSV') return Buffer.from(`kode_wilayah,nama,nilai\r\n3673011001,${title.replace(/,/g, ' ')},1\r\n`);
  if (format === 'JSON') return Buffer.from(JSON.stringify({ judul: title, baris: [{ kode_wilayah: '3673011001', nilai: 1 }] }));
  if (format === 'PDF') return Buffer.from(`%PDF-1.4\n% ${title}\n%%EOF\n`);
  return Buffer.from(`PK\u0003\u0004 ${title}`); // stands in for a spreadsheet; only its declared type matters here
}

export function demoDatasetName(p: Profile, kind: Kind): string {
  return `${kind}-2024-${p.slug}`;
}

async function seedProfile(ctx: ActionContext, p: Profile, round: string): Promise<void> {
  const title = (await invoke<{ title: string }>(ctx, 'organization.show', { id: p.org })).title;
  for (const [i, kind] of p.kinds.entries()) {
    const name = demoDatasetName(p, kind);
    const o = new Set(p.omit);
    const d = await invoke<{ id: string }>(ctx, 'dataset.create', {
      name,
      title: `${TITLES[kind]} — ${title}`,
      notes: `${TITLES[kind]} yang diterbitkan oleh ${title}.`,
      owner_org: p.org,
      groups: [kind],
      ...(p.licence ? { license_id: p.licence } : {}),
      ...(o.has('tags') ? {} : { tags: ['pemilu-2024', kind] }),
      ...(o.has('themes') ? {} : { themes: ['GOVE'] }),
      ...(o.has('spatial') ? {} : { spatial: [p.regionCode] }),
      ...(o.has('temporal') ? {} : { temporal_start: '2024-02-14', temporal_end: '2024-02-14' }),
      ...(o.has('frequency') ? {} : { frequency: 'IRREG' }),
      ...(o.has('contact') ? {} : { contact_name: `PPID ${title}`, contact_email: `ppid@${p.slug}.kpu.go.id` }),
      ...(o.has('access') ? {} : { access_rights: 'PUBLIC' }),
      ...(o.has('rights') ? {} : { extras: [{ key: 'rights', value: 'Bebas digunakan ulang dengan menyebut sumber.' }] }),
    });
    if (o.has('resources')) continue;
    const formats = p.formats[i % p.formats.length]!;
    for (const [k, format] of formats.entries()) {
      if (format === 'HTML' || (k === 0 && p.broken?.includes(i))) {
        await invoke(ctx, 'resource.create', { package_id: d.id, name: `${kind} (${format})`, url: `https://${p.slug}.kpu.go.id/${kind}`, format, mimetype: MEDIA[format], size: 2048 });
        continue;
      }
      const put = await ctx.services.blobs.put(fileBytes(format, TITLES[kind]));
      const filename = `${name}.${format.toLowerCase()}`;
      await invoke(ctx, 'resource.create', { package_id: d.id, name: filename, format }, { extra: { upload: { sha256: put.sha256, size: put.size, filename, mediaType: MEDIA[format] } } });
    }
  }
  // Recorded answers of an earlier link check: web pages answer, the broken link does not.
  const db = ctx.services.database.db;
  const links = await db
    .selectFrom('resources as r')
    .innerJoin('datasets as d', 'd.id', 'r.dataset_id')
    .innerJoin('organizations as o', 'o.id', 'd.organization_id')
    .select(['r.id', 'r.format', 'r.url_type'])
    .where('o.name', '=', p.org)
    .where('r.url_type', 'is', null)
    .execute();
  const checkedAt = ctx.services.now().toISOString();
  for (const l of links) {
    const status = l.format === 'HTML' ? { ok: true, httpStatus: 200, checkedAt } : { ok: false, httpStatus: 404, checkedAt };
    await db.updateTable('resources').set({ link_status: JSON.stringify(status) }).where('id', '=', l.id).execute();
  }
  if (p.answers) {
    const a = p.answers;
    const qs = QUESTIONS.slice(0, a.only ?? QUESTIONS.length);
    await invoke(ctx, 'maturity.answer', {
      organization: p.org, round,
      answers: qs.map((q, i) => ({ question: q.id, value: typeof a.value === 'function' ? a.value(i) : a.value, evidence: `Dokumen ${q.id} (${p.slug})` })),
    });
    if (a.confirmed) for (const q of qs) await invoke(ctx, 'maturity.confirm', { organization: p.org, round, question: q.id, confirm: true });
  }
}

/** Create the demo catalogue of every office that has none yet; returns the offices seeded. */
export async function seedMaturityDemo(ctx: ActionContext, round = String(ctx.services.now().getUTCFullYear())): Promise<string[]> {
  const db = ctx.services.database.db;
  const seeded: string[] = [];
  for (const p of DEMO_PROFILES) {
    if (!(await db.selectFrom('organizations').select('id').where('name', '=', p.org).executeTakeFirst())) continue;
    if (await db.selectFrom('datasets').select('id').where('name', '=', demoDatasetName(p, p.kinds[0]!)).executeTakeFirst()) continue;
    await seedProfile(ctx, p, round);
    seeded.push(p.org);
  }
  return seeded;
}
