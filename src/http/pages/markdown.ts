import { escapeHtml, raw, safeUrl, type Html } from './html.js';

/**
 * A deliberately small Markdown subset for dataset descriptions (CKAN `notes` are Markdown): paragraphs, line
 * breaks, `-`/`*` lists, numbered lists, `**bold**`, `*em*`, `` `code` `` and `[text](url)` links. The text is escaped
 * first and only these constructs are turned back into tags, so no HTML in a description can reach the page; link
 * targets go through safeUrl (no javascript:). Anything else shows as the plain text it is.
 */
function inline(escaped: string): string {
  return escaped
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, text: string, href: string) => {
      // href is already escaped; unescape &amp; for the check, escape again for the attribute.
      const url = safeUrl(href.replace(/&amp;/g, '&'));
      return `<a href="${escapeHtml(url)}">${text}</a>`;
    })
    .replace(/(^|\s)(https?:\/\/[^\s<]+[^\s<.,;:!?)])/g, (_m, pre: string, url: string) => `${pre}<a href="${url}">${url}</a>`);
}

export function markdown(source: string): Html {
  const blocks = source.replace(/\r\n?/g, '\n').trim().split(/\n{2,}/);
  let out = '';
  for (const block of blocks) {
    const lines = block.split('\n');
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      out += `<ul>${lines.map((l) => `<li>${inline(escapeHtml(l.replace(/^\s*[-*]\s+/, '')))}</li>`).join('')}</ul>`;
    } else if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
      out += `<ol>${lines.map((l) => `<li>${inline(escapeHtml(l.replace(/^\s*\d+[.)]\s+/, '')))}</li>`).join('')}</ol>`;
    } else if (/^#{1,6}\s/.test(lines[0]!)) {
      // Headings inside a description sit below the page's own h1/h2: render them as h3.
      out += `<h3>${inline(escapeHtml(lines[0]!.replace(/^#{1,6}\s+/, '')))}</h3>`;
      if (lines.length > 1) out += `<p>${lines.slice(1).map((l) => inline(escapeHtml(l))).join('<br>')}</p>`;
    } else {
      out += `<p>${lines.map((l) => inline(escapeHtml(l))).join('<br>')}</p>`;
    }
  }
  return raw(out);
}

/** Plain text excerpt of a Markdown description (for search results). */
export function excerpt(source: string, max = 200): string {
  const text = source
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(#{1,6}|>|[-*]|\d+[.)])\s+/gm, '')
    .replace(/[*`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? text.slice(0, max - 1).replace(/\s+\S*$/, '') + '…' : text;
}
