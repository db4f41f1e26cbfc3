/**
 * Indicators the catalogue shows about an office's publishing practice: which core datasets exist, declared update
 * frequencies and whether they are kept, access without registration, permanence (versions kept, stable URLs) and
 * API availability.
 */
import { FREQUENCIES } from '../../catalog/dcat/vocabularies.js';
import type { Dataset } from '../../catalog/types.js';
import { answers } from '../mqa.js';
import type { EvidenceItem, Indicator } from '../types.js';
import { DAY_MS, NO_DATASETS, T, mean, shareOfDatasets } from './share.js';

export const coreDatasets: Indicator = {
  id: 'policy.core-datasets',
  dimension: 'policy',
  kind: 'automatic',
  title: T('Dataset inti diterbitkan', 'Core datasets published'),
  description: T(
    'Bagian jenis dataset inti kantor pemilu (hasil, daftar pemilih, logistik/TPS, peserta) yang punya setidaknya satu dataset publik.',
    'Share of the core dataset kinds of an election office (results, voter register, logistics/TPS, contestants) with at least one public dataset.',
  ),
  sources: [{ framework: 'ODM', ref: 'Policy: data inventory' }, { framework: 'OED', ref: 'complete' }],
  advice: T('Terbitkan jenis dataset inti yang belum ada ({n}).', 'Publish the missing core dataset kinds ({n}).'),
  evaluate({ evidence, config }) {
    const core = config.coreDatasets;
    const items: EvidenceItem[] = core.map((c) => {
      const found = evidence.datasets.filter((d) => d.groups.includes(c.group)).map((d) => d.name);
      return { kind: 'office', ref: c.group, field: 'groups', met: found.length > 0, note: found.length ? found.slice(0, 5).join(', ') : c.title.en };
    });
    const met = items.filter((i) => i.met).length;
    return { value: core.length ? met / core.length : 0, evidence: items, measures: { kinds: core.length, published: met } };
  },
};

export const updatePlan: Indicator = {
  id: 'policy.update-plan',
  dimension: 'policy',
  kind: 'automatic',
  title: T('Frekuensi pembaruan dinyatakan', 'Update frequency declared'),
  description: T(
    'Bagian dataset yang menyatakan frekuensi pembaruan dari kosakata EU (dct:accrualPeriodicity).',
    'Share of datasets declaring an update frequency from the EU vocabulary (dct:accrualPeriodicity).',
  ),
  sources: [{ framework: 'ODM', ref: 'Policy implementation: publication plan' }],
  advice: T('Nyatakan frekuensi pembaruan pada {n} dataset.', 'Declare the update frequency of {n} datasets.'),
  evaluate: ({ evidence }) =>
    shareOfDatasets(evidence.datasets, 'frequency', (d) => {
      const code = d.frequency?.toUpperCase();
      return { met: !!code && code in FREQUENCIES, note: d.frequency ?? 'none' };
    }),
};

/** When the data (not just the metadata) last changed: the newest resource, else the dataset. */
function lastDataChange(d: Dataset): string {
  const times = d.resources.map((r) => r.lastModified).filter(Boolean);
  return times.length ? times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)) : d.modified;
}

export const updateFrequency: Indicator = {
  id: 'timeliness.update-frequency',
  dimension: 'quality',
  kind: 'automatic',
  title: T('Diperbarui sesuai frekuensi', 'Updated as declared'),
  description: T(
    'Di antara dataset dengan jadwal pembaruan, bagian yang terakhir berubah dalam periode yang dinyatakan (plus toleransi).',
    'Among datasets with a scheduled update frequency, the share whose data last changed within the declared period (plus grace).',
  ),
  sources: [{ framework: 'ODM', ref: 'Quality: currency and completeness' }],
  advice: T('Perbarui {n} dataset yang terlambat dari jadwalnya, atau perbaiki frekuensinya.', 'Update {n} datasets that are overdue, or correct their declared frequency.'),
  evaluate({ evidence, config }) {
    const now = Date.parse(evidence.now);
    const scheduled = evidence.datasets.filter((d) => (FREQUENCIES[d.frequency?.toUpperCase() ?? '']?.days ?? null) !== null);
    if (scheduled.length === 0) {
      return { value: null, evidence: [{ kind: 'office', ref: 'frequency', met: false, note: 'no dataset declares a scheduled frequency' }] };
    }
    const items: EvidenceItem[] = scheduled.map((d) => {
      const days = FREQUENCIES[d.frequency!.toUpperCase()]!.days!;
      const age = (now - Date.parse(lastDataChange(d))) / DAY_MS;
      const met = age <= days * (1 + config.timeliness.tolerance);
      return { kind: 'dataset', ref: d.name, field: 'frequency, lastModified', met, note: `${d.frequency}: last change ${Math.floor(age)} days ago` };
    });
    const met = items.filter((i) => i.met).length;
    return { value: met / items.length, evidence: items, measures: { scheduled: items.length, onTime: met } };
  },
};

export const free: Indicator = {
  id: 'oed.free',
  dimension: 'publication',
  kind: 'automatic',
  title: T('Tersedia daring tanpa biaya', 'Free online'),
  description: T(
    'Bagian dataset dengan setidaknya satu sumber daya yang dapat dibuka (pemeriksaan tautan 2xx/3xx, atau berkas yang disimpan portal).',
    'Share of datasets with at least one resource that answers (link check 2xx/3xx, or a file the portal holds).',
  ),
  sources: [{ framework: 'OED', ref: 'free' }, { framework: 'GODI', ref: 'online, free' }],
  advice: T('Perbaiki atau unggah ulang sumber daya {n} dataset yang tidak dapat dibuka.', 'Fix or re-upload the resources of {n} datasets that cannot be opened.'),
  evaluate: ({ evidence }) =>
    shareOfDatasets(evidence.datasets, 'url, linkStatus', (d) => {
      const ok = d.resources.filter((r) => answers(r));
      return { met: ok.length > 0, note: d.resources.length ? `${ok.length}/${d.resources.length} resources answer` : 'no resources' };
    }),
};

const LOGIN_STATUSES = new Set([401, 403, 407]);

export const nonDiscriminatory: Indicator = {
  id: 'oed.non-discriminatory',
  dimension: 'publication',
  kind: 'automatic',
  title: T('Tanpa diskriminasi (tanpa pendaftaran)', 'Non-discriminatory (no registration)'),
  description: T(
    'Bagian dataset yang hak aksesnya tidak dibatasi dan punya sumber daya yang dapat diambil tanpa masuk akun (bukan 401/403).',
    'Share of datasets whose access rights are not restricted and that have a resource retrievable without logging in (not 401/403).',
  ),
  sources: [{ framework: 'OED', ref: 'non-discriminatory' }, { framework: 'GODI', ref: 'online without registration' }],
  advice: T('Hapus pembatasan akses atau kewajiban masuk akun pada {n} dataset.', 'Remove access restrictions or login walls from {n} datasets.'),
  evaluate: ({ evidence }) =>
    shareOfDatasets(evidence.datasets, 'accessRights, linkStatus', (d) => {
      const restricted = ['RESTRICTED', 'NON_PUBLIC'].includes(d.accessRights?.toUpperCase() ?? '');
      const open = d.resources.some((r) => !(r.linkStatus?.httpStatus && LOGIN_STATUSES.has(r.linkStatus.httpStatus)));
      return { met: !restricted && open, note: restricted ? `accessRights ${d.accessRights}` : open ? undefined : 'every resource asks for a login' };
    }),
};

export const permanent: Indicator = {
  id: 'oed.permanent',
  dimension: 'publication',
  kind: 'automatic',
  title: T('Permanen: versi tersimpan, URL stabil', 'Permanent: versions kept, stable URLs'),
  description: T(
    'Rata-rata per dataset dari dua syarat: setiap versi yang diganti masih dapat diambil, dan nama serta URL sumber daya tidak pernah berubah.',
    'Mean over datasets of two conditions: every replaced version is still retrievable, and the name and resource URLs never changed.',
  ),
  sources: [{ framework: 'OED', ref: 'permanent' }, { framework: 'ODM', ref: 'Quality: time series back to first publication' }],
  advice: T('Simpan versi lama dan jangan mengganti nama/URL pada {n} dataset.', 'Keep old versions and stop renaming or moving {n} datasets.'),
  evaluate({ evidence }) {
    if (evidence.datasets.length === 0) return { value: 0, evidence: [NO_DATASETS] };
    const scores: number[] = [];
    const items: EvidenceItem[] = evidence.datasets.map((d) => {
      const h = evidence.history.get(d.id) ?? { versionsReplaced: 0, versionsKept: 0, renamed: false, movedUrls: 0 };
      const versionsOk = h.versionsKept >= h.versionsReplaced;
      const stableOk = !h.renamed && h.movedUrls === 0;
      scores.push((Number(versionsOk) + Number(stableOk)) / 2);
      const notes = [
        versionsOk ? null : `${h.versionsReplaced - h.versionsKept} of ${h.versionsReplaced} replaced versions lost`,
        h.renamed ? 'renamed' : null,
        h.movedUrls ? `${h.movedUrls} resource URLs moved` : null,
      ].filter((x) => x !== null);
      return { kind: 'dataset', ref: d.name, field: 'history', met: versionsOk && stableOk, ...(notes.length ? { note: notes.join('; ') } : {}) };
    });
    return { value: mean(scores), evidence: items };
  },
};

export const api: Indicator = {
  id: 'access.api',
  dimension: 'publication',
  kind: 'automatic',
  title: T('Tersedia melalui API', 'Available through an API'),
  description: T(
    'Bagian dataset yang barisnya dapat dikueri melalui API (DataStore, atau API hasil untuk dataset hasil pemilu).',
    'Share of datasets whose rows can be queried through an API (DataStore, or the results API for results datasets).',
  ),
  sources: [{ framework: 'ODM', ref: 'Portal features: API access' }, { framework: 'OED', ref: 'complete and in bulk' }],
  advice: T('Muat tabel {n} dataset ke DataStore agar dapat dikueri melalui API.', 'Load the tables of {n} datasets into the DataStore so the API can query them.'),
  evaluate({ evidence }) {
    const viaResults = new Set(evidence.coverage.filter((c) => c.api && c.datasetId).map((c) => c.datasetId!));
    return shareOfDatasets(evidence.datasets, 'DataStore', (d) => {
      const store = d.resources.filter((r) => evidence.apiResourceIds.has(r.id)).length;
      const results = viaResults.has(d.id);
      return { met: store > 0 || results, note: results ? 'results API' : store ? `${store} resources in DataStore` : undefined };
    });
  },
};

export const CATALOGUE_INDICATORS: readonly Indicator[] = [coreDatasets, updatePlan, updateFrequency, free, nonDiscriminatory, permanent, api];
