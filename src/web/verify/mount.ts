/**
 * The "check a file" widget of the integrity page: a file input that also takes a dropped file, an optional receipt,
 * and a live result region. All text goes in through textContent (entries come from the network).
 *
 * @example
 *   mountVerifier(document.querySelector('[data-kotak-verify]')!, { portal: '', lang: 'id' });
 */
import { describe, texts, type Lang } from './messages.js';
import { verifyInBrowser, type BrowserOptions } from './verify.js';

export interface MountOptions extends Omit<BrowserOptions, 'receipt'> {
  lang: Lang;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

export function mountVerifier(root: HTMLElement, opts: MountOptions): void {
  const t = texts(opts.lang);
  const file = el('input', { type: 'file', id: 'kotak-verify-file' });
  const receipt = el('input', { type: 'file', id: 'kotak-verify-receipt', accept: '.tlog-proof,.tps-receipt,text/plain' });
  const out = el('div', { className: 'verify-result' });
  out.setAttribute('role', 'status');
  out.setAttribute('aria-live', 'polite');
  const zone = el(
    'div',
    { className: 'verify-drop' },
    el('label', { htmlFor: file.id }, t.prompt),
    file,
    el('label', { htmlFor: receipt.id }, t.receipt),
    receipt,
  );
  root.replaceChildren(zone, out);

  let receiptText: string | undefined;
  receipt.addEventListener('change', async () => {
    receiptText = receipt.files?.[0] ? await receipt.files[0].text() : undefined;
    if (file.files?.[0]) void check(file.files[0]);
  });

  async function check(f: File): Promise<void> {
    out.replaceChildren(el('p', {}, t.checking));
    out.dataset.status = 'checking';
    try {
      const r = await verifyInBrowser(f, { ...opts, receipt: receiptText });
      out.dataset.status = r.status;
      const [head, ...rest] = describe(r, opts.lang);
      const nodes: Node[] = [el('p', { className: 'verify-head' }, el('strong', {}, head!)), el('ul', {}, ...rest.map((line) => el('li', {}, line)))];
      if (r.receipt && r.status === 'verified') {
        const ext = r.tps ? '.tps-receipt' : '.tlog-proof';
        const a = el('a', { href: URL.createObjectURL(new Blob([r.receipt], { type: 'text/plain' })), download: `${f.name}${ext}` }, t.download);
        nodes.push(el('p', {}, a));
      }
      out.replaceChildren(...nodes);
    } catch (e) {
      out.dataset.status = 'error';
      out.replaceChildren(el('p', {}, t.error), el('p', {}, (e as Error).message));
    }
  }

  file.addEventListener('change', () => {
    if (file.files?.[0]) void check(file.files[0]);
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    const f = e.dataTransfer?.files?.[0];
    if (f) void check(f);
  });
}
