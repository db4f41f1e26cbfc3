import type { OrganizationSummary } from '../../../actions/organization.js';
import type { PageContext } from '../context.js';
import { html, safeUrl, type Html } from '../html.js';
import { layout } from '../layout.js';

/** The about, licence, contact and API pages: text from the catalogue, nothing from the store but the offices. */
export function aboutPage(ctx: PageContext): Html {
  const { t } = ctx;
  return layout(ctx, {
    title: t('about.title'),
    body: html`<h1>${t('about.title')}</h1><p class="lead">${t('about.lead')}</p>
<h2>${t('about.what.title')}</h2>
<ul><li>${t('about.what.1')}</li><li>${t('about.what.2')}</li><li>${t('about.what.3')}</li><li>${t('about.what.4')}</li></ul>
<h2>${t('about.flags.title')}</h2><p>${t('about.flags.body')}</p>`,
  });
}

export function licencePage(ctx: PageContext): Html {
  const { t } = ctx;
  return layout(ctx, {
    title: t('licence.title'),
    body: html`<h1>${t('licence.title')}</h1>
<p>${t('licence.data')}</p><p>${t('licence.results')}</p><p>${t('licence.boundaries')}</p><p>${t('licence.software')}</p>`,
  });
}

export function contactPage(ctx: PageContext, organizations: OrganizationSummary[]): Html {
  const { t } = ctx;
  return layout(ctx, {
    title: t('contact.title'),
    body: html`<h1>${t('contact.title')}</h1><p>${t('contact.data')}</p>
<h2>${t('contact.organizations')}</h2>
<ul class="cards">${organizations.map(
      (o) => html`<li><h3><a href="/organization/${o.name}">${o.title}</a></h3>
${o.email ? html`<a href="mailto:${o.email}">${o.email}</a>` : ''}${o.homepage ? html` · <a href="${safeUrl(o.homepage)}">${o.homepage}</a>` : ''}</li>`,
    )}</ul>`,
  });
}

export function apiPage(ctx: PageContext, baseUrl: string): Html {
  const { t } = ctx;
  const example = `curl '${baseUrl}/api/3/action/package_search?q=hasil&rows=5'`;
  return layout(ctx, {
    title: t('api.title'),
    islands: ['enhance'],
    body: html`<h1>${t('api.title')}</h1><p class="lead">${t('api.lead')}</p>
<h2>${t('api.rest.title')}</h2><p>${t('api.rest.body')}</p>
<p><a class="button" href="/api/docs">${t('api.rest.docs')}</a> <a href="/api/openapi.json">${t('api.rest.spec')}</a></p>
<h2>${t('api.ckan.title')}</h2><p>${t('api.ckan.body')}</p>
<h3>${t('api.example.title')}</h3>
<pre><code id="api-example">${example}</code></pre>
<button type="button" class="secondary" data-copy="api-example" data-copied="${t('word.copied')}" hidden>${t('word.copy')}</button>
<h2>${t('api.log.title')}</h2><p>${t('api.log.body')}</p>
<p><a href="/log/checkpoint">/log/checkpoint</a></p>
<p>${t('api.tokens')}</p>`,
  });
}
