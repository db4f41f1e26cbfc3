import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import { csrfField, layout } from '../layout.js';

export function signInPage(ctx: PageContext, v: { next: string; name?: string; failed?: boolean; signedOut?: boolean }): Html {
  const { t } = ctx;
  return layout(ctx, {
    title: t('signin.title'),
    body: html`<h1>${t('signin.title')}</h1>
${v.signedOut ? html`<p class="notice ok" role="status">${t('signin.signedOut')}</p>` : ''}
${v.failed ? html`<p class="notice bad" role="alert" id="signin-error">${t('signin.failed')}</p>` : ''}
<p>${t('signin.lead')}</p>
<form class="stack" method="post" action="/masuk">
${csrfField(ctx)}
<input type="hidden" name="next" value="${v.next}">
<div class="field"><label for="f-name">${t('signin.name')}</label>
<input id="f-name" type="text" name="name" value="${v.name ?? ''}" autocomplete="username" required autocapitalize="none" spellcheck="false"${
      v.failed ? html` aria-describedby="signin-error"` : ''
    }></div>
<div class="field"><label for="f-password">${t('signin.password')}</label>
<input id="f-password" type="password" name="password" autocomplete="current-password" required></div>
<p><button type="submit">${t('signin.submit')}</button></p>
</form>`,
  });
}
