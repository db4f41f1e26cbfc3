/**
 * Island entry (web.vite.config.ts builds it as `verify`): mounts the verifier on every `[data-kotak-verify]`
 * element. Attributes: `data-portal` (base URL, default same origin), `data-vkey` (the log's verifier key as shown on
 * the page; fetched from /log/key when absent). The language is the page's `lang`.
 */
import { mountVerifier } from './mount.js';

for (const root of document.querySelectorAll<HTMLElement>('[data-kotak-verify]')) {
  mountVerifier(root, {
    portal: root.dataset.portal ?? '',
    vkey: root.dataset.vkey || undefined,
    lang: document.documentElement.lang.startsWith('en') ? 'en' : 'id',
  });
}

export { mountVerifier };
