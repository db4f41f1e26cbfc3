import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import { layout } from '../layout.js';
import { searchForm } from '../components.js';

export type ErrorKind = 'not_found' | 'forbidden' | 'csrf' | 'bad_request' | 'internal';

/** The page shown for an error on a page route: what happened in plain words and a way on (never a stack trace). */
export function errorPage(ctx: PageContext, kind: ErrorKind, detail: { id?: string; message?: string } = {}): Html {
  const { t } = ctx;
  const title =
    kind === 'not_found' ? t('error.notFound.title') : kind === 'forbidden' || kind === 'csrf' ? t('error.forbidden.title') : t('error.title');
  const body =
    kind === 'not_found'
      ? t('error.notFound.body')
      : kind === 'forbidden'
        ? t('error.forbidden.body')
        : kind === 'csrf'
          ? t('error.csrf.body')
          : kind === 'bad_request'
            ? (detail.message ?? t('error.title'))
            : t('error.internal.body', { id: detail.id ?? '-' });
  return layout(ctx, {
    title,
    body: html`<h1>${title}</h1><p>${body}</p>
${searchForm(ctx, 'err-q')}
<p><a href="/">${t('nav.home')}</a></p>`,
  });
}
