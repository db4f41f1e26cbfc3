import { html, raw, type Html } from '../html.js';

/**
 * The election fingerprint (Klimek et al., PNAS 2012) as server-rendered SVG: a 2-D histogram of turnout (x) against
 * the winner's share (y) per polling station. Darker cells hold more TPS; a smear of mass toward the top-right corner
 * (100 % turnout, 100 % share) is the pattern the paper associates with ballot stuffing. A signal, never a verdict.
 */
export interface HeatmapOptions {
  id: string;
  title: string;
  description: string;
  /** counts[yBin][xBin], y from 0 (bottom) upward. */
  counts: number[][];
  xLabel: string;
  yLabel: string;
}

const SIZE = 300;
const PAD = { left: 44, bottom: 40, top: 8, right: 8 };

/** Light-to-dark blue on a square-root scale so a few dense cells do not hide the rest. */
function shade(count: number, max: number): string {
  if (count <= 0) return '#f6f7f9';
  const t = Math.sqrt(count / max);
  const r = Math.round(222 - t * (222 - 8));
  const g = Math.round(235 - t * (235 - 48));
  const b = Math.round(247 - t * (247 - 107));
  return `rgb(${r},${g},${b})`;
}

export function heatmap(o: HeatmapOptions): Html {
  const rows = o.counts.length;
  const cols = rows ? o.counts[0]!.length : 0;
  const max = Math.max(1, ...o.counts.flat());
  const cw = SIZE / Math.max(1, cols);
  const ch = SIZE / Math.max(1, rows);
  let cells = '';
  for (let yi = 0; yi < rows; yi++) {
    for (let xi = 0; xi < cols; xi++) {
      const c = o.counts[yi]![xi] ?? 0;
      if (c === 0) continue;
      const x = PAD.left + xi * cw;
      const y = PAD.top + SIZE - (yi + 1) * ch;
      cells += `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(cw + 0.3).toFixed(1)}" height="${(ch + 0.3).toFixed(
        1,
      )}" fill="${shade(c, max)}"/>`;
    }
  }
  const W = PAD.left + SIZE + PAD.right;
  const H = PAD.top + SIZE + PAD.bottom;
  const axis = [0, 50, 100]
    .map((p) => {
      const x = PAD.left + (p / 100) * SIZE;
      const y = PAD.top + SIZE - (p / 100) * SIZE;
      return (
        `<text x="${x}" y="${PAD.top + SIZE + 16}" text-anchor="middle">${p}%</text>` +
        `<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${p}%</text>`
      );
    })
    .join('');
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${o.id}-t ${o.id}-d">
<title id="${o.id}-t">${o.title}</title><desc id="${o.id}-d">${o.description}</desc>
<rect x="${PAD.left}" y="${PAD.top}" width="${SIZE}" height="${SIZE}" fill="#f6f7f9" stroke="#767d87"/>
${raw(cells)}${raw(axis)}
<text x="${PAD.left + SIZE / 2}" y="${H - 4}" text-anchor="middle">${o.xLabel}</text>
<text transform="translate(12 ${PAD.top + SIZE / 2}) rotate(-90)" text-anchor="middle">${o.yLabel}</text>
</svg>`;
}
