import type { MessageKey } from '../../i18n/index.js';
import type { PageContext } from './context.js';
import { linkWith } from './context.js';
import { CSRF_FIELD } from './csrf.js';
import { html, raw, type Html, type Renderable } from './html.js';

export interface Crumb {
  label: string;
  href?: string;
}

export interface PageOptions {
  /** Page title (without the site name). */
  title: string;
  body: Renderable;
  /** Interactive islands this page uses (Vite entry names); missing builds are skipped. */
  islands?: string[];
  breadcrumbs?: Crumb[];
  /** Short description for <meta name="description">. */
  description?: string;
  /** Extra elements for <head> (e.g. alternate formats of a dataset). */
  head?: Renderable;
  /** The home page has its own big search box; the header's is then left out. */
  headerSearch?: boolean;
}

const NAV: { href: string; key: MessageKey }[] = [
  { href: '/dataset', key: 'nav.dataset' },
  { href: '/hasil', key: 'nav.results' },
  { href: '/integritas', key: 'nav.integrity' },
  { href: '/kematangan', key: 'nav.maturity' },
  { href: '/api', key: 'nav.api' },
];

// A ballot box: the portal's mark ("kotak" = box). Decorative, hidden from assistive technology.
const LOGO = raw(
  '<svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">' +
    '<rect x="3" y="12" width="26" height="17" rx="2" fill="currentColor"/>' +
    '<rect x="9" y="3" width="14" height="13" rx="1" fill="#fff" stroke="currentColor" stroke-width="2"/>' +
    '<path d="M12 9l3 3 5-6" fill="none" stroke="currentColor" stroke-width="2"/>' +
    '<rect x="8" y="14" width="16" height="2.5" fill="#fff"/></svg>',
);

/** A hidden CSRF field for a form (every POST form of the pages must include it). */
export function csrfField(ctx: PageContext): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${ctx.csrfToken}">`;
}

function current(ctx: PageContext, href: string): boolean {
  return ctx.path === href || ctx.path.startsWith(href + '/');
}

function header(ctx: PageContext, search: boolean): Html {
  const { t } = ctx;
  const other = ctx.locale === 'id' ? 'en' : 'id';
  const account = ctx.user
    ? html`<a href="/ruang-kerja">${t('nav.workspace')}</a>
        <form method="post" action="/keluar" class="inline">${csrfField(ctx)}<button type="submit" class="link">${t(
          'nav.signOut',
        )}</button></form>`
    : html`<a href="/masuk">${t('nav.signIn')}</a>`;
  return html`<header class="site-header">
  <div class="site-bar">
    <a class="brand" href="/">${LOGO}<span>${t('site.name')}</span></a>
    ${search
      ? html`<form class="site-search" role="search" action="/dataset" method="get">
      <label for="site-q" class="visually-hidden">${t('search.label')}</label>
      <input id="site-q" type="search" name="q" placeholder="${t('search.placeholder')}">
      <button type="submit">${t('search.submit')}</button>
    </form>`
      : html`<span class="spacer"></span>`}
    <div class="account">
      <a class="lang" href="${linkWith(ctx, { lang: other })}" hreflang="${other}" lang="${other}" title="${t(
        'lang.switchToTitle',
      )}">${t('lang.switchTo')}</a>
      ${account}
    </div>
  </div>
  <nav class="site-nav" aria-label="${t('nav.label')}"><ul>${NAV.map(
    (n) =>
      html`<li><a href="${n.href}"${current(ctx, n.href) ? raw(' aria-current="page"') : ''}>${t(n.key)}</a></li>`,
  )}</ul></nav>
</header>`;
}

function footer(ctx: PageContext): Html {
  const { t } = ctx;
  return html`<footer class="site-footer">
  <p>${t('footer.note')}</p>
  <ul>
    <li><a href="/tentang">${t('footer.about')}</a></li>
    <li><a href="/lisensi">${t('footer.licence')}</a></li>
    <li><a href="/kontak">${t('footer.contact')}</a></li>
    <li><a href="/api">${t('nav.api')}</a></li>
  </ul>
</footer>`;
}

function breadcrumbs(ctx: PageContext, crumbs: Crumb[] | undefined): Renderable {
  if (!crumbs || crumbs.length === 0) return null;
  return html`<nav class="crumbs" aria-label="${ctx.t('breadcrumb.label')}"><ol>${crumbs.map((c, i) =>
    c.href && i < crumbs.length - 1
      ? html`<li><a href="${c.href}">${c.label}</a></li>`
      : html`<li><span aria-current="page">${c.label}</span></li>`,
  )}</ol></nav>`;
}

function islandTags(ctx: PageContext, names: string[] | undefined): { head: Html[]; body: Html[] } {
  const head: Html[] = [];
  const body: Html[] = [];
  const seen = new Set<string>();
  for (const name of names ?? []) {
    const files = ctx.assets.island(name);
    if (!files) continue;
    for (const css of files.css) if (!seen.has(css) && seen.add(css)) head.push(html`<link rel="stylesheet" href="${css}">`);
    for (const p of files.preload) if (!seen.has(p) && seen.add(p)) head.push(html`<link rel="modulepreload" href="${p}">`);
    body.push(html`<script type="module" src="${files.script}"></script>`);
  }
  return { head, body };
}

/** The whole document around a page body. */
export function layout(ctx: PageContext, page: PageOptions): Html {
  const { t } = ctx;
  const islands = islandTags(ctx, page.islands);
  const title = page.title ? `${page.title} · ${t('site.name')}` : `${t('site.name')} · ${t('site.tagline')}`;
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${page.description ?? t('site.tagline')}">
<link rel="stylesheet" href="${ctx.assets.stylesheet}">
<link rel="icon" href="${ctx.assets.icon}" type="image/svg+xml">
${islands.head}${page.head ?? ''}
</head>
<body>
<a class="skip" href="#main">${t('skip.toMain')}</a>
${header(ctx, page.headerSearch !== false)}
<main id="main" tabindex="-1">
${breadcrumbs(ctx, page.breadcrumbs)}
${page.body}
</main>
${footer(ctx)}
${islands.body}
</body>
</html>`;
}
