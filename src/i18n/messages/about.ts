import { defineMessages } from '../define.js';

/** The about, licence, contact and API pages. */
export const about = defineMessages({
  'about.title': { id: 'Tentang Kotak', en: 'About Kotak' },
  'about.lead': {
    id: 'Kotak adalah portal data terbuka pemilu untuk KPU Provinsi Banten dan delapan KPU Kabupaten/Kota di dalamnya.',
    en: 'Kotak is an open election-data portal for KPU Banten Province and the eight regency and city offices within it.',
  },
  'about.what.title': { id: 'Apa yang dapat Anda lakukan', en: 'What you can do here' },
  'about.what.1': {
    id: 'Mencari dan mengunduh dataset, dalam format terbuka dan melalui API yang kompatibel dengan CKAN.',
    en: 'Find and download datasets, in open formats and through a CKAN-compatible API.',
  },
  'about.what.2': {
    id: 'Menelusuri hasil pemilu dari provinsi sampai setiap TPS, dengan pemeriksaan aritmetika formulir C.Hasil.',
    en: 'Explore election results from the province down to every polling station (TPS), with the arithmetic of each C.Hasil form checked.',
  },
  'about.what.3': {
    id: 'Membuktikan bahwa sebuah berkas sama persis dengan yang diterbitkan, melalui log publikasi yang ditandatangani.',
    en: 'Prove that a file is exactly what was published, through a signed publication log.',
  },
  'about.what.4': {
    id: 'Melihat tingkat kematangan data terbuka setiap kantor KPU beserta bukti dan rekomendasinya.',
    en: 'See the open-data maturity level of each KPU office, with its evidence and recommendations.',
  },
  'about.flags.title': { id: 'Tanda, bukan vonis', en: 'Flags, not verdicts' },
  'about.flags.body': {
    id: 'Pemeriksaan aritmetika dan indikator statistik menandai angka yang perlu dilihat lagi. Tanda bukan bukti kecurangan: banyak disebabkan salah baca atau salah ketik, dan koreksinya tercatat dalam riwayat.',
    en: 'Arithmetic checks and statistical indicators flag figures worth a second look. A flag is not proof of fraud: many come from misreading or mistyping, and their corrections are kept in the history.',
  },
  'licence.title': { id: 'Lisensi', en: 'Licence' },
  'licence.data': {
    id: 'Setiap dataset mencantumkan lisensinya sendiri di halaman dataset. Dataset berlisensi terbuka boleh digunakan, diubah dan dibagikan ulang dengan menyebut sumbernya.',
    en: 'Each dataset states its own licence on its page. Openly licensed datasets may be used, changed and shared again with attribution.',
  },
  'licence.results': {
    id: 'Hasil pemilu berasal dari data publik Sirekap KPU; angka yang tidak lengkap atau tidak cocok ditampilkan apa adanya.',
    en: 'Election results come from KPU’s public Sirekap data; incomplete or inconsistent figures are shown as they are.',
  },
  'licence.boundaries': {
    id: 'Batas wilayah pada peta: cahyadsn/wilayah_boundaries (lisensi MIT), kode Kemendagri 2025.',
    en: 'Region boundaries on the map: cahyadsn/wilayah_boundaries (MIT licence), Kemendagri 2025 codes.',
  },
  'licence.software': {
    id: 'Perangkat lunak Kotak berlisensi MIT.',
    en: 'The Kotak software is licensed under the MIT licence.',
  },
  'contact.title': { id: 'Kontak', en: 'Contact' },
  'contact.data': {
    id: 'Untuk pertanyaan tentang isi sebuah dataset, hubungi kantor KPU penerbitnya: titik kontak tercantum di setiap halaman dataset dan organisasi.',
    en: 'For questions about a dataset’s content, contact the KPU office that published it: the contact point is shown on every dataset and organisation page.',
  },
  'contact.organizations': { id: 'Kantor penerbit', en: 'Publishing offices' },
  'api.title': { id: 'API', en: 'API' },
  'api.lead': {
    id: 'Semua yang ada di portal ini juga tersedia melalui API, tanpa pendaftaran untuk data publik.',
    en: 'Everything on this portal is also available through the API, without registration for public data.',
  },
  'api.ckan.title': { id: 'API Aksi CKAN', en: 'CKAN Action API' },
  'api.ckan.body': {
    id: 'Kompatibel dengan klien dan harvester CKAN yang sudah ada (mis. Satu Data Indonesia): /api/3/action/package_search.',
    en: 'Compatible with existing CKAN clients and harvesters (e.g. Satu Data Indonesia): /api/3/action/package_search.',
  },
  'api.rest.title': { id: 'REST API (OpenAPI 3)', en: 'REST API (OpenAPI 3)' },
  'api.rest.body': {
    id: 'API milik Kotak di /api/v1/, terdokumentasi dengan OpenAPI.',
    en: 'Kotak’s own API under /api/v1/, documented with OpenAPI.',
  },
  'api.rest.docs': { id: 'Buka dokumentasi OpenAPI', en: 'Open the OpenAPI documentation' },
  'api.rest.spec': { id: 'Spesifikasi OpenAPI (JSON)', en: 'OpenAPI specification (JSON)' },
  'api.log.title': { id: 'Log publikasi', en: 'Publication log' },
  'api.log.body': {
    id: 'Checkpoint bertanda tangan dan tile Merkle (C2SP tlog-tiles) di /log/, untuk diverifikasi oleh siapa saja.',
    en: 'Signed checkpoints and Merkle tiles (C2SP tlog-tiles) under /log/, for anyone to verify.',
  },
  'api.example.title': { id: 'Contoh', en: 'Example' },
  'api.tokens': {
    id: 'Untuk menulis data, kirim token API di header Authorization. Penerbit membuat token di ruang kerja.',
    en: 'To write data, send an API token in the Authorization header. Publishers create tokens in their workspace.',
  },
});
