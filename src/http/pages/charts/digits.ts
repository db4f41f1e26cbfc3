import { html, raw, type Html } from '../html.js';

/**
 * A digit-distribution chart (last digit, second digit) as server-rendered SVG: observed share per digit as bars and
 * the expected share (uniform 0.1 for last digits, Beber & Scacco 2012; second-digit Benford, Mebane 2006) as a dark
 * tick across each bar. The `<title>`/`<desc>` give it an accessible name; the page puts the numbers in a table too.
 */
export interface DigitChartOptions {
  id: string;
  title: string;
  description: string;
  /** Observed share per digit (index = digit), 0..1. */
  observed: number[];
  /** Expected share per digit, 0..1. */
  expected: number[];
  observedLabel: string;
  expectedLabel: string;
}

const W = 420;
const H = 220;
const PAD = { left: 40, right: 10, top: 24, bottom: 28 };

export function digitChart(o: DigitChartOptions): Html {
  const max = Math.max(0.01, ...o.observed, ...o.expected) * 1.1;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / o.observed.length;
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  let marks = '';
  for (let i = 0; i < o.observed.length; i++) {
    const x = PAD.left + i * step;
    const obs = o.observed[i] ?? 0;
    const exp = o.expected[i] ?? 0;
    marks += `<rect x="${(x + step * 0.15).toFixed(1)}" y="${y(obs).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${(
      PAD.top + innerH - y(obs)
    ).toFixed(1)}" fill="#4a7fb0"/>`;
    marks += `<line x1="${(x + step * 0.05).toFixed(1)}" x2="${(x + step * 0.95).toFixed(1)}" y1="${y(exp).toFixed(1)}" y2="${y(exp).toFixed(
      1,
    )}" stroke="#1b1f24" stroke-width="2.5"/>`;
    marks += `<text x="${(x + step / 2).toFixed(1)}" y="${H - 10}" text-anchor="middle">${i}</text>`;
  }
  const ticks = [0, max / 2, max]
    .map((v) => `<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${Math.round(v * 100)}%</text>`)
    .join('');
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${o.id}-t ${o.id}-d">
<title id="${o.id}-t">${o.title}</title><desc id="${o.id}-d">${o.description}</desc>
<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + innerH}" y2="${PAD.top + innerH}" stroke="#767d87"/>
${raw(ticks)}${raw(marks)}
<rect x="${PAD.left}" y="4" width="12" height="10" fill="#4a7fb0"/><text x="${PAD.left + 16}" y="13">${o.observedLabel}</text>
<line x1="${PAD.left + 150}" x2="${PAD.left + 166}" y1="9" y2="9" stroke="#1b1f24" stroke-width="2.5"/><text x="${
    PAD.left + 170
  }" y="13">${o.expectedLabel}</text>
</svg>`;
}
