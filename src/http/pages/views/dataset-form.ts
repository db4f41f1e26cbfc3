import { DATA_THEMES } from '../../../catalog/dcat/vocabularies.js';
import { LICENSES } from '../../../catalog/licenses.js';
import type { Group, Organization } from '../../../catalog/types.js';
import type { MessageKey } from '../../../i18n/index.js';
import { MQA_METRICS } from '../../../maturity/mqa.js';
import { errorSummary } from '../components.js';
import type { PageContext } from '../context.js';
import { html, type Html, type Renderable } from '../html.js';
import { csrfField, layout } from '../layout.js';

/**
 * The dataset form of the workspace (create and edit), with the metadata-quality points each field earns
 * (data.europa.eu MQA; points from config/maturity.json through the maturity part). Field names are the catalogue's
 * dataset input names (CKAN's where CKAN has one), so the form posts exactly what package_create accepts.
 */
export type FormValues = Record<string, string | string[]>;

export interface DatasetFormView {
  mode: 'create' | 'edit';
  values: FormValues;
  errors?: Record<string, string[]>;
  organizations: Pick<Organization, 'id' | 'name' | 'title'>[];
  groups: Pick<Group, 'name' | 'title'>[];
  /** MQA points per metric id. */
  points: Readonly<Record<string, number>>;
  notice?: string;
  /** The dataset's title for the heading in edit mode. */
  heading?: string;
  /** Shown above the form in edit mode: status, files, publish. */
  panel?: Renderable;
}

/** Which MQA metrics a form field satisfies (the DCAT-AP property each maps to, src/catalog/dcat/describe.ts). */
const FIELD_METRICS: Record<string, string[]> = {
  tags: ['mqa.keywords'],
  themes: ['mqa.themes'],
  spatial: ['mqa.spatial'],
  temporal: ['mqa.temporal'],
  license_id: ['mqa.licence', 'mqa.licence-vocabulary'],
  access_rights: ['mqa.access-rights', 'mqa.access-rights-vocabulary'],
  contact: ['mqa.contact-point'],
  owner_org: ['mqa.publisher'],
};

const FREQUENCY_OPTIONS = ['CONT', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'ANNUAL', 'QUINQUENNIAL', 'IRREG', 'NEVER', 'UNKNOWN'];
const ACCESS_OPTIONS = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'];

const DIMENSION_LABEL: Record<string, { id: string; en: string }> = {
  findability: { id: 'Kemudahan ditemukan', en: 'Findability' },
  accessibility: { id: 'Keteraksesan', en: 'Accessibility' },
  interoperability: { id: 'Interoperabilitas', en: 'Interoperability' },
  reusability: { id: 'Kemudahan digunakan ulang', en: 'Reusability' },
  contextuality: { id: 'Konteks', en: 'Contextuality' },
};

function pointsOf(v: DatasetFormView, field: string): number {
  return (FIELD_METRICS[field] ?? []).reduce((s, id) => s + (v.points[id] ?? 0), 0);
}

const str = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join(', ') : (v ?? ''));
const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/** The wrapper of one field: label, hint, MQA points, error. */
function field(
  ctx: PageContext,
  v: DatasetFormView,
  o: { name: string; id: string; label: string; hint?: string; mqa?: string; required?: boolean; control: Renderable },
): Html {
  const pts = o.mqa ? pointsOf(v, o.mqa) : 0;
  const metric = o.mqa ? MQA_METRICS.find((m) => m.id === FIELD_METRICS[o.mqa!]![0]) : undefined;
  const errs = v.errors?.[o.name];
  return html`<div class="field"${
    pts
      ? html` data-mqa-points="${pts}" data-mqa-dimension="${metric ? DIMENSION_LABEL[metric.category]![ctx.locale] : ''}" data-mqa-label="${o.label}"`
      : ''
  }>
<label for="${o.id}">${o.label}${o.required ? html` <span class="muted">(${ctx.t('form.required')})</span>` : ''}${
    pts ? html` <span class="points">${ctx.t('mqa.available', { points: pts })}</span>` : ''
  }</label>
${o.hint ? html`<span class="hint" id="${o.id}-hint">${o.hint}</span>` : ''}
${errs ? html`<span class="error" id="${o.id}-error">${errs.join('; ')}</span>` : ''}
${o.control}
</div>`;
}

function describedBy(v: DatasetFormView, name: string, id: string, hint: boolean): Html | string {
  const ids = [hint ? `${id}-hint` : '', v.errors?.[name] ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

function text(v: DatasetFormView, name: string, id: string, opts: { type?: string; required?: boolean; hint?: boolean; readonly?: boolean } = {}): Html {
  return html`<input id="${id}" name="${name}" type="${opts.type ?? 'text'}" value="${str(v.values[name])}"${opts.required ? html` required` : ''}${
    opts.readonly ? html` readonly` : ''
  }${v.errors?.[name] ? html` aria-invalid="true"` : ''}${describedBy(v, name, id, opts.hint ?? false)}>`;
}

export function datasetFormPage(ctx: PageContext, v: DatasetFormView): Html {
  const { t, locale } = ctx;
  const name = str(v.values.name);
  const action = v.mode === 'create' ? '/ruang-kerja/dataset/baru' : `/ruang-kerja/dataset/${name}`;
  const themes = new Set(list(v.values.themes));
  const groups = new Set(list(v.values.groups));
  const licence = str(v.values.license_id);
  const access = str(v.values.access_rights);
  const frequency = str(v.values.frequency);
  const org = str(v.values.owner_org);
  const title = v.mode === 'create' ? t('ws.newDataset') : `${t('dataset.edit')}: ${v.heading ?? name}`;
  const licencePoints = (euUri: string | null) => (v.points['mqa.licence'] ?? 0) + (euUri ? (v.points['mqa.licence-vocabulary'] ?? 0) : 0);
  return layout(ctx, {
    title,
    islands: ['form-hints'],
    breadcrumbs: [{ label: t('ws.title'), href: '/ruang-kerja' }, { label: title }],
    body: html`<h1>${title}</h1>
${v.notice ? html`<p class="notice ok" role="status">${v.notice}</p>` : ''}
${v.panel ?? ''}
${errorSummary(ctx, v.errors, (f) => `f-${f.replace(/[^a-z_]/g, '')}`)}
<form class="stack with-hints" method="post" action="${action}" novalidate>
${csrfField(ctx)}
<div data-island="form-hints" data-title="${t('mqa.title')}" data-earned="${t('mqa.earned')}" data-filled="${t('mqa.filled')}" data-available="${t(
      'mqa.available',
    )}" data-missing-title="${t('mqa.missing')}"><p class="notice">${t('mqa.static')}</p></div>
${field(ctx, v, { name: 'title', id: 'f-title', label: t('form.title'), required: true, control: text(v, 'title', 'f-title', { required: true }) })}
${field(ctx, v, {
  name: 'name',
  id: 'f-name',
  label: t('form.name'),
  hint: t('form.name.hint'),
  required: true,
  control: text(v, 'name', 'f-name', { required: true, hint: true, readonly: v.mode === 'edit' }),
})}
${field(ctx, v, {
  name: 'notes',
  id: 'f-notes',
  label: t('form.description'),
  hint: t('form.description.hint'),
  required: true,
  control: html`<textarea id="f-notes" name="notes" rows="6"${describedBy(v, 'notes', 'f-notes', true)}>${str(v.values.notes)}</textarea>`,
})}
${field(ctx, v, {
  name: 'owner_org',
  id: 'f-owner_org',
  label: t('form.organization'),
  mqa: 'owner_org',
  required: true,
  control: html`<select id="f-owner_org" name="owner_org" required${v.mode === 'edit' ? html` disabled` : ''}>${v.organizations.map(
    (o) => html`<option value="${o.name}"${o.name === org || o.id === org ? html` selected` : ''}>${o.title}</option>`,
  )}</select>${v.mode === 'edit' ? html`<input type="hidden" name="owner_org" value="${org}">` : ''}`,
})}
${field(ctx, v, {
  name: 'license_id',
  id: 'f-license_id',
  label: t('form.licence'),
  mqa: 'license_id',
  control: html`<select id="f-license_id" name="license_id"><option value="">${t('form.licence.none')}</option>${LICENSES.map(
    (l) => html`<option value="${l.id}" data-points="${licencePoints(l.euUri)}"${l.id === licence ? html` selected` : ''}>${l.title}</option>`,
  )}</select>`,
})}
${field(ctx, v, { name: 'tags', id: 'f-tags', label: t('form.tags'), hint: t('form.tags.hint'), mqa: 'tags', control: text(v, 'tags', 'f-tags', { hint: true }) })}
<fieldset class="field" data-mqa-points="${pointsOf(v, 'themes')}" data-mqa-dimension="${DIMENSION_LABEL.findability![locale]}" data-mqa-label="${t(
      'form.themes',
    )}" id="f-themes"><legend>${t('form.themes')} <span class="points">${t('mqa.available', { points: pointsOf(v, 'themes') })}</span></legend>
<div class="checks">${Object.keys(DATA_THEMES).map(
      (code) =>
        html`<label><input type="checkbox" name="themes" value="${code}"${themes.has(code) ? html` checked` : ''}> ${t(`theme.${code}` as MessageKey)}</label>`,
    )}</div></fieldset>
${v.groups.length ? html`<fieldset class="field" id="f-groups"><legend>${t('form.groups')}</legend><div class="checks">${v.groups.map(
      (g) => html`<label><input type="checkbox" name="groups" value="${g.name}"${groups.has(g.name) ? html` checked` : ''}> ${g.title}</label>`,
    )}</div></fieldset>` : ''}
${field(ctx, v, { name: 'spatial', id: 'f-spatial', label: t('form.spatial'), hint: t('form.spatial.hint'), mqa: 'spatial', control: text(v, 'spatial', 'f-spatial', { hint: true }) })}
<div class="field two" data-mqa-points="${pointsOf(v, 'temporal')}" data-mqa-dimension="${DIMENSION_LABEL.findability![locale]}" data-mqa-label="${t(
      'dataset.temporal',
    )}">
<div><label for="f-temporal_start">${t('form.temporalStart')} <span class="points">${t('mqa.available', { points: pointsOf(v, 'temporal') })}</span></label>
${v.errors?.temporal_start ? html`<span class="error" id="f-temporal_start-error">${v.errors.temporal_start.join('; ')}</span>` : ''}
${text(v, 'temporal_start', 'f-temporal_start', { type: 'date' })}</div>
<div><label for="f-temporal_end">${t('form.temporalEnd')}</label>
${v.errors?.temporal_end ? html`<span class="error" id="f-temporal_end-error">${v.errors.temporal_end.join('; ')}</span>` : ''}
${text(v, 'temporal_end', 'f-temporal_end', { type: 'date' })}</div></div>
${field(ctx, v, {
  name: 'frequency',
  id: 'f-frequency',
  label: t('form.frequency'),
  control: html`<select id="f-frequency" name="frequency"><option value="">${t('form.choose')}</option>${FREQUENCY_OPTIONS.map(
    (f) => html`<option value="${f}"${f === frequency ? html` selected` : ''}>${t(`freq.${f}` as MessageKey)}</option>`,
  )}</select>`,
})}
<div class="field two" data-mqa-points="${pointsOf(v, 'contact')}" data-mqa-dimension="${DIMENSION_LABEL.reusability![locale]}" data-mqa-label="${t(
      'form.contact',
    )}">
<div><label for="f-contact_name">${t('form.contactName')} <span class="points">${t('mqa.available', { points: pointsOf(v, 'contact') })}</span></label>
${text(v, 'contact_name', 'f-contact_name')}</div>
<div><label for="f-contact_email">${t('form.contactEmail')}</label>
${v.errors?.contact_email ? html`<span class="error" id="f-contact_email-error">${v.errors.contact_email.join('; ')}</span>` : ''}
${text(v, 'contact_email', 'f-contact_email', { type: 'email' })}</div></div>
${field(ctx, v, {
  name: 'access_rights',
  id: 'f-access_rights',
  label: t('form.accessRights'),
  mqa: 'access_rights',
  control: html`<select id="f-access_rights" name="access_rights"><option value="">${t('form.choose')}</option>${ACCESS_OPTIONS.map(
    (a) => html`<option value="${a}"${a === access ? html` selected` : ''}>${t(`access.${a}` as MessageKey)}</option>`,
  )}</select>`,
})}
${field(ctx, v, { name: 'version', id: 'f-version', label: t('form.version'), control: text(v, 'version', 'f-version') })}
<div class="field"><label><input type="checkbox" name="private" value="true"${str(v.values.private) === 'true' ? html` checked` : ''}> ${t(
      'form.private',
    )}</label></div>
<p><button type="submit">${v.mode === 'create' ? t('form.createDraft') : t('form.save')}</button></p>
</form>`,
  });
}
