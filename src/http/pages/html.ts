/**
 * A tiny HTML renderer: a tagged template that escapes every interpolated value unless it is already `Html`
 * (produced by `html` itself or marked with `raw()`). Escaping covers text and quoted attribute values (the five
 * characters of the HTML spec's "escapingString" plus the apostrophe), so templates must always quote attributes.
 * Arrays are joined; null, undefined and false render nothing, so `${cond && html`…`}` works.
 *
 * @example
 * html`<p title="${user.name}">${t('nav.home')}</p>`            // user.name escaped
 * html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Renderable = Html | string | number | boolean | null | undefined | readonly Renderable[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPE_ALL = /[&<>"']/g;

export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, (c) => ESCAPES[c]!) : text;
}

function render(value: Renderable): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) {
    let out = '';
    for (const v of value as readonly Renderable[]) out += render(v);
    return out;
  }
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup, inserted as it is. Only for strings the code built itself (never user input). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/**
 * A URL safe to put in href/src: relative paths and http(s)/mailto only. Anything else (javascript:, data:,
 * vbscript:) becomes '#', because escaping alone does not stop a `javascript:` link from running.
 */
export function safeUrl(url: string | null | undefined): string {
  if (!url) return '#';
  const trimmed = url.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return '#';
  // Protocol-relative "//host" would leave the origin; treat it as unsafe too.
  if (trimmed.startsWith('//')) return '#';
  return trimmed;
}

/** JSON for a `<script type="application/json">` data island: `<` escaped so `</script>` cannot end the element. */
export function jsonScript(value: unknown): Html {
  return raw(JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
}

/** Attribute list from an object: `true` renders the bare name, false/null/undefined omit it. */
export function attrs(map: Record<string, string | number | boolean | null | undefined>): Html {
  let out = '';
  for (const [name, value] of Object.entries(map)) {
    if (value === false || value === null || value === undefined) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return new Html(out);
}
