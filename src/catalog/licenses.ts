/**
 * The licence list (CKAN's default list, with Open Definition conformance and the EU licence vocabulary URI where one
 * exists — MQA "licence from vocabulary", STANDARDS.md). Seeded into the `licenses` table.
 */
import type { License } from './types.js';

const EU = 'http://publications.europa.eu/resource/authority/licence/';

export const LICENSES: License[] = [
  { id: 'cc-by', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', isOpen: true, euUri: `${EU}CC_BY_4_0` },
  { id: 'cc-by-sa', title: 'Creative Commons Attribution Share-Alike 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', isOpen: true, euUri: `${EU}CC_BYSA_4_0` },
  { id: 'cc-zero', title: 'Creative Commons CCZero', url: 'https://creativecommons.org/publicdomain/zero/1.0/', isOpen: true, euUri: `${EU}CC0` },
  { id: 'odc-by', title: 'Open Data Commons Attribution License', url: 'https://opendatacommons.org/licenses/by/1-0/', isOpen: true, euUri: `${EU}ODC_BY` },
  { id: 'odc-odbl', title: 'Open Data Commons Open Database License (ODbL)', url: 'https://opendatacommons.org/licenses/odbl/1-0/', isOpen: true, euUri: `${EU}ODC_BL` },
  { id: 'odc-pddl', title: 'Open Data Commons Public Domain Dedication and License (PDDL)', url: 'https://opendatacommons.org/licenses/pddl/1-0/', isOpen: true, euUri: `${EU}ODC_PDDL` },
  { id: 'other-open', title: 'Other (Open)', url: '', isOpen: true, euUri: null },
  { id: 'other-pd', title: 'Other (Public Domain)', url: '', isOpen: true, euUri: null },
  { id: 'other-at', title: 'Other (Attribution)', url: '', isOpen: true, euUri: null },
  { id: 'cc-nc', title: 'Creative Commons Non-Commercial (Any)', url: 'https://creativecommons.org/licenses/by-nc/4.0/', isOpen: false, euUri: `${EU}CC_BYNC_4_0` },
  { id: 'other-nc', title: 'Other (Non-Commercial)', url: '', isOpen: false, euUri: null },
  { id: 'other-closed', title: 'Other (Not Open)', url: '', isOpen: false, euUri: null },
  { id: 'notspecified', title: 'License not specified', url: '', isOpen: false, euUri: null },
];

export function licenseById(id: string | null | undefined): License | undefined {
  return id ? LICENSES.find((l) => l.id === id) : undefined;
}
