/**
 * Domain types of the catalogue. These are what actions return to presenters and what the DCAT-AP mapping and the
 * maturity indicators read. They are plain data: no database rows, no HTTP shapes (the CKAN package dict is a
 * presenter in src/http/ckan/, the DCAT-AP graph a mapping in src/catalog/dcat/).
 */

export type DatasetState = 'active' | 'draft' | 'deleted';
export type MemberRole = 'admin' | 'editor' | 'member';

export interface Organization {
  id: string;
  /** URL-safe slug, e.g. `kpu-kota-serang`. */
  name: string;
  title: string;
  description: string;
  /** Kemendagri code of the region the office is responsible for (`36`, `3673`). */
  regionCode: string | null;
  imageUrl: string | null;
  /** Contact e-mail of the office (DCAT-AP dcat:contactPoint fallback). */
  email: string | null;
  homepage: string | null;
  created: string;
  state: 'active' | 'deleted';
}

export interface Group {
  id: string;
  name: string;
  title: string;
  description: string;
  /** EU data-theme code this group maps to (http://publications.europa.eu/resource/authority/data-theme/{code}). */
  euTheme: string | null;
  created: string;
}

export interface License {
  id: string;
  title: string;
  url: string;
  /** Open Definition conformant (CKAN `od_conformance` / `is_okd_compliant`). */
  isOpen: boolean;
  /** EU licence vocabulary URI when one exists (MQA "licence from vocabulary"). */
  euUri: string | null;
}

export interface Resource {
  id: string;
  datasetId: string;
  name: string;
  description: string;
  /** Upper-case format label as CKAN stores it: `CSV`, `JSON`, `PDF`, `XLSX`. */
  format: string;
  /** IANA media type, e.g. `text/csv`. */
  mediaType: string | null;
  /** Bytes; null for a link whose size is unknown. */
  size: number | null;
  /** Hex SHA-256 of the content for uploads (and for links once fetched). */
  sha256: string | null;
  /** Public download address. For uploads: `{baseUrl}/dataset/{dataset}/resource/{id}/download/{filename}`. */
  url: string;
  /** `upload` when the file is held by the portal's blob store, null for an external link. */
  urlType: 'upload' | null;
  /** Result of the last link check run by an administrator (null = never checked). */
  linkStatus: { ok: boolean; httpStatus: number | null; checkedAt: string } | null;
  position: number;
  created: string;
  lastModified: string;
}

export interface Dataset {
  id: string;
  /** URL-safe unique name: 2–100 chars of a–z, 0–9, `-` and `_` (CKAN's rule). */
  name: string;
  title: string;
  /** Markdown description (CKAN `notes`, DCAT-AP dct:description). */
  description: string;
  organizationId: string;
  /** Denormalised for presenters: the owning organisation. */
  organization: Pick<Organization, 'id' | 'name' | 'title' | 'regionCode'>;
  private: boolean;
  state: DatasetState;
  licenseId: string | null;
  tags: string[];
  /** Group names (themes such as `hasil-pemilu`). */
  groups: string[];
  /** EU data-theme codes (DCAT-AP dcat:theme), e.g. `GOVE`. */
  themes: string[];
  /** Temporal coverage (DCAT-AP dct:temporal), ISO dates. */
  temporalStart: string | null;
  temporalEnd: string | null;
  /** Spatial coverage as Kemendagri region codes (DCAT-AP dct:spatial). */
  spatial: string[];
  /** EU frequency vocabulary code (DCAT-AP dct:accrualPeriodicity): `ANNUAL`, `IRREG`, `NEVER`, … */
  frequency: string | null;
  contactName: string | null;
  contactEmail: string | null;
  /** Access rights code (EU access-right vocabulary): `PUBLIC`, `RESTRICTED`, `NON_PUBLIC`. */
  accessRights: string | null;
  version: string | null;
  /** Free key/value pairs (CKAN extras). */
  extras: Record<string, string>;
  created: string;
  modified: string;
  resources: Resource[];
}
