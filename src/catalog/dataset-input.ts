/**
 * Turns a CKAN-shaped dataset dict (package_create / package_update / package_patch input) into the catalogue's
 * fields, collecting every problem as `field: [messages]` (CKAN's Validation Error shape).
 * CKAN names are accepted (`notes`, `maintainer`, `maintainer_email`, `tags: [{name}]`, `extras: [{key, value}]`)
 * beside Kotak's own (`description`, `contact_name`, `spatial`, `temporal_start`, …).
 */
import { KotakError, type FieldErrors } from '../errors.js';
import { licenseById } from './licenses.js';
import type { Dataset, DatasetState } from './types.js';

/** CKAN's package name rule (ckan/logic/validators.py name_validator): 2–100 of a–z 0–9 - _. */
export const NAME_RE = /^[a-z0-9_-]{2,100}$/;
const TAG_RE = /^[\p{L}\p{N} ._-]{1,100}$/u;
const REGION_RE = /^(\d{2}|\d{4}|\d{6}|\d{10}|\d{13})$/;
const DATE_RE = /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** EU frequency vocabulary (DCAT-AP dct:accrualPeriodicity). */
export const FREQUENCIES = [
  'CONT', 'UPDATE_CONT', 'HOURLY', 'DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY', 'BIMONTHLY', 'QUARTERLY', 'ANNUAL',
  'ANNUAL_2', 'ANNUAL_3', 'BIENNIAL', 'TRIENNIAL', 'QUADRENNIAL', 'QUINQUENNIAL', 'DECENNIAL', 'IRREG', 'NEVER', 'UNKNOWN', 'OTHER',
] as const;
export const ACCESS_RIGHTS = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'] as const;

/** The editable fields of a dataset (everything an input can set). */
export type DatasetFields = Pick<
  Dataset,
  | 'name' | 'title' | 'description' | 'private' | 'state' | 'licenseId' | 'tags' | 'groups' | 'themes' | 'temporalStart'
  | 'temporalEnd' | 'spatial' | 'frequency' | 'contactName' | 'contactEmail' | 'accessRights' | 'version' | 'extras'
> & { organizationRef: string };

type Raw = Record<string, unknown>;

function has(input: Raw, ...keys: string[]): string | undefined {
  return keys.find((k) => Object.prototype.hasOwnProperty.call(input, k) && input[k] !== undefined);
}

function str(v: unknown, field: string, errors: FieldErrors): string | null {
  if (v === null || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  (errors[field] ??= []).push('Must be a string');
  return null;
}

function bool(v: unknown, field: string, errors: FieldErrors): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True' || v === '1') return true;
  if (v === 'false' || v === 'False' || v === '0' || v === '') return false;
  (errors[field] ??= []).push('Must be true or false');
  return false;
}

function nameList(v: unknown, field: string, errors: FieldErrors): string[] {
  if (v === null || v === '') return [];
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  if (!Array.isArray(v)) {
    (errors[field] ??= []).push('Must be a list');
    return [];
  }
  const out: string[] = [];
  for (const item of v) {
    if (typeof item === 'string') out.push(item.trim());
    else if (item && typeof item === 'object' && typeof (item as Raw).name === 'string') out.push(((item as Raw).name as string).trim());
    else (errors[field] ??= []).push('Each item must be a string or an object with a name');
  }
  return [...new Set(out.filter(Boolean))];
}

function extrasOf(v: unknown, errors: FieldErrors): Record<string, string> {
  if (v === null) return {};
  const out: Record<string, string> = {};
  if (Array.isArray(v)) {
    for (const e of v) {
      if (!e || typeof e !== 'object' || typeof (e as Raw).key !== 'string') {
        (errors.extras ??= []).push('Each extra must be {key, value}');
        continue;
      }
      const val = (e as Raw).value;
      out[(e as Raw).key as string] = typeof val === 'string' ? val : JSON.stringify(val ?? '');
    }
    return out;
  }
  if (typeof v === 'object') {
    for (const [k, val] of Object.entries(v as Raw)) out[k] = typeof val === 'string' ? val : JSON.stringify(val);
    return out;
  }
  (errors.extras ??= []).push('Must be a list of {key, value}');
  return out;
}

/**
 * Reads the input over `base` (patch semantics when `base` is given; full replace when it is null).
 * Throws `validation` with every field problem at once.
 */
export function readDatasetInput(input: Raw, base: DatasetFields | null): DatasetFields {
  const errors: FieldErrors = {};
  const empty: DatasetFields = {
    name: '', title: '', description: '', private: false, state: 'active', licenseId: null, tags: [], groups: [], themes: [],
    temporalStart: null, temporalEnd: null, spatial: [], frequency: null, contactName: null, contactEmail: null,
    accessRights: null, version: null, extras: {}, organizationRef: '',
  };
  const f: DatasetFields = base ? { ...base, extras: { ...base.extras } } : empty;
  let k: string | undefined;

  if ((k = has(input, 'name'))) f.name = str(input[k], 'name', errors) ?? '';
  if ((k = has(input, 'title'))) f.title = str(input[k], 'title', errors) ?? '';
  if ((k = has(input, 'notes', 'description'))) f.description = str(input[k], k, errors) ?? '';
  if ((k = has(input, 'owner_org', 'organization'))) {
    const v = input[k];
    f.organizationRef = (v && typeof v === 'object' ? String((v as Raw).id ?? (v as Raw).name ?? '') : str(v, 'owner_org', errors)) ?? '';
  }
  if ((k = has(input, 'private'))) f.private = bool(input[k], 'private', errors);
  if ((k = has(input, 'state'))) {
    const s = str(input[k], 'state', errors);
    if (s !== 'active' && s !== 'draft' && s !== 'deleted') (errors.state ??= []).push('Must be active, draft or deleted');
    else f.state = s as DatasetState;
  }
  if ((k = has(input, 'license_id'))) {
    f.licenseId = str(input[k], 'license_id', errors);
    if (f.licenseId && !licenseById(f.licenseId)) (errors.license_id ??= []).push(`Unknown licence "${f.licenseId}" (see license_list)`);
  }
  if ((k = has(input, 'tags', 'tag_string'))) f.tags = nameList(input[k], 'tags', errors);
  if ((k = has(input, 'groups'))) f.groups = nameList(input[k], 'groups', errors);
  if ((k = has(input, 'themes'))) f.themes = nameList(input[k], 'themes', errors).map((t) => t.toUpperCase());
  if ((k = has(input, 'spatial'))) f.spatial = nameList(input[k], 'spatial', errors);
  if ((k = has(input, 'temporal_start'))) f.temporalStart = str(input[k], 'temporal_start', errors);
  if ((k = has(input, 'temporal_end'))) f.temporalEnd = str(input[k], 'temporal_end', errors);
  if ((k = has(input, 'frequency'))) f.frequency = str(input[k], 'frequency', errors)?.toUpperCase() ?? null;
  if ((k = has(input, 'contact_name', 'maintainer'))) f.contactName = str(input[k], k, errors);
  if ((k = has(input, 'contact_email', 'maintainer_email'))) f.contactEmail = str(input[k], k, errors);
  if ((k = has(input, 'access_rights'))) f.accessRights = str(input[k], 'access_rights', errors)?.toUpperCase() ?? null;
  if ((k = has(input, 'version'))) f.version = str(input[k], 'version', errors);
  if ((k = has(input, 'extras'))) f.extras = base && !Array.isArray(input[k]) ? { ...f.extras, ...extrasOf(input[k], errors) } : extrasOf(input[k], errors);

  if (!NAME_RE.test(f.name)) (errors.name ??= []).push('Must be 2–100 characters: lower-case letters a–z, digits, - and _');
  if (!f.title) f.title = f.name;
  if (f.title.length > 500) (errors.title ??= []).push('Must be at most 500 characters');
  if (!f.organizationRef) (errors.owner_org ??= []).push('An organisation is required');
  for (const t of f.tags) if (!TAG_RE.test(t)) (errors.tags ??= []).push(`Tag "${t}" must be 1–100 letters, digits, spaces, - _ or .`);
  for (const c of f.spatial) if (!REGION_RE.test(c)) (errors.spatial ??= []).push(`"${c}" is not a Kemendagri region code (2, 4, 6, 10 or 13 digits)`);
  for (const [field, v] of [['temporal_start', f.temporalStart], ['temporal_end', f.temporalEnd]] as const) {
    if (v && !DATE_RE.test(v)) (errors[field] ??= []).push('Must be an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)');
  }
  if (f.temporalStart && f.temporalEnd && f.temporalStart > f.temporalEnd) (errors.temporal_end ??= []).push('Must not be before temporal_start');
  if (f.frequency && !(FREQUENCIES as readonly string[]).includes(f.frequency)) (errors.frequency ??= []).push(`Must be one of ${FREQUENCIES.join(', ')}`);
  if (f.accessRights && !(ACCESS_RIGHTS as readonly string[]).includes(f.accessRights)) (errors.access_rights ??= []).push(`Must be one of ${ACCESS_RIGHTS.join(', ')}`);
  if (f.contactEmail && !EMAIL_RE.test(f.contactEmail)) (errors.contact_email ??= []).push('Must be an e-mail address');

  if (Object.keys(errors).length) throw KotakError.validation(errors);
  return f;
}

/** The years a dataset covers, for the `year` facet. */
export function yearsOf(start: string | null, end: string | null): string[] {
  const a = start ? Number(start.slice(0, 4)) : null;
  const b = end ? Number(end.slice(0, 4)) : a;
  if (a === null || b === null) return [];
  const out: string[] = [];
  for (let y = a; y <= Math.min(b, a + 50); y++) out.push(String(y));
  return out;
}
