/**
 * Source timestamps of TPS lines: when Sirekap stamped a form (the normalised CSV's `sirekap_ts`, the second-to-last
 * column, src/results/lines.ts). The maturity measure asks when results first appeared publicly (issue 5,
 * timeliness); each stored desa row keeps the earliest stamp of its lines (`results_forms.first_source_ms`), computed
 * here when the row is written, so the question is a MIN in SQL rather than a scan of every line.
 *
 * Sirekap writes its times without a zone, in the KPU's time, WIB (UTC+7); a time with a zone is taken as written.
 * Only lines with at least one vote figure count (Sirekap also stamps TPS that have no figures yet), and a time before
 * voting day is a clock or data error and is left out.
 */

const TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/;
const WIB_MS = 7 * 3600 * 1000;

/** Epoch milliseconds of a source timestamp; a time without a zone is WIB (UTC+7), Sirekap's clock. */
export function parseSourceTime(ts: string): number | null {
  const m = TIME.exec(ts.trim());
  if (!m) return null;
  const zone = m[3] ?? '+07:00';
  const ms = Date.parse(`${m[1]}T${m[2]}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  return Number.isNaN(ms) ? null : ms;
}

/** The second-to-last field of a normalised line (the timestamp never holds a comma or a quote; lines.ts lineOf). */
export function sourceTimestampOf(line: string): string | null {
  const last = line.lastIndexOf(',');
  if (last <= 0) return null;
  const before = line.lastIndexOf(',', last - 1);
  if (before < 0) return null;
  const ts = line.slice(before + 1, last);
  return ts === '' || ts.includes('"') ? null : ts;
}

/** Whether any of the `votes` columns after tps_code and desa_code is filled (no quoting in numeric columns). */
export function hasVotes(line: string, votes: number): boolean {
  let at = line.indexOf(',', line.indexOf(',') + 1);
  for (let k = 0; k < votes && at >= 0; k++) {
    const next = line.indexOf(',', at + 1);
    if ((next < 0 ? line.length : next) > at + 1) return true;
    at = next;
  }
  return false;
}

/** Midnight WIB of voting day: stamps before it are left out. */
export function votingDayFloor(votingDay: string): number {
  return Date.parse(`${votingDay.slice(0, 10)}T00:00:00+07:00`);
}

const d = (b: Uint8Array, i: number) => b[i]! - 48;
const isDigit = (b: Uint8Array, i: number) => b[i]! >= 48 && b[i]! <= 57;

/** Offsets of the digits in `YYYY-MM-DD HH:MM:SS`. */
const DIGITS = Uint8Array.of(0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18);

/** `YYYY-MM-DD HH:MM:SS` (or with `T`) without a zone, read from bytes; NaN when the stamp is of another shape. */
function plainWib(b: Uint8Array, s: number): number {
  for (let k = 0; k < DIGITS.length; k++) if (!isDigit(b, s + DIGITS[k]!)) return NaN;
  if (b[s + 4] !== 45 || b[s + 7] !== 45 || (b[s + 10] !== 32 && b[s + 10] !== 84) || b[s + 13] !== 58 || b[s + 16] !== 58) return NaN;
  const month = d(b, s + 5) * 10 + d(b, s + 6);
  const day = d(b, s + 8) * 10 + d(b, s + 9);
  const hour = d(b, s + 11) * 10 + d(b, s + 12);
  const min = d(b, s + 14) * 10 + d(b, s + 15);
  const sec = d(b, s + 17) * 10 + d(b, s + 18);
  // Days past the 28th are left to Date.parse, which knows the length of each month.
  if (month < 1 || month > 12 || day < 1 || day > 28 || hour > 23 || min > 59 || sec > 59) return NaN;
  const year = d(b, s) * 1000 + d(b, s + 1) * 100 + d(b, s + 2) * 10 + d(b, s + 3);
  return Date.UTC(year, month - 1, day, hour, min, sec) - WIB_MS;
}

/**
 * The earliest source time (epoch ms) on or after `floorMs` among the lines of a desa row (normalised lines joined by
 * `\n`) that carry a vote in one of their first `votes` vote columns; −1 when none does. Same rules as
 * `hasVotes` + `sourceTimestampOf` + `parseSourceTime` over each line, read from the bytes.
 */
export function earliestSourceMs(data: string | Uint8Array, votes: number, floorMs: number): number {
  const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const buf = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const len = buf.length;
  let best = Infinity;
  let prevStart = -1;
  let prevLen = -1;
  let pos = 0;
  while (pos < len) {
    let end = buf.indexOf(10, pos);
    if (end < 0) end = len;
    const lineStart = pos;
    pos = end + 1;
    // past tps_code and desa_code
    let p = lineStart;
    let commas = 0;
    while (p < end && commas < 2) if (buf[p++] === 44) commas++;
    if (commas < 2) continue;
    let any = false;
    for (let k = 0; k < votes; k++) {
      if (p < end && buf[p] !== 44) {
        any = true;
        break;
      }
      if (p >= end) break;
      p++;
    }
    if (!any) continue;
    let last = end - 1;
    while (last > lineStart && buf[last] !== 44) last--;
    if (last <= lineStart) continue;
    let before = last - 1;
    while (before >= lineStart && buf[before] !== 44) before--;
    if (before < lineStart) continue;
    const s = before + 1;
    const n = last - s;
    if (n === 0) continue;
    // Stamps repeat from line to line: one already weighed needs no second look.
    if (n === prevLen) {
      let k = 0;
      while (k < n && buf[s + k] === buf[prevStart + k]) k++;
      if (k === n) continue;
    }
    prevStart = s;
    prevLen = n;
    let ms = n === 19 ? plainWib(buf, s) : NaN;
    if (ms !== ms) {
      const text = buf.toString('utf8', s, last);
      if (text.includes('"')) continue;
      ms = parseSourceTime(text) ?? NaN;
    }
    if (ms === ms && ms >= floorMs && ms < best) best = ms;
  }
  return best === Infinity ? -1 : best;
}
