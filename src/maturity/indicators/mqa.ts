/**
 * The 23 MQA metrics as quality indicators. Each one's value is the share of the office's datasets meeting it, its
 * weight the metric's MQA points, so Σ value × weight over the 23 is the office's MQA score out of 405.
 */
import { MQA_METRICS } from '../mqa.js';
import type { Indicator } from '../types.js';
import { NO_DATASETS, T } from './share.js';

const ADVICE: Readonly<Record<string, [string, string]>> = {
  'mqa.keywords': ['Tambahkan kata kunci pada {n} dataset.', 'Add keywords to {n} datasets.'],
  'mqa.themes': ['Tetapkan tema (mis. GOVE) pada {n} dataset.', 'Assign a theme (e.g. GOVE) to {n} datasets.'],
  'mqa.spatial': ['Isi cakupan wilayah (kode Kemendagri) pada {n} dataset.', 'Fill in the spatial coverage (Kemendagri code) of {n} datasets.'],
  'mqa.temporal': ['Isi cakupan waktu pada {n} dataset.', 'Fill in the temporal coverage of {n} datasets.'],
  'mqa.access-url-status': ['Perbaiki tautan yang rusak atau jalankan pemeriksaan tautan pada {n} dataset.', 'Fix broken links or run the link check for {n} datasets.'],
  'mqa.download-url': ['Unggah berkas atau tautkan langsung ke berkas (bukan halaman web) pada {n} dataset.', 'Upload the file or link directly to a file (not a web page) in {n} datasets.'],
  'mqa.download-url-status': ['Pastikan alamat unduh dapat dibuka pada {n} dataset.', 'Make sure the download address answers for {n} datasets.'],
  'mqa.format': ['Isi format sumber daya pada {n} dataset.', 'Fill in the resource format in {n} datasets.'],
  'mqa.media-type': ['Isi jenis media (mis. text/csv) pada {n} dataset.', 'Fill in the media type (e.g. text/csv) in {n} datasets.'],
  'mqa.format-vocabulary': ['Gunakan format dari kosakata EU atau jenis media IANA pada {n} dataset.', 'Use an EU file type or IANA media type in {n} datasets.'],
  'mqa.non-proprietary': ['Terbitkan juga format terbuka (CSV, JSON) pada {n} dataset.', 'Also publish an open format (CSV, JSON) in {n} datasets.'],
  'mqa.machine-readable': ['Terbitkan format yang dapat dibaca mesin, bukan hanya PDF, pada {n} dataset.', 'Publish a machine-readable format, not only PDF, in {n} datasets.'],
  'mqa.dcat-ap-compliance': ['Lengkapi properti wajib DCAT-AP (judul, deskripsi, alamat akses) pada {n} dataset.', 'Complete the mandatory DCAT-AP properties (title, description, access URL) of {n} datasets.'],
  'mqa.licence': ['Tetapkan lisensi pada {n} dataset.', 'Set a licence on {n} datasets.'],
  'mqa.licence-vocabulary': ['Pilih lisensi yang ada di kosakata lisensi EU (mis. CC-BY 4.0) pada {n} dataset.', 'Choose a licence from the EU licence vocabulary (e.g. CC-BY 4.0) for {n} datasets.'],
  'mqa.access-rights': ['Isi hak akses pada {n} dataset.', 'Fill in the access rights of {n} datasets.'],
  'mqa.access-rights-vocabulary': ['Gunakan PUBLIC/RESTRICTED/NON_PUBLIC untuk hak akses pada {n} dataset.', 'Use PUBLIC/RESTRICTED/NON_PUBLIC for the access rights of {n} datasets.'],
  'mqa.contact-point': ['Isi narahubung pada {n} dataset.', 'Fill in a contact point for {n} datasets.'],
  'mqa.publisher': ['Pastikan {n} dataset memiliki penerbit.', 'Make sure {n} datasets have a publisher.'],
  'mqa.rights': ['Tambahkan pernyataan hak (extra "rights") pada {n} dataset.', 'Add a rights statement (extra "rights") to {n} datasets.'],
  'mqa.byte-size': ['Catat ukuran berkas pada {n} dataset.', 'Record the file size in {n} datasets.'],
  'mqa.issued': ['Catat tanggal terbit pada {n} dataset.', 'Record the issue date of {n} datasets.'],
  'mqa.modified': ['Catat tanggal perubahan pada {n} dataset.', 'Record the modification date of {n} datasets.'],
};

export const MQA_INDICATORS: readonly Indicator[] = MQA_METRICS.map((m): Indicator => {
  const [adviceId, adviceEn] = ADVICE[m.id]!;
  return {
    id: m.id,
    dimension: 'quality',
    kind: 'automatic',
    title: { id: `MQA: ${m.title.id}`, en: `MQA: ${m.title.en}` },
    description: T(
      `Bagian dataset yang memenuhi metrik MQA "${m.title.en}" (${m.property}, tingkat ${m.level === 'dataset' ? 'dataset' : 'distribusi'}).`,
      `Share of datasets meeting the MQA metric "${m.title.en}" (${m.property}, ${m.level} level).`,
    ),
    sources: [{ framework: 'MQA', ref: `${m.category}: ${m.title.en}` }],
    advice: T(adviceId, adviceEn),
    evaluate({ evidence }) {
      const evaluated = evidence.datasets.map((d) => evidence.mqa.get(d.id)).filter((e) => e !== undefined);
      if (evaluated.length === 0) return { value: 0, evidence: [NO_DATASETS] };
      const items = evaluated.map((e) => {
        const met = e.met[m.id] ?? false;
        const note =
          m.id === 'mqa.dcat-ap-compliance'
            ? met ? undefined : e.violations.map((v) => `${v.focus} ${v.path ?? ''} ${v.constraint}`.trim()).join('; ')
            : m.level === 'distribution' && met ? `resources: ${(e.by[m.id] ?? []).join(', ')}` : undefined;
        return { kind: 'dataset' as const, ref: e.name, field: m.property, met, ...(note ? { note } : {}) };
      });
      const meeting = items.filter((i) => i.met).length;
      return { value: meeting / items.length, evidence: items, measures: { datasets: items.length, meeting } };
    },
  };
});
