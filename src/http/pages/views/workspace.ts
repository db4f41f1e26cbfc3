import type { Dataset } from '../../../catalog/types.js';
import type { MemberRole } from '../../../catalog/types.js';
import { formatBytes, formatDate, formatDateTime, type MessageKey } from '../../../i18n/index.js';
import type { TokenView } from '../../../actions/user.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import { csrfField, layout } from '../layout.js';

export interface WorkspaceView {
  organizations: { name: string; title: string; role: MemberRole | 'sysadmin' }[];
  datasets: Dataset[];
  /** Extra workspace links contributed by the results and maturity pages once they exist. */
  links: { href: string; label: string }[];
  /** The maturity questionnaire exists (offices' administrators answer it). */
  questionnaire: boolean;
}

export function statusBadge(ctx: PageContext, d: Pick<Dataset, 'state' | 'private'>): Html {
  const { t } = ctx;
  if (d.state === 'draft') return html`<span class="badge warn">${t('dataset.draft')}</span>`;
  if (d.private) return html`<span class="badge warn">${t('dataset.private')}</span>`;
  return html`<span class="badge ok">${t('ws.dataset.published')}</span>`;
}

export function workspacePage(ctx: PageContext, v: WorkspaceView): Html {
  const { t } = ctx;
  return layout(ctx, {
    title: t('ws.title'),
    body: html`<h1>${t('ws.title')}</h1>
<p>${t('ws.hello', { name: ctx.user?.displayName ?? '' })}</p>
<p class="actions"><a class="button" href="/ruang-kerja/dataset/baru">${t('ws.newDataset')}</a>
<a href="/ruang-kerja/token">${t('ws.tokens')}</a>${v.links.map((l) => html` <a href="${l.href}">${l.label}</a>`)}</p>
<h2>${t('ws.organizations')}</h2>
${v.organizations.length
  ? html`<ul>${v.organizations.map(
      (o) => html`<li><a href="/organization/${o.name}">${o.title}</a> <span class="muted small">${t('ws.role', {
        role: o.role === 'sysadmin' ? 'sysadmin' : t(`role.${o.role}` as MessageKey),
      })}</span>${
        v.questionnaire && (o.role === 'admin' || o.role === 'sysadmin')
          ? html` · <a href="/ruang-kerja/kuesioner/${o.name}">${t('ws.questionnaire')}</a>`
          : ''
      }</li>`,
    )}</ul>`
  : html`<p>${t('ws.noOrganizations')}</p>`}
<h2>${t('ws.datasets')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t('form.title')}</th><th scope="col">${t('dataset.organization')}</th><th scope="col">${t(
      'ws.dataset.status',
    )}</th><th scope="col">${t('dataset.modified')}</th></tr></thead>
<tbody>${v.datasets.map(
      (d) => html`<tr><th scope="row"><a href="/ruang-kerja/dataset/${d.name}">${d.title || d.name}</a></th><td>${d.organization.title}</td><td>${statusBadge(
        ctx,
        d,
      )}</td><td>${formatDate(ctx.locale, d.modified)}</td></tr>`,
    )}</tbody></table></div>`,
  });
}

export function uploadPage(ctx: PageContext, v: { dataset: Dataset; maxBytes: number; error?: string; notice?: string }): Html {
  const { t } = ctx;
  const d = v.dataset;
  const title = t('upload.title', { title: d.title || d.name });
  // The CSRF token travels in the address: a multipart body is streamed to the blob store, and the check must
  // happen before a byte of the file is read (src/http/pages/kit.ts checkCsrf reads the query too).
  const action = `/ruang-kerja/dataset/${d.name}/berkas?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  return layout(ctx, {
    title,
    islands: ['enhance'],
    breadcrumbs: [
      { label: t('ws.title'), href: '/ruang-kerja' },
      { label: d.title || d.name, href: `/ruang-kerja/dataset/${d.name}` },
      { label: t('dataset.addResource') },
    ],
    body: html`<h1>${title}</h1>
${v.notice ? html`<p class="notice ok" role="status">${v.notice}</p>` : ''}
${v.error ? html`<p class="notice bad" role="alert">${v.error}</p>` : ''}
<form class="stack" method="post" action="${action}" enctype="multipart/form-data" data-progress="${t('upload.progress')}">
${csrfField(ctx)}
<div class="field"><label for="f-upload">${t('upload.file')}</label><span class="hint" id="f-upload-hint">${t('upload.file.hint', {
      max: formatBytes(ctx.locale, v.maxBytes),
    })}</span><input id="f-upload" type="file" name="upload" required aria-describedby="f-upload-hint"></div>
<div class="field"><label for="f-name">${t('upload.name')}</label><input id="f-name" type="text" name="name"></div>
<div class="field"><label for="f-description">${t('upload.description')}</label><input id="f-description" type="text" name="description"></div>
<div class="field"><label for="f-format">${t('upload.format')}</label><span class="hint" id="f-format-hint">${t(
      'upload.format.hint',
    )}</span><input id="f-format" type="text" name="format" aria-describedby="f-format-hint"></div>

<p><button type="submit">${t('upload.submit')}</button></p>
<p><progress hidden max="1"></progress> <span data-progress-status role="status"></span></p>
</form>`,
  });
}

export function tokensPage(ctx: PageContext, v: { tokens: TokenView[]; created?: string }): Html {
  const { t } = ctx;
  const status = (tok: TokenView) =>
    tok.revokedAt ? t('tokens.revoked', { date: formatDate(ctx.locale, tok.revokedAt) }) : t('tokens.active');
  return layout(ctx, {
    title: t('tokens.title'),
    islands: ['enhance'],
    breadcrumbs: [{ label: t('ws.title'), href: '/ruang-kerja' }, { label: t('tokens.title') }],
    body: html`<h1>${t('tokens.title')}</h1><p>${t('tokens.lead')}</p>
${v.created ? html`<div class="notice ok" role="status"><p>${t('tokens.created')}</p><pre><code id="new-token">${v.created}</code></pre>
<button type="button" class="secondary" data-copy="new-token" data-copied="${t('word.copied')}" hidden>${t('word.copy')}</button></div>` : ''}
<form class="stack" method="post" action="/ruang-kerja/token">
${csrfField(ctx)}
<div class="field"><label for="f-token-name">${t('tokens.name')}</label><input id="f-token-name" type="text" name="name" required maxlength="200"></div>
<div class="field"><label for="f-token-days">${t('tokens.expires')}</label><input id="f-token-days" type="number" name="expires_in_days" min="1" max="3650" value="90"></div>
<p><button type="submit">${t('tokens.create')}</button></p>
</form>
${v.tokens.length === 0 ? html`<p>${t('tokens.none')}</p>` : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('tokens.name')}</th><th scope="col">${t(
      'dataset.created',
    )}</th><th scope="col">${t('tokens.expiresAt')}</th><th scope="col">${t('tokens.lastUsed')}</th><th scope="col">${t('tokens.status')}</th><th scope="col"><span class="visually-hidden">${t(
      'tokens.revoke',
    )}</span></th></tr></thead><tbody>${v.tokens.map(
      (tok) => html`<tr><th scope="row">${tok.name}</th><td>${formatDate(ctx.locale, tok.created)}</td><td>${
        tok.expiresAt ? formatDate(ctx.locale, tok.expiresAt) : '—'
      }</td><td>${tok.lastUsed ? formatDateTime(ctx.locale, tok.lastUsed) : t('tokens.never')}</td><td>${status(tok)}</td><td>${
        tok.revokedAt
          ? ''
          : html`<form method="post" action="/ruang-kerja/token/cabut" class="inline">${csrfField(ctx)}<input type="hidden" name="jti" value="${tok.id}"><button type="submit" class="secondary" aria-label="${t(
              'tokens.revoke',
            )} ${tok.name}">${t('tokens.revoke')}</button></form>`
      }</td></tr>`,
    )}</tbody></table></div>`}`,
  });
}
