/**
 * The explicit registry of actions (STYLE.md: no implicit registration by module membership). HTTP routes, the CLI
 * and pages look actions up here; a test checks every action has a policy and is documented.
 */
import type { ActionDef } from './types.js';
import * as dataset from './dataset.js';
import * as datasetWrite from './dataset-write.js';
import * as resource from './resource.js';
import * as organization from './organization.js';
import * as misc from './misc.js';
import * as activity from './activity.js';
import * as user from './user.js';
import * as preview from './resource-preview.js';

/** Every catalogue action, listed by hand: adding an action means adding it here. */
const core = (): ActionDef[] => [
  dataset.datasetShow, dataset.datasetList, dataset.datasetListWithResources, dataset.datasetSearch,
  datasetWrite.datasetCreate, datasetWrite.datasetUpdate, datasetWrite.datasetPatch, datasetWrite.datasetDelete,
  resource.resourceShow, resource.resourceSearch, resource.resourceCreate, resource.resourceUpdate, resource.resourcePatch, resource.resourceDelete, preview.resourcePreview,
  organization.organizationList, organization.organizationShow, organization.organizationCreate, organization.organizationMemberCreate,
  organization.groupList, organization.groupShow, organization.groupCreate,
  misc.tagList, misc.tagShow, misc.licenseList, misc.statusShow, misc.helpShow,
  activity.datasetActivityList, activity.activityDiff,
  user.userCreate, user.userShow, user.tokenCreate, user.tokenList, user.tokenRevoke, user.sessionCreate, user.sessionDelete,
] as unknown as ActionDef[];

let byName: Map<string, ActionDef> | null = null;
let byCkan: Map<string, ActionDef> | null = null;

/** Further action modules registered by the parts of the product (results, log, maturity) at start-up. */
const extra: ActionDef[] = [];
export function registerActions(defs: ReadonlyArray<unknown>): void {
  for (const d of defs as ActionDef[]) if (!extra.includes(d)) extra.push(d);
  byName = byCkan = null;
}

function build(): void {
  byName = new Map();
  byCkan = new Map();
  const all = [...core(), ...extra];
  for (const def of all) {
    if (byName.has(def.name) && byName.get(def.name) !== def) throw new Error(`Duplicate action ${def.name}`);
    byName.set(def.name, def);
    if (def.ckan) byCkan.set(def.ckan, def);
  }
}

export function getAction(name: string): ActionDef | undefined {
  if (!byName) build();
  return byName!.get(name) ?? byCkan!.get(name);
}

export function getCkanAction(ckanName: string): ActionDef | undefined {
  if (!byCkan) build();
  return byCkan!.get(ckanName);
}

export function listActions(): ActionDef[] {
  if (!byName) build();
  return [...byName!.values()].sort((a, b) => a.name.localeCompare(b.name));
}
