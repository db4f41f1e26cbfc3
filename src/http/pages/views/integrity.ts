import { formatDateTime, formatNumber, type MessageKey } from '../../../i18n/index.js';
import { metaList } from '../components.js';
import type { PageContext } from '../context.js';
import { html, type Html, type Renderable } from '../html.js';
import { layout } from '../layout.js';

/** An entry as log.entries / log.proof present it (src/integrity/actions.ts presentEntry). */
export interface LogEntryView {
  index: number;
  kind: string;
  subjects: string[];
  org: string | null;
  time: string;
  sha256: string;
  name?: string;
  size?: number;
  meta?: Record<string, string | number | boolean | null>;
}

/** What a person reads as the content of an entry: its name, else the name in its meta, else its subject. */
export function entryTitle(e: LogEntryView): string {
  const metaName = e.meta?.name;
  return e.name ?? (typeof metaName === 'string' ? metaName : undefined) ?? e.subjects[0] ?? '';
}

export interface CheckpointView {
  origin: string;
  size: number;
  root: string;
  note: string;
}

export interface IntegrityView {
  checkpoint: CheckpointView | null;
  vkey: string | null;
  latest: LogEntryView[];
  baseUrl: string;
  /** The looked-up SHA-256 and what the log says about it. */
  lookup?: { sha256: string; invalid?: boolean; entry?: LogEntryView; others?: number[] };
}

export function kindLabel(ctx: PageContext, kind: string): string {
  const key = `int.kind.${kind}` as MessageKey;
  return ['dataset-version', 'resource', 'results-import', 'results-correction', 'official-recap', 'tps-list', 'maturity-assessment', 'key-change'].includes(kind)
    ? ctx.t(key)
    : kind;
}

function lookupResult(ctx: PageContext, v: IntegrityView): Renderable {
  const { t } = ctx;
  const l = v.lookup;
  if (!l) return null;
  if (l.invalid) return html`<p class="notice bad" role="alert">${t('int.verify.invalid')}</p>`;
  if (!l.entry) {
    return html`<div class="notice bad" role="status"><p><strong>✗ ${t('int.verify.notFound')}</strong></p><p>${t('int.verify.notFoundBody')}</p>
<p><code class="hash">${l.sha256}</code></p></div>`;
  }
  const e = l.entry;
  return html`<div class="notice ok" role="status"><p><strong>✓ ${t('int.verify.found')}</strong></p>
<p>${t('int.verify.foundBody', { name: entryTitle(e), org: e.org ?? '—', time: formatDateTime(ctx.locale, e.time), index: e.index })}</p>
${l.others?.length ? html`<p>${t('int.verify.again', { indexes: l.others.map((i) => `#${i}`).join(', ') })}</p>` : ''}
<p><a class="button" href="/api/v1/log/receipt?sha256=${l.sha256}" download>${t('int.verify.receipt')}</a></p>
<p class="small">${t('int.verify.offline')}</p>
<pre><code>kotak verify FILE --receipt kotak-log-${e.index}.tlog-proof --key '${v.vkey ?? ''}'</code></pre></div>`;
}

export function integrityPage(ctx: PageContext, v: IntegrityView): Html {
  const { t } = ctx;
  const cp = v.checkpoint;
  return layout(ctx, {
    title: t('int.title'),
    islands: ['verify', 'enhance'],
    body: html`<h1>${t('int.title')}</h1>
<p class="lead">${t('int.lead')}</p>
<section id="verify" aria-labelledby="verify-h"><h2 id="verify-h">${t('int.verify.title')}</h2>
<p>${t('int.verify.lead')}</p>
<div id="verifier" data-island="verify" data-kotak-verify data-vkey="${v.vkey ?? ''}"><noscript><p class="small">${t('noscript.note')}</p></noscript></div>
${lookupResult(ctx, v)}
<details${v.lookup ? html` open` : ''}><summary>${t('int.verify.nojs')}</summary>
<pre><code>sha256sum FILE            # Linux
shasum -a 256 FILE        # macOS
certutil -hashfile FILE SHA256   # Windows</code></pre>
<form class="search-box" method="get" action="/integritas#verify">
<label for="f-sha256" class="visually-hidden">${t('int.verify.sha256')}</label>
<input id="f-sha256" type="text" name="sha256" value="${v.lookup?.sha256 ?? ''}" placeholder="${t('int.verify.sha256')}" pattern="[0-9a-fA-F]{64}" spellcheck="false" autocomplete="off">
<button type="submit">${t('int.verify.check')}</button></form></details>
</section>
<section aria-labelledby="log-h"><h2 id="log-h">${t('int.log.title')}</h2>
${cp
  ? html`${metaList([
      [t('int.log.size'), formatNumber(ctx.locale, cp.size)],
      [t('int.log.origin'), html`<code>${cp.origin}</code>`],
      [t('int.log.root'), html`<code class="hash">${cp.root}</code>`],
    ])}
<h3>${t('int.log.checkpoint')}</h3>
<pre><code>${cp.note}</code></pre>
<p><a href="/log/checkpoint">/log/checkpoint</a> · <a href="/api/v1/log/entries">/api/v1/log/entries</a></p>`
  : html`<p>${t('int.log.none')}</p>`}
</section>
${v.vkey ? html`<section aria-labelledby="key-h"><h2 id="key-h">${t('int.key.title')}</h2><p>${t('int.key.lead')}</p>
<pre><code id="vkey">${v.vkey}</code></pre>
<button type="button" class="secondary" data-copy="vkey" data-copied="${t('word.copied')}" hidden>${t('word.copy')}</button>
<p><a href="/log/key">/log/key</a></p></section>` : ''}
${v.latest.length ? html`<section aria-labelledby="latest-h"><h2 id="latest-h">${t('int.latest.title')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col" class="num">${t('int.entry.index')}</th><th scope="col">${t('int.entry.kind')}</th><th scope="col">${t(
      'int.entry.name',
    )}</th></tr></thead>
<tbody>${v.latest.map(
      (e) => html`<tr><td class="num">${e.index}</td><td>${kindLabel(ctx, e.kind)}</td><td class="wrap"><a href="/integritas?sha256=${e.sha256}#verify">${entryTitle(
        e,
      )}</a><br><span class="small muted">${e.org ?? '—'} · ${formatDateTime(ctx.locale, e.time)}</span></td></tr>`,
    )}</tbody></table></div></section>` : ''}
<section aria-labelledby="monitor-h"><h2 id="monitor-h">${t('int.monitor.title')}</h2><p>${t('int.monitor.body', { url: v.baseUrl })}</p></section>`,
  });
}

/** The checkpoint summary on the home page. */
export function checkpointSummary(ctx: PageContext, cp: CheckpointView, latest: LogEntryView | undefined): Html {
  return html`<p>${ctx.t('home.checkpoint.body', {
    size: formatNumber(ctx.locale, cp.size),
    time: latest ? formatDateTime(ctx.locale, latest.time) : '—',
  })}</p><pre><code>${cp.note}</code></pre><p><a href="/integritas">${ctx.t('nav.integrity')} →</a></p>`;
}
