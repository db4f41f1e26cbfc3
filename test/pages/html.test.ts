import { describe, expect, it } from 'vitest';
import { attrs, escapeHtml, html, jsonScript, raw, safeUrl } from '../../src/http/pages/html.js';
import { csrfToken, newCsrfBinding, verifyCsrfToken } from '../../src/http/pages/csrf.js';

describe('html', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const name = `<script>alert("x")</script>' & more`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; &amp; more">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; &amp; more</p>',
    );
  });

  it('keeps nested html and raw() unescaped, joins arrays and drops null/false', () => {
    const items = ['a<b', 'c'];
    const out = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>${null}${false}${undefined}${raw('<hr>')}${0}`;
    expect(out.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul><hr>0');
  });

  it('escapeHtml returns the same string when nothing needs escaping', () => {
    expect(escapeHtml('Kota Serang 3673')).toBe('Kota Serang 3673');
  });

  it('safeUrl refuses script URLs and protocol-relative addresses', () => {
    expect(safeUrl('javascript:alert(1)')).toBe('#');
    expect(safeUrl(' JaVaScRiPt:alert(1)')).toBe('#');
    expect(safeUrl('data:text/html,<b>')).toBe('#');
    expect(safeUrl('//evil.example/x')).toBe('#');
    expect(safeUrl('https://kpu.go.id/x.csv')).toBe('https://kpu.go.id/x.csv');
    expect(safeUrl('/dataset/a')).toBe('/dataset/a');
    expect(safeUrl(null)).toBe('#');
  });

  it('jsonScript cannot close its script element', () => {
    expect(jsonScript({ a: '</script><b>' }).value).toBe('{"a":"\\u003c/script>\\u003cb>"}');
  });

  it('attrs renders booleans as bare names and escapes values', () => {
    expect(attrs({ required: true, hidden: false, value: 'a"b', x: null }).value).toBe(' required value="a&quot;b"');
  });
});

describe('csrf', () => {
  const secret = Buffer.from('0123456789abcdef0123456789abcdef');
  it('accepts the token of the same binding and rejects another binding, a changed token or none', () => {
    const binding = newCsrfBinding();
    const token = csrfToken(secret, binding);
    expect(verifyCsrfToken(secret, binding, token)).toBe(true);
    expect(verifyCsrfToken(secret, newCsrfBinding(), token)).toBe(false);
    expect(verifyCsrfToken(secret, binding, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBe(false);
    expect(verifyCsrfToken(secret, binding, undefined)).toBe(false);
    expect(verifyCsrfToken(secret, undefined, token)).toBe(false);
    expect(verifyCsrfToken(Buffer.from('another secret, same length....!'), binding, token)).toBe(false);
  });
});
