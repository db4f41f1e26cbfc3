import { defineMessages } from '../define.js';

/** The integrity page (/integritas): the publication log, its key, and verifying a file. */
export const integrity = defineMessages({
  'int.title': { id: 'Integritas dan verifikasi', en: 'Integrity and verification' },
  'int.lead': {
    id: 'Setiap publikasi portal ini — versi dataset, berkas, hasil TPS dan koreksinya — dicatat di log yang hanya bisa ditambah, dengan checkpoint yang ditandatangani. Siapa pun dapat membuktikan bahwa sebuah berkas sama persis dengan yang diterbitkan, dan bahwa tidak ada yang diubah atau dihapus diam-diam.',
    en: 'Every publication of this portal — dataset versions, files, TPS results and their corrections — is recorded in an append-only log with signed checkpoints. Anyone can prove that a file is exactly what was published, and that nothing was altered or removed in silence.',
  },
  'int.verify.title': { id: 'Verifikasi sebuah berkas', en: 'Verify a file' },
  'int.verify.lead': {
    id: 'Pilih berkas yang Anda unduh: peramban menghitung sidik jari SHA-256-nya dan memeriksanya terhadap log dengan kunci publik portal. Berkas tidak diunggah.',
    en: 'Choose a file you downloaded: your browser computes its SHA-256 fingerprint and checks it against the log with the portal’s public key. The file is not uploaded.',
  },
  'int.verify.nojs': {
    id: 'Tanpa JavaScript: hitung SHA-256 berkas dengan perintah berikut, lalu tempelkan hasilnya.',
    en: 'Without JavaScript: compute the file’s SHA-256 with one of these commands, then paste the result.',
  },
  'int.verify.sha256': { id: 'SHA-256 berkas (64 karakter heksadesimal)', en: 'SHA-256 of the file (64 hexadecimal characters)' },
  'int.verify.check': { id: 'Periksa', en: 'Check' },
  'int.verify.invalid': { id: 'Itu bukan SHA-256: masukkan 64 karakter 0–9 dan a–f.', en: 'That is not a SHA-256: enter 64 characters 0–9 and a–f.' },
  'int.verify.found': { id: 'Tercatat di log publikasi', en: 'Recorded in the publication log' },
  'int.verify.foundBody': {
    id: '{name} diterbitkan oleh {org} pada {time} (entri #{index}).',
    en: '{name} was published by {org} at {time} (entry #{index}).',
  },
  'int.verify.again': {
    id: 'Isi yang sama juga diterbitkan pada entri: {indexes}.',
    en: 'The same content was also published in entries: {indexes}.',
  },
  'int.verify.notFound': { id: 'Tidak ditemukan di log', en: 'Not found in the log' },
  'int.verify.notFoundBody': {
    id: 'Portal ini tidak pernah menerbitkan berkas dengan SHA-256 tersebut. Berkas mungkin telah diubah, walau hanya satu bita.',
    en: 'This portal never published a file with that SHA-256. The file may have been changed, even by a single byte.',
  },
  'int.verify.receipt': { id: 'Unduh tanda terima (untuk verifikasi luring)', en: 'Download the receipt (for offline verification)' },
  'int.verify.offline': {
    id: 'Verifikasi luring dengan alat baris perintah Kotak:',
    en: 'Verify offline with the Kotak command-line tool:',
  },
  'int.log.title': { id: 'Log publikasi', en: 'Publication log' },
  'int.log.size': { id: 'Jumlah entri', en: 'Entries' },
  'int.log.origin': { id: 'Asal (origin)', en: 'Origin' },
  'int.log.root': { id: 'Hash akar (root)', en: 'Root hash' },
  'int.log.checkpoint': { id: 'Checkpoint bertanda tangan terbaru', en: 'Latest signed checkpoint' },
  'int.log.none': { id: 'Log belum memiliki checkpoint.', en: 'The log has no checkpoint yet.' },
  'int.key.title': { id: 'Kunci publik portal', en: 'The portal’s public key' },
  'int.key.lead': {
    id: 'Simpan kunci ini. Dengan kunci ini Anda dapat memeriksa tanda tangan setiap checkpoint, juga jika portal tidak tersedia.',
    en: 'Keep this key. With it you can check the signature of every checkpoint, even when the portal is not available.',
  },
  'int.latest.title': { id: 'Entri terbaru', en: 'Latest entries' },
  'int.entry.index': { id: 'Nomor', en: 'Index' },
  'int.entry.kind': { id: 'Jenis', en: 'Kind' },
  'int.entry.name': { id: 'Isi', en: 'Content' },
  'int.kind.dataset-version': { id: 'Versi dataset', en: 'Dataset version' },
  'int.kind.resource': { id: 'Berkas', en: 'File' },
  'int.kind.results-import': { id: 'Impor hasil', en: 'Results import' },
  'int.kind.results-correction': { id: 'Koreksi hasil', en: 'Results correction' },
  'int.kind.official-recap': { id: 'Rekapitulasi resmi', en: 'Official recapitulation' },
  'int.kind.tps-list': { id: 'Daftar TPS', en: 'TPS list' },
  'int.kind.maturity-assessment': { id: 'Penilaian kematangan', en: 'Maturity assessment' },
  'int.kind.key-change': { id: 'Pergantian kunci', en: 'Key change' },
  'int.monitor.title': { id: 'Awasi log ini', en: 'Monitor this log' },
  'int.monitor.body': {
    id: 'Pemantau independen dapat mengikuti checkpoint dan memastikan log tidak pernah ditulis ulang: kotak monitor {url}',
    en: 'An independent monitor can follow the checkpoints and make sure the log is never rewritten: kotak monitor {url}',
  },
});
