/**
 * Five-star openness as ckanext-qa computes it (STANDARDS.md): a resource whose licence is not open, or whose link
 * the administrator's link check found broken, scores 0; otherwise its format's score from the ckanext-qa table.
 * A dataset scores its best resource (ckanext-qa `openness_score` of a package); an office the mean of its datasets.
 */
import type { Dataset, License, Resource } from '../catalog/types.js';
import { formatStars } from './formats.js';

export interface ResourceStars {
  resourceId: string;
  stars: number;
  reason: 'licence-not-open' | 'broken-link' | 'format';
}

/**
 * @example
 *   resourceStars(pdf, ccBy).stars;  // 1
 *   resourceStars(csv, null).stars;  // 0 — no open licence
 */
export function resourceStars(resource: Resource, license: License | null | undefined): ResourceStars {
  if (!license?.isOpen) return { resourceId: resource.id, stars: 0, reason: 'licence-not-open' };
  if (resource.linkStatus && !resource.linkStatus.ok) return { resourceId: resource.id, stars: 0, reason: 'broken-link' };
  return { resourceId: resource.id, stars: formatStars(resource.format, resource.mediaType), reason: 'format' };
}

export function datasetStars(dataset: Dataset, licenses: ReadonlyMap<string, License>): { stars: number; resources: ResourceStars[] } {
  const license = dataset.licenseId ? licenses.get(dataset.licenseId) : undefined;
  const resources = dataset.resources.map((r) => resourceStars(r, license));
  return { stars: resources.reduce((m, r) => Math.max(m, r.stars), 0), resources };
}
