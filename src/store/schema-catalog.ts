/** Catalogue tables: organisations, users, datasets, resources, activity (migration 0001_catalog). */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  name: string;
  fullname: string;
  email: string | null;
  password_hash: string | null;
  sysadmin: number;
  state: string;
  created: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the token secret; the secret itself is shown once and never stored. */
  token_hash: string;
  created: string;
  expires_at: string | null;
  last_used: string | null;
  revoked_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created: string;
  expires_at: string;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  title: string;
  description: string;
  region_code: string | null;
  image_url: string | null;
  email: string | null;
  homepage: string | null;
  state: string;
  created: string;
}

export interface MembershipsTable {
  user_id: string;
  organization_id: string;
  role: string;
}

export interface GroupsTable {
  id: string;
  name: string;
  title: string;
  description: string;
  eu_theme: string | null;
  created: string;
}

export interface LicensesTable {
  id: string;
  title: string;
  url: string;
  is_open: number;
  eu_uri: string | null;
}

export interface DatasetsTable {
  id: string;
  name: string;
  title: string;
  description: string;
  organization_id: string;
  private: number;
  state: string;
  license_id: string | null;
  /** JSON arrays. */
  tags: string;
  groups: string;
  themes: string;
  spatial: string;
  temporal_start: string | null;
  temporal_end: string | null;
  frequency: string | null;
  contact_name: string | null;
  contact_email: string | null;
  access_rights: string | null;
  version: string | null;
  /** JSON object. */
  extras: string;
  created: string;
  modified: string;
  /** catalog_state.version at the dataset's last write. */
  revision: number;
}

export interface CatalogStateTable {
  id: number;
  version: number;
}

/** One row per (dataset, facet field, value): the search facets and fq filters of both databases read this. */
export interface DatasetFacetsTable {
  dataset_id: string;
  field: string;
  value: string;
}

export interface ResourcesTable {
  id: string;
  dataset_id: string;
  name: string;
  description: string;
  format: string;
  media_type: string | null;
  size: number | null;
  sha256: string | null;
  url: string;
  url_type: string | null;
  /** JSON `{ok, httpStatus, checkedAt}` or null. */
  link_status: string | null;
  position: number;
  created: string;
  last_modified: string;
}

export interface ActivitiesTable {
  id: string;
  /** Monotonic sequence for stable ordering within one timestamp. */
  seq: Generated<number>;
  object_type: string;
  object_id: string;
  activity_type: string;
  user_id: string | null;
  timestamp: string;
  /** JSON snapshot of the object after the change. */
  data: string;
  /** JSON list of changes against the previous snapshot. */
  diff: string;
}

export interface CatalogTables {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  catalog_groups: GroupsTable;
  licenses: LicensesTable;
  datasets: DatasetsTable;
  dataset_facets: DatasetFacetsTable;
  resources: ResourcesTable;
  activities: ActivitiesTable;
  catalog_state: CatalogStateTable;
}
