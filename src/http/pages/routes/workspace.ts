import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SearchResult } from '../../../actions/dataset.js';
import { invoke } from '../../../actions/invoke.js';
import type { OrganizationSummary } from '../../../actions/organization.js';
import { hasRole, requireActor } from '../../../actions/policies.js';
import type { ActionContext } from '../../../actions/types.js';
import type { Group } from '../../../catalog/types.js';
import type { Dataset } from '../../../catalog/types.js';
import { KotakError, isKotakError } from '../../../errors.js';
import { loadMaturityConfig } from '../../../maturity/config.js';
import { readMultipart } from '../../upload.js';
import type { PageContext } from '../context.js';
import { html } from '../html.js';
import type { PageKit } from '../kit.js';
import { csrfField } from '../layout.js';
import { datasetFormPage, type DatasetFormView, type FormValues } from '../views/dataset-form.js';
import { statusBadge, uploadPage, workspacePage } from '../views/workspace.js';
import { fqTerm } from './datasets.js';
import { hasMaturity } from './maturity.js';
import { hasImport } from './results-import.js';
import { hasTpsListImport } from './tps-list.js';
import type { FormBody as Form } from '../form.js';

const FORM_FIELDS = [
  'name', 'title', 'notes', 'owner_org', 'license_id', 'tags', 'themes', 'groups', 'spatial', 'temporal_start', 'temporal_end',
  'frequency', 'contact_name', 'contact_email', 'access_rights', 'version', 'private',
];
const LIST_FIELDS = new Set(['themes', 'groups']);

/** The form's fields as the dataset input (CKAN names): lists stay lists, an unticked "private" is false. */
export function datasetInputOf(body: Form): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FORM_FIELDS) {
    const v = body[f];
    if (LIST_FIELDS.has(f)) out[f] = v === undefined ? [] : [v].flat();
    else if (f === 'private') out[f] = v === 'true';
    else out[f] = (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
  }
  return out;
}

function valuesOf(d: Dataset): FormValues {
  return {
    name: d.name, title: d.title, notes: d.description, owner_org: d.organization.name, license_id: d.licenseId ?? '',
    tags: d.tags.join(', '), themes: d.themes, groups: d.groups, spatial: d.spatial.join(', '), temporal_start: d.temporalStart?.slice(0, 10) ?? '',
    temporal_end: d.temporalEnd?.slice(0, 10) ?? '', frequency: d.frequency ?? '', contact_name: d.contactName ?? '',
    contact_email: d.contactEmail ?? '', access_rights: d.accessRights ?? '', version: d.version ?? '', private: d.private ? 'true' : '',
  };
}

/** Organisations where the actor may publish (editor or admin; every one for a sysadmin). */
async function publishableOrgs(action: ActionContext): Promise<OrganizationSummary[]> {
  const actor = requireActor(action);
  const all = await invoke<OrganizationSummary[]>(action, 'organization.list', { all_fields: true });
  return all.filter((o) => hasRole(actor, o.id, 'editor'));
}

async function formView(action: ActionContext, mode: 'create' | 'edit', values: FormValues): Promise<Omit<DatasetFormView, 'errors' | 'notice' | 'panel'>> {
  const [organizations, groups] = await Promise.all([publishableOrgs(action), invoke<Group[]>(action, 'group.list', { all_fields: true })]);
  return { mode, values, organizations, groups, points: loadMaturityConfig().indicators };
}

async function editable(action: ActionContext, name: string): Promise<Dataset> {
  const d = await invoke<Dataset>(action, 'dataset.show', { id: name });
  if (!hasRole(requireActor(action), d.organizationId, 'editor')) throw KotakError.forbidden();
  return d;
}

function editPanel(page: PageContext, d: Dataset) {
  const { t } = page;
  return html`<section class="notice" aria-labelledby="status-h"><h2 id="status-h">${t('ws.dataset.status')}: ${statusBadge(page, d)}</h2>
<p><a href="/dataset/${d.name}">${t('ws.dataset.view')}</a> · <a href="/ruang-kerja/dataset/${d.name}/berkas">${t('dataset.addResource')}</a></p>
${d.resources.length ? html`<ul>${d.resources.map((r) => html`<li>${r.name} <span class="badge">${r.format}</span></li>`)}</ul>` : html`<p>${t('dataset.noResources')}</p>`}
${d.state === 'draft' || d.private ? html`<form method="post" action="/ruang-kerja/dataset/${d.name}/terbitkan">${csrfField(page)}<p>${t('ws.dataset.publishHint')}</p><button type="submit">${t('ws.dataset.publish')}</button></form>` : ''}
</section>`;
}

/** Extra links on the workspace home, added by the results and maturity pages once their actions exist. */
export type WorkspaceLinks = (page: PageContext) => { href: string; label: string }[];

/** The publisher workspace: /ruang-kerja, dataset create/edit, file upload, publish. */
export function workspaceRoutes(server: FastifyInstance, kit: PageKit, links: WorkspaceLinks[]): void {
  const signedIn = async (req: FastifyRequest, reply: Parameters<PageKit['begin']>[1]) => {
    const begun = await kit.begin(req, reply);
    requireActor(begun.action); // anonymous → unauthorized → the error handler sends GETs to /masuk
    reply.header('cache-control', 'no-store');
    return begun;
  };

  server.get('/ruang-kerja', async (req, reply) => {
    const { page, action } = await signedIn(req, reply);
    const actor = requireActor(action);
    const all = await invoke<OrganizationSummary[]>(action, 'organization.list', { all_fields: true });
    const organizations = all
      .filter((o) => actor.sysadmin || actor.memberships.has(o.id))
      .map((o) => ({ name: o.name, title: o.title, role: actor.memberships.get(o.id) ?? ('sysadmin' as const) }));
    const datasets = organizations.length
      ? await invoke<SearchResult>(action, 'dataset.search', {
          fq: organizations.map((o) => fqTerm('organization', o.name)).join(' OR '),
          sort: 'metadata_modified desc',
          rows: 100,
          facet: false,
          include_private: true,
          include_drafts: true,
        })
      : null;
    const workspaceLinks = [
      ...(hasImport() ? [{ href: '/ruang-kerja/impor', label: page.t('ws.import') }] : []),
      ...(hasTpsListImport() ? [{ href: '/ruang-kerja/daftar-tps', label: page.t('ws.tpsList') }] : []),
      ...links.flatMap((l) => l(page)),
    ];
    return kit.send(reply, workspacePage(page, { organizations, datasets: datasets?.results ?? [], links: workspaceLinks, questionnaire: hasMaturity() }));
  });

  server.get('/ruang-kerja/dataset/baru', async (req, reply) => {
    const { page, action } = await signedIn(req, reply);
    const base = await formView(action, 'create', { access_rights: 'PUBLIC', license_id: 'cc-by' });
    return kit.send(reply, datasetFormPage(page, base));
  });

  server.post<{ Body: Form }>('/ruang-kerja/dataset/baru', async (req, reply) => {
    kit.checkCsrf(req, req.body);
    const { page, action } = await signedIn(req, reply);
    const input = datasetInputOf(req.body ?? {});
    try {
      const d = await invoke<Dataset>(action, 'dataset.create', { ...input, state: 'draft' });
      return reply.redirect(`/ruang-kerja/dataset/${d.name}?dibuat=1`, 303);
    } catch (e) {
      if (!isKotakError(e) || e.code !== 'validation') throw e;
      const base = await formView(action, 'create', req.body as FormValues);
      return kit.send(reply, datasetFormPage(page, { ...base, errors: e.fields }), 409);
    }
  });

  server.get<{ Params: { name: string } }>('/ruang-kerja/dataset/:name', async (req, reply) => {
    const { page, action } = await signedIn(req, reply);
    const d = await editable(action, req.params.name);
    const base = await formView(action, 'edit', valuesOf(d));
    const notice = page.query.has('dibuat') ? page.t('ws.dataset.created') : page.query.has('terbit') ? page.t('ws.dataset.published') : page.query.has('disimpan') ? page.t('form.saved') : undefined;
    return kit.send(reply, datasetFormPage(page, { ...base, heading: d.title, panel: editPanel(page, d), notice }));
  });

  server.post<{ Params: { name: string }; Body: Form }>('/ruang-kerja/dataset/:name', async (req, reply) => {
    kit.checkCsrf(req, req.body);
    const { page, action } = await signedIn(req, reply);
    const d = await editable(action, req.params.name);
    const { name: _name, owner_org: _org, ...input } = datasetInputOf(req.body ?? {});
    try {
      await invoke(action, 'dataset.patch', { id: d.id, ...input });
      return reply.redirect(`/ruang-kerja/dataset/${d.name}?disimpan=1`, 303);
    } catch (e) {
      if (!isKotakError(e) || e.code !== 'validation') throw e;
      const base = await formView(action, 'edit', { ...(req.body as FormValues), name: d.name, owner_org: d.organization.name });
      return kit.send(reply, datasetFormPage(page, { ...base, heading: d.title, panel: editPanel(page, d), errors: e.fields }), 409);
    }
  });

  server.post<{ Params: { name: string }; Body: Form }>('/ruang-kerja/dataset/:name/terbitkan', async (req, reply) => {
    kit.checkCsrf(req, req.body);
    const { action } = await signedIn(req, reply);
    const d = await editable(action, req.params.name);
    await invoke(action, 'dataset.patch', { id: d.id, state: 'active', private: false });
    return reply.redirect(`/ruang-kerja/dataset/${d.name}?terbit=1`, 303);
  });

  server.get<{ Params: { name: string } }>('/ruang-kerja/dataset/:name/berkas', async (req, reply) => {
    const { page, action } = await signedIn(req, reply);
    const d = await editable(action, req.params.name);
    const added = page.query.get('ditambah');
    return kit.send(
      reply,
      uploadPage(page, { dataset: d, maxBytes: kit.app.services.config.maxUploadBytes, notice: added ? page.t('upload.done', { name: added }) : undefined }),
    );
  });

  server.post<{ Params: { name: string } }>('/ruang-kerja/dataset/:name/berkas', async (req, reply) => {
    kit.checkCsrf(req); // token in the address, checked before the body is read
    const { page, action } = await signedIn(req, reply);
    const d = await editable(action, req.params.name);
    const { fields, upload } = await readMultipart(kit.app, req);
    const max = kit.app.services.config.maxUploadBytes;
    if (!upload || upload.size === 0) {
      return kit.send(reply, uploadPage(page, { dataset: d, maxBytes: max, error: page.t('upload.missing') }), 400);
    }
    const name = String(fields.name ?? '').trim() || upload.filename;
    try {
      await invoke(
        action,
        'resource.create',
        { package_id: d.id, name, description: String(fields.description ?? ''), ...(String(fields.format ?? '').trim() ? { format: String(fields.format).trim() } : {}) },
        { extra: { upload } },
      );
    } catch (e) {
      if (!isKotakError(e) || e.code !== 'validation') throw e;
      const msg = Object.entries(e.fields ?? {}).map(([f, m]) => `${f}: ${m.join('; ')}`).join(' · ') || e.message;
      return kit.send(reply, uploadPage(page, { dataset: d, maxBytes: max, error: msg }), 409);
    }
    return reply.redirect(`/ruang-kerja/dataset/${d.name}/berkas?ditambah=${encodeURIComponent(name)}`, 303);
  });

}
