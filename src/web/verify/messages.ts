/** Texts of the browser verifier, Indonesian and English (the page's `lang` picks one). */
import type { BrowserResult } from './verify.js';

export type Lang = 'id' | 'en';

const T = {
  id: {
    prompt: 'Pilih atau letakkan berkas di sini untuk memeriksa apakah berkas itu diterbitkan portal ini. Berkas tidak diunggah: hash dihitung di peramban Anda.',
    receipt: 'Tanda terima (.tlog-proof, atau .tps-receipt untuk hasil TPS), jika ada',
    checking: 'Memeriksa…',
    verified: 'Terverifikasi: berkas ini persis yang diterbitkan.',
    'not-logged': 'Berkas ini tidak tercatat di log publikasi portal ini.',
    'content-mismatch': 'Berkas ini berbeda dari yang diterbitkan.',
    'not-included': 'Bukti inklusi tidak cocok dengan checkpoint yang ditandatangani.',
    'bad-signature': 'Tanda tangan checkpoint tidak valid untuk kunci log.',
    'bad-receipt': 'Tanda terima rusak.',
    error: 'Pemeriksaan gagal.',
    published: (time: string, org: string) => `Diterbitkan ${time}${org ? ` oleh ${org}` : ''}`,
    entry: (i: number, size: number) => `Entri #${i} dari log berisi ${size} entri`,
    sigValid: 'Tanda tangan Ed25519 log diperiksa: valid.',
    sigUnsupported: 'Peramban ini tidak mendukung Ed25519, jadi tanda tangan tidak diperiksa di sini. Periksa secara luring dengan `kotak verify`.',
    sigNoKey: 'Kunci log tidak tersedia; tanda tangan tidak diperiksa.',
    download: 'Unduh tanda terima',
    tps: (tps: string, version: number, tree: { index: number; size: number } | null) =>
      `Hasil TPS ${tps} versi ${version}, ${tree ? `hasil ke-${tree.index + 1} dari ${tree.size} dalam pohon TPS impornya` : 'dengan entri koreksinya sendiri'}`,
  },
  en: {
    prompt: 'Choose or drop a file here to check whether this portal published it. Nothing is uploaded: the hash is computed in your browser.',
    receipt: 'Receipt (.tlog-proof, or .tps-receipt for a TPS result), if you have one',
    checking: 'Checking…',
    verified: 'Verified: this file is exactly what was published.',
    'not-logged': 'This file is not recorded in the publication log of this portal.',
    'content-mismatch': 'This file differs from what was published.',
    'not-included': 'The inclusion proof does not match the signed checkpoint.',
    'bad-signature': 'The checkpoint signature is not valid for the log key.',
    'bad-receipt': 'The receipt is damaged.',
    error: 'The check failed.',
    published: (time: string, org: string) => `Published ${time}${org ? ` by ${org}` : ''}`,
    entry: (i: number, size: number) => `Entry #${i} of a log of ${size} entries`,
    sigValid: "The log's Ed25519 signature was checked: valid.",
    sigUnsupported: 'This browser does not support Ed25519, so the signature was not checked here. Check offline with `kotak verify`.',
    sigNoKey: 'The log key is not available; the signature was not checked.',
    download: 'Download the receipt',
    tps: (tps: string, version: number, tree: { index: number; size: number } | null) =>
      `TPS ${tps} result, version ${version}, ${tree ? `result ${tree.index + 1} of ${tree.size} in its import's TPS tree` : 'with a correction entry of its own'}`,
  },
};

export function texts(lang: Lang) {
  return T[lang];
}

/** The lines describing a result, most important first. */
export function describe(r: BrowserResult, lang: Lang): string[] {
  const t = T[lang];
  const lines = [t[r.status]];
  if (r.entry && r.index !== undefined && r.checkpoint) {
    lines.push(t.published(r.entry.time, r.entry.org ?? ''), t.entry(r.index, r.checkpoint.size), `${r.entry.kind}: ${r.entry.subjects.join(', ')}`);
  }
  if (r.tps) lines.push(t.tps(r.tps.tps, r.tps.version, r.tps.tree));
  if (r.status === 'verified') lines.push(r.signature === 'valid' ? t.sigValid : r.signature === 'unsupported' ? t.sigUnsupported : t.sigNoKey);
  lines.push(`SHA-256 ${r.sha256}`);
  if (r.detail) lines.push(r.detail);
  return lines;
}
