import type { Change } from '../../../catalog/diff.js';
import { licenseById } from '../../../catalog/licenses.js';
import type { Dataset, Resource } from '../../../catalog/types.js';
import { catalog, formatBytes, formatDate, formatDateTime, formatNumber, type MessageKey } from '../../../i18n/index.js';
import type { Activity } from '../../../store/catalog/activities.js';
import { metaList } from '../components.js';
import type { PageContext } from '../context.js';
import { html, safeUrl, type Html, type Renderable } from '../html.js';
import { layout } from '../layout.js';
import { markdown } from '../markdown.js';
import type { Preview } from '../../../actions/resource-preview.js';

export interface DatasetView {
  dataset: Dataset;
  /** First rows of each tabular resource, by resource id. */
  previews: Map<string, Preview>;
  activities: Activity[];
  baseUrl: string;
  /** The signed-in person may edit (editor of the organisation). */
  canEdit: boolean;
  /** The name of a region code, when known (Kota Serang for 3673). */
  regionName?: (code: string) => string | undefined;
  /** Publication-log links of a resource (receipt address), when the integrity part provides them. */
  receiptUrl?: (r: Resource) => string | null;
}

function resourceBlock(ctx: PageContext, v: DatasetView, r: Resource): Html {
  const { t } = ctx;
  const preview = v.previews.get(r.id);
  const receipt = v.receiptUrl?.(r) ?? null;
  return html`<li id="resource-${r.id}">
<h3>${r.name || r.url} ${r.format ? html`<span class="badge">${r.format}</span>` : ''}</h3>
${r.description ? html`<p>${r.description}</p>` : ''}
${metaList([
  [t('dataset.size'), r.size !== null ? formatBytes(ctx.locale, r.size) : null],
  [t('dataset.sha256'), r.sha256 ? html`<code class="hash">${r.sha256}</code>` : null],
  [t('dataset.modified'), formatDate(ctx.locale, r.lastModified)],
])}
<p class="actions">
<a class="button" href="${safeUrl(r.url)}"${r.urlType === 'upload' ? html` download` : ''}>${
    r.urlType === 'upload' ? t('dataset.downloadResource', { name: r.format || r.name }) : t('dataset.openLink')
  }</a>
${r.sha256 ? html` <a href="/integritas?sha256=${r.sha256}#verify">${t('dataset.verify')}</a>` : ''}
${receipt ? html` · <a href="${receipt}">${t('dataset.receipt')}</a>` : ''}
</p>
${preview ? previewTable(ctx, r, preview) : ''}
</li>`;
}

function previewTable(ctx: PageContext, r: Resource, p: Preview): Html {
  return html`<details><summary>${ctx.t('dataset.preview', { rows: formatNumber(ctx.locale, p.rows.length) })}</summary>
<div class="table-wrap"><table><caption class="visually-hidden">${ctx.t('dataset.previewOf', { name: r.name })}</caption>
<thead><tr>${p.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${p.rows.map((row) => html`<tr>${row.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table></div></details>`;
}

function shortValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 159)}…` : s;
}

function activityLabel(ctx: PageContext, type: string): string {
  const key = `dataset.change.${type}` as MessageKey;
  return key in { 'dataset.change.new package': 1, 'dataset.change.changed package': 1, 'dataset.change.deleted package': 1 } ? ctx.t(key) : type;
}

/** The version history: each change with its diff field by field (the activity stream stores the diff). */
function history(ctx: PageContext, activities: Activity[]): Html {
  const { t } = ctx;
  if (activities.length === 0) return html`<p>${t('dataset.historyNone')}</p>`;
  return html`<ol class="history">${activities.map((a) => {
    const changes = (a.diff as Change[]).filter((c) => c.path !== 'modified');
    return html`<li><p><strong>${activityLabel(ctx, a.activityType)}</strong> · <time datetime="${a.timestamp}">${formatDateTime(
      ctx.locale,
      a.timestamp,
    )}</time>${changes.length && a.activityType !== 'new package' ? html` · ${t('dataset.change.count', { count: changes.length })}` : ''}</p>
${
  changes.length && a.activityType !== 'new package'
    ? html`<details><summary>${t('dataset.change.what')}</summary><div class="table-wrap"><table>
<thead><tr><th scope="col">${t('dataset.change.field')}</th><th scope="col">${t('dataset.change.from')}</th><th scope="col">${t(
        'dataset.change.to',
      )}</th></tr></thead>
<tbody>${changes.map(
        (c) => html`<tr><th scope="row"><code>${c.path}</code></th><td><del>${shortValue(c.from)}</del></td><td><ins>${shortValue(c.to)}</ins></td></tr>`,
      )}</tbody></table></div></details>`
    : ''
}</li>`;
  })}</ol>`;
}

/** A vocabulary code in words when the catalogue has them (`freq.ANNUAL` → Tahunan), else the code itself. */
function optionLabel(ctx: PageContext, prefix: 'freq' | 'access', code: string): string {
  const key = `${prefix}.${code}`;
  return key in catalog ? ctx.t(key as MessageKey) : code;
}

export function datasetPage(ctx: PageContext, v: DatasetView): Html {
  const { t } = ctx;
  const d = v.dataset;
  const licence = licenseById(d.licenseId);
  const apiUrl = `${v.baseUrl}/api/3/action/package_show?id=${d.name}`;
  const temporal = d.temporalStart || d.temporalEnd ? `${d.temporalStart ? formatDate(ctx.locale, d.temporalStart) : '…'} – ${d.temporalEnd ? formatDate(ctx.locale, d.temporalEnd) : '…'}` : null;
  const meta: [string, Renderable][] = [
    [t('dataset.organization'), html`<a href="/organization/${d.organization.name}">${d.organization.title}</a>`],
    [
      t('dataset.licence'),
      licence
        ? html`${licence.url ? html`<a href="${safeUrl(licence.url)}" rel="license">${licence.title}</a>` : licence.title}${licence.isOpen ? html` <span class="badge ok">${t('dataset.licenceOpen')}</span>` : ''}`
        : t('dataset.noLicence'),
    ],
    [t('dataset.tags'), d.tags.length ? d.tags.map((tag, i) => html`${i ? ', ' : ''}<a href="/dataset?tags=${encodeURIComponent(tag)}">${tag}</a>`) : null],
    [t('dataset.groups'), d.groups.length ? d.groups.map((g, i) => html`${i ? ', ' : ''}<a href="/dataset?groups=${encodeURIComponent(g)}">${g}</a>`) : null],
    [t('dataset.temporal'), temporal],
    [t('dataset.spatial'), d.spatial.length ? d.spatial.map((c) => (v.regionName?.(c) ? `${v.regionName(c)} (${c})` : c)).join(', ') : null],
    [t('dataset.frequency'), d.frequency ? optionLabel(ctx, 'freq', d.frequency) : null],
    [t('dataset.contact'), d.contactEmail ? html`<a href="mailto:${d.contactEmail}">${d.contactName ?? d.contactEmail}</a>` : d.contactName],
    [t('dataset.accessRights'), d.accessRights ? optionLabel(ctx, 'access', d.accessRights) : null],
    [t('dataset.version'), d.version],
    [t('dataset.created'), formatDate(ctx.locale, d.created)],
    [t('dataset.modified'), formatDateTime(ctx.locale, d.modified)],
  ];
  return layout(ctx, {
    title: d.title || d.name,
    description: d.description.slice(0, 200),
    islands: ['enhance'],
    breadcrumbs: [
      { label: t('nav.dataset'), href: '/dataset' },
      { label: d.organization.title, href: `/organization/${d.organization.name}` },
      { label: d.title || d.name },
    ],
    head: html`<link rel="alternate" type="text/turtle" href="/dataset/${d.name}.ttl"><link rel="alternate" type="application/ld+json" href="/dataset/${d.name}.jsonld">`,
    body: html`<h1>${d.title || d.name}</h1>
<p>${d.private ? html`<span class="badge warn">${t('dataset.private')}</span> ` : ''}${d.state === 'draft' ? html`<span class="badge warn">${t('dataset.draft')}</span> ` : ''}${
      d.state === 'deleted' ? html`<span class="badge bad">${t('dataset.deleted')}</span> ` : ''
    }</p>
${v.canEdit ? html`<p><a class="button secondary" href="/ruang-kerja/dataset/${d.name}">${t('dataset.edit')}</a> <a class="button secondary" href="/ruang-kerja/dataset/${d.name}/berkas">${t('dataset.addResource')}</a></p>` : ''}
${d.description ? html`<div class="description">${markdown(d.description)}</div>` : ''}
<h2 id="resources">${t('dataset.resources')}</h2>
${d.resources.length ? html`<ul class="cards">${d.resources.map((r) => resourceBlock(ctx, v, r))}</ul>` : html`<p>${t('dataset.noResources')}</p>`}
<h2>${t('dataset.metadata')}</h2>
${metaList(meta)}
<h2>${t('dataset.api')}</h2>
<p>${t('dataset.apiBody')}</p>
<pre><code id="api-example">curl '${apiUrl}'</code></pre>
<button type="button" class="secondary" data-copy="api-example" data-copied="${t('word.copied')}" hidden>${t('word.copy')}</button>
<p>${t('dataset.otherFormats')}: <a href="/dataset/${d.name}.ttl">Turtle</a> · <a href="/dataset/${d.name}.jsonld">JSON-LD</a></p>
<h2>${t('dataset.history')}</h2>
${history(ctx, v.activities)}`,
  });
}
