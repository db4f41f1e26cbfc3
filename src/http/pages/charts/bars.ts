import { html, raw, type Html, type Renderable } from '../html.js';

/**
 * A bar chart that is also its own table alternative: a real `<table>` (label, figure, share) whose label cell draws
 * the share as a bar under the name (so the chart needs no extra column and fits a 360 px screen). Server-rendered, no JavaScript, a few hundred bytes per row; the bars are inline SVG with
 * preserveAspectRatio="none" so they stretch with the column at any width (360 px phones included) while the text
 * stays HTML at its normal size. The bar column is hidden from screen readers: the share column says the same.
 */
export interface BarRow {
  label: Renderable;
  /** Formatted figure (e.g. '1.234.567'). */
  figure: string;
  /** 0..1 share of the bar's full width. */
  share: number;
  /** Formatted share (e.g. '56,2%'). */
  shareText: string;
  color?: string;
  /** Marks the row (e.g. the leading candidate) with a class. */
  highlight?: boolean;
}

export interface BarTableOptions {
  caption: string;
  labelHeader: string;
  figureHeader: string;
  shareHeader: string;
  rows: BarRow[];
}

export function bar(share: number, color = '#8c1d18'): Html {
  const width = Math.max(0, Math.min(1, share)) * 100;
  return raw(
    `<svg class="hbar" viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="14" aria-hidden="true" focusable="false">` +
      `<rect width="100" height="10" fill="#eceef1"/><rect width="${width.toFixed(2)}" height="10" fill="${
        /^#[0-9a-f]{3,8}$/i.test(color) ? color : '#8c1d18'
      }"/></svg>`,
  );
}

export function barTable(o: BarTableOptions): Html {
  return html`<div class="table-wrap"><table class="bars">
<caption>${o.caption}</caption>
<thead><tr><th scope="col">${o.labelHeader}</th><th scope="col" class="num">${o.figureHeader}</th><th scope="col" class="num">${
    o.shareHeader
  }</th></tr></thead>
<tbody>${o.rows.map(
    (r) =>
      html`<tr${r.highlight ? raw(' class="lead-row"') : ''}><th scope="row">${r.label}${bar(r.share, r.color)}</th><td class="num">${r.figure}</td><td class="num">${
        r.shareText
      }</td></tr>`,
  )}</tbody>
</table></div>`;
}
