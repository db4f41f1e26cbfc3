/**
 * The questionnaire, adapted from the EU Open Data Maturity 2023 questionnaire (STANDARDS.md, ODM; template
 * `tursics/maturity-report:2023/`) from a country to one election office. Only what a catalogue cannot show is asked:
 * policy, governance, publication practice, quality procedures and impact. Each answer is yes / partial / no / unsure
 * with a justification (ODM "Justification"), answered per office per assessment round and confirmed by an assessor
 * from outside the office (ODM reviewers).
 *
 * Weights are in config/maturity.json under the question id.
 */
import type { Bilingual, Dimension } from './types.js';

export interface Question {
  id: string;
  dimension: Dimension;
  section: Bilingual;
  text: Bilingual;
  /** What counts as evidence for "yes" (ODM "Guide to answering"). */
  guide: Bilingual;
  /** The ODM item it adapts. */
  source: string;
}

const POLICY: Bilingual = { id: 'Kebijakan data terbuka', en: 'Open data policy' };
const GOVERNANCE: Bilingual = { id: 'Tata kelola', en: 'Governance' };
const IMPLEMENTATION: Bilingual = { id: 'Pelaksanaan', en: 'Implementation' };
const PORTAL: Bilingual = { id: 'Praktik publikasi', en: 'Publication practice' };
const QUALITY: Bilingual = { id: 'Pemantauan kualitas', en: 'Quality monitoring' };
const AWARENESS: Bilingual = { id: 'Kesadaran strategis dan pengukuran', en: 'Strategic awareness and measuring reuse' };
const IMPACT: Bilingual = { id: 'Dampak yang tercipta', en: 'Created impact' };

export const QUESTIONS: readonly Question[] = [
  {
    id: 'odm.policy.framework', dimension: 'policy', section: POLICY, source: 'ODM 2023 §1.1 Policy framework, Q1–Q2',
    text: { id: 'Apakah kantor memiliki kebijakan atau keputusan tertulis tentang data terbuka pemilu?', en: 'Does the office have a written policy or decision on open election data?' },
    guide: { id: 'Sebutkan nomor dan tautan keputusan atau kebijakan.', en: 'Give the number and link of the decision or policy.' },
  },
  {
    id: 'odm.policy.tps-commitment', dimension: 'policy', section: POLICY, source: 'ODM 2023 §1.1 Q6a (dynamic data), adapted to OED "granular"',
    text: { id: 'Apakah kebijakan itu mewajibkan penerbitan hasil hingga tingkat TPS dengan lisensi terbuka?', en: 'Does that policy require publishing results down to TPS level under an open licence?' },
    guide: { id: 'Kutip pasal yang menyebut tingkat TPS dan lisensi.', en: 'Quote the article naming TPS level and the licence.' },
  },
  {
    id: 'odm.policy.review', dimension: 'policy', section: POLICY, source: 'ODM 2023 §1.1 Q3',
    text: { id: 'Apakah kebijakan ditinjau dalam 24 bulan terakhir?', en: 'Has the policy been reviewed in the past 24 months?' },
    guide: { id: 'Sebutkan tanggal dan perubahan utama.', en: 'Give the date and the main changes.' },
  },
  {
    id: 'odm.policy.action-plan', dimension: 'policy', section: POLICY, source: 'ODM 2023 §1.1 Q5',
    text: { id: 'Apakah ada rencana aksi dengan langkah, tenggat dan penanggung jawab?', en: 'Is there an action plan with measures, deadlines and owners?' },
    guide: { id: 'Lampirkan rencana aksi atau tautannya.', en: 'Attach or link the action plan.' },
  },
  {
    id: 'odm.governance.officer', dimension: 'policy', section: GOVERNANCE, source: 'ODM 2023 §1.2 Governance (open data team and roles)',
    text: { id: 'Apakah ada petugas atau tim yang ditunjuk untuk data terbuka (mis. PPID, walidata Satu Data)?', en: 'Is there a designated open-data officer or team (e.g. PPID, Satu Data walidata)?' },
    guide: { id: 'Sebutkan surat penunjukan.', en: 'Name the appointment letter.' },
  },
  {
    id: 'odm.governance.training', dimension: 'policy', section: GOVERNANCE, source: 'ODM 2023 §1.2 (training of civil servants)',
    text: { id: 'Apakah staf mendapat pelatihan data terbuka setidaknya sekali setahun?', en: 'Do staff receive open-data training at least once a year?' },
    guide: { id: 'Sebutkan pelatihan terakhir dan pesertanya.', en: 'Name the last training and who attended.' },
  },
  {
    id: 'odm.governance.feedback', dimension: 'policy', section: GOVERNANCE, source: 'ODM 2023 §3 Portal (feedback and data requests)',
    text: { id: 'Apakah pengguna dapat meminta data dan melaporkan kesalahan, dan apakah permintaan itu dijawab?', en: 'Can users request data and report errors, and are the requests answered?' },
    guide: { id: 'Tunjukkan saluran dan contoh jawaban.', en: 'Show the channel and an example answer.' },
  },
  {
    id: 'odm.implementation.inventory', dimension: 'policy', section: IMPLEMENTATION, source: 'ODM 2023 §1.1 Q9a (data inventory)',
    text: { id: 'Apakah ada inventaris seluruh data yang dikelola kantor, termasuk yang belum terbuka?', en: 'Is there an inventory of all data the office holds, including data not yet open?' },
    guide: { id: 'Lampirkan daftar inventaris.', en: 'Attach the inventory.' },
  },
  {
    id: 'odm.implementation.satu-data', dimension: 'policy', section: IMPLEMENTATION, source: 'ODM 2023 §3 Portal (harvesting by the national portal); Perpres 39/2019 Satu Data Indonesia',
    text: { id: 'Apakah katalog kantor dipanen oleh portal Satu Data Indonesia?', en: 'Is the office catalogue harvested by the Satu Data Indonesia portal?' },
    guide: { id: 'Beri tautan ke data kantor di portal nasional.', en: 'Link to the office data on the national portal.' },
  },
  {
    id: 'odm.portal.simultaneous', dimension: 'publication', section: PORTAL, source: 'ODM 2023 §4 Quality (currency); OED "timely"',
    text: { id: 'Apakah hasil diterbitkan di portal bersamaan dengan pengumuman resmi?', en: 'Are results published on the portal at the same time as the official announcement?' },
    guide: { id: 'Bandingkan waktu terbit dengan berita acara pengumuman.', en: 'Compare publication time with the announcement record.' },
  },
  {
    id: 'odm.portal.corrections', dimension: 'publication', section: PORTAL, source: 'ODM 2023 §4 Quality; DOMAIN.md "what went wrong in 2024"',
    text: { id: 'Apakah koreksi data diterbitkan dengan riwayat dan penjelasan yang terlihat?', en: 'Are data corrections published with a visible history and explanation?' },
    guide: { id: 'Tunjukkan satu koreksi beserta riwayatnya.', en: 'Show one correction and its history.' },
  },
  {
    id: 'odm.portal.calendar', dimension: 'publication', section: PORTAL, source: 'ODM 2023 §3 Portal (data provision); OED "timely"',
    text: { id: 'Apakah jadwal penerbitan data pemilu diumumkan sebelum pemungutan suara?', en: 'Is a publication calendar for election data announced before voting day?' },
    guide: { id: 'Beri tautan jadwal.', en: 'Link the calendar.' },
  },
  {
    id: 'odm.quality.monitoring', dimension: 'quality', section: QUALITY, source: 'ODM 2023 §4 Quality (monitoring and measures)',
    text: { id: 'Apakah kualitas metadata dipantau secara berkala dan hasilnya ditindaklanjuti?', en: 'Is metadata quality monitored regularly and acted upon?' },
    guide: { id: 'Tunjukkan laporan pemantauan terakhir.', en: 'Show the last monitoring report.' },
  },
  {
    id: 'odm.quality.arithmetic-checks', dimension: 'quality', section: QUALITY, source: 'ODM 2023 §4 Quality; DOMAIN.md "arithmetic a C.Hasil must satisfy"',
    text: { id: 'Apakah data hasil diperiksa terhadap aritmetika formulir C.Hasil sebelum terbit?', en: 'Are results checked against the C.Hasil form arithmetic before publication?' },
    guide: { id: 'Jelaskan pemeriksaan dan contoh temuan.', en: 'Describe the checks and an example finding.' },
  },
  {
    id: 'odm.quality.correction-procedure', dimension: 'quality', section: QUALITY, source: 'ODM 2023 §4 Quality',
    text: { id: 'Apakah ada prosedur tertulis untuk memperbaiki data yang salah?', en: 'Is there a written procedure for correcting wrong data?' },
    guide: { id: 'Lampirkan prosedur.', en: 'Attach the procedure.' },
  },
  {
    id: 'odm.impact.strategy', dimension: 'impact', section: AWARENESS, source: 'ODM 2023 §2 Impact (strategic awareness)',
    text: { id: 'Apakah kantor menetapkan dampak yang ingin dicapai dari data terbuka pemilu?', en: 'Has the office defined the impact it wants from open election data?' },
    guide: { id: 'Kutip dokumen yang menyebut tujuan dampak.', en: 'Quote the document stating the intended impact.' },
  },
  {
    id: 'odm.impact.measuring', dimension: 'impact', section: AWARENESS, source: 'ODM 2023 §2 Impact (measuring reuse)',
    text: { id: 'Apakah kantor menelaah statistik penggunaan (unduhan, panggilan API) secara berkala?', en: 'Does the office review usage statistics (downloads, API calls) regularly?' },
    guide: { id: 'Tunjukkan telaah terakhir.', en: 'Show the last review.' },
  },
  {
    id: 'odm.impact.reuse-cases', dimension: 'impact', section: AWARENESS, source: 'ODM 2023 §2 Impact (reuse cases)',
    text: { id: 'Apakah kantor mengumpulkan contoh penggunaan ulang data (media, riset, masyarakat sipil)?', en: 'Does the office collect examples of reuse (media, research, civil society)?' },
    guide: { id: 'Sebutkan tiga contoh terbaru.', en: 'Name three recent examples.' },
  },
  {
    id: 'odm.impact.governmental', dimension: 'impact', section: IMPACT, source: 'ODM 2023 §2 Impact (political/governmental impact)',
    text: { id: 'Apakah data dipakai lembaga negara (mis. Bawaslu, DPRD) untuk pengawasan atau kebijakan?', en: 'Has the data been used by state bodies (e.g. Bawaslu, DPRD) for oversight or policy?' },
    guide: { id: 'Sebutkan kasus dan tautannya.', en: 'Name the case and link it.' },
  },
  {
    id: 'odm.impact.social', dimension: 'impact', section: IMPACT, source: 'ODM 2023 §2 Impact (social impact)',
    text: { id: 'Apakah masyarakat sipil atau warga memakai data untuk memantau pemilu (mis. KawalPemilu, Perludem)?', en: 'Have civil society or citizens used the data to monitor the election (e.g. KawalPemilu, Perludem)?' },
    guide: { id: 'Sebutkan kasus dan tautannya.', en: 'Name the case and link it.' },
  },
  {
    id: 'odm.impact.economic', dimension: 'impact', section: IMPACT, source: 'ODM 2023 §2 Impact (economic impact)',
    text: { id: 'Apakah data dipakai dalam produk media atau layanan (mis. visualisasi, aplikasi)?', en: 'Has the data been used in media products or services (e.g. visualisations, apps)?' },
    guide: { id: 'Sebutkan produk dan tautannya.', en: 'Name the product and link it.' },
  },
];

export function questionById(id: string): Question | undefined {
  return QUESTIONS.find((q) => q.id === id);
}
