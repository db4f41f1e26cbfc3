/**
 * What the maturity actions share: the configuration and registry (checked against each other once), the memoised
 * SHACL validator, the default round, and "assess one office now".
 */
import { DatasetValidator } from '../catalog/dcat/validate.js';
import type { Organization } from '../catalog/types.js';
import { assessOffice, type Assessment } from '../maturity/assess.js';
import { loadMaturityConfig, type MaturityConfig } from '../maturity/config.js';
import { gatherEvidence } from '../maturity/evidence.js';
import { defaultRegistry, type IndicatorRegistry } from '../maturity/registry.js';
import { KotakError } from '../errors.js';
import { findOrganization, listOrganizations } from '../store/catalog/organizations.js';
import type { ActionContext } from './types.js';
import { storeEvidenceSource } from './maturity-evidence.js';
import { usageCounter } from './maturity-usage.js';

let runtime: { config: MaturityConfig; registry: IndicatorRegistry; validator: DatasetValidator } | null = null;

/** Load config/maturity.json and the indicator registry; a mismatch between them stops the portal (STYLE.md §10). */
export function maturityRuntime(): { config: MaturityConfig; registry: IndicatorRegistry; validator: DatasetValidator } {
  if (runtime) return runtime;
  const config = loadMaturityConfig();
  const registry = defaultRegistry();
  const problems = registry.checkAgainstConfig(config);
  if (problems.length) throw new KotakError('internal', `Maturity configuration does not match the indicators: ${problems.join('; ')}`);
  runtime = { config, registry, validator: new DatasetValidator() };
  return runtime;
}

/** Assessment rounds default to the calendar year of the assessment. */
export function defaultRound(now: Date): string {
  return String(now.getUTCFullYear());
}

export async function officeByRef(ctx: ActionContext, ref: string): Promise<Organization> {
  const org = await findOrganization(ctx.services.database.db, ref);
  if (!org || org.state !== 'active') throw KotakError.notFound('Organisation');
  return org;
}

export async function activeOffices(ctx: ActionContext): Promise<Organization[]> {
  return (await listOrganizations(ctx.services.database.db)).filter((o) => o.state === 'active');
}

/** Gather the evidence of one office and assess it (nothing is stored). */
export async function assessNow(ctx: ActionContext, org: Organization, round: string, organizations: readonly Organization[]): Promise<Assessment> {
  const { config, registry, validator } = maturityRuntime();
  await usageCounter(ctx.services).flush();
  const evidence = await gatherEvidence(storeEvidenceSource(ctx), org, {
    round,
    now: ctx.services.now(),
    config,
    validator,
    dcat: {
      baseUrl: ctx.services.config.baseUrl,
      language: 'id',
      organizations: new Map(organizations.map((o) => [o.id, o])),
    },
  });
  return assessOffice(evidence, { config, registry, round });
}
