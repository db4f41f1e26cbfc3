/**
 * Usage: downloads and API calls per dataset in the configured window, as counted by the portal (counters per
 * dataset and day, no IP address or user id — nothing personal is stored).
 */
import type { Indicator, IndicatorContext, IndicatorResult } from '../types.js';
import { T, shareOfDatasets } from './share.js';

function usageShare(ctx: IndicatorContext, key: 'downloads' | 'apiCalls', threshold: number): IndicatorResult {
  const { evidence } = ctx;
  let total = 0;
  const res = shareOfDatasets(evidence.datasets, key, (d) => {
    const n = evidence.usage.get(d.id)?.[key] ?? 0;
    total += n;
    return { met: n >= threshold, note: `${n}` };
  });
  return { ...res, measures: { ...res.measures, total } };
}

export const downloads: Indicator = {
  id: 'usage.downloads',
  dimension: 'impact',
  kind: 'automatic',
  title: T('Unduhan', 'Downloads'),
  description: T(
    'Bagian dataset yang diunduh setidaknya sebanyak ambang dalam jendela waktu (bawaan: 10 kali dalam 90 hari; penghitung portal, tanpa data pribadi).',
    'Share of datasets downloaded at least the threshold number of times in the window (default 10 in 90 days; portal counters, no personal data).',
  ),
  sources: [{ framework: 'ODM', ref: 'Impact: measuring reuse' }, { framework: 'ODM', ref: 'Portal: usage' }],
  advice: T('Promosikan {n} dataset yang jarang diunduh kepada pengguna (media, peneliti, pemantau).', 'Promote {n} rarely downloaded datasets to users (media, researchers, monitors).'),
  evaluate: (ctx) => usageShare(ctx, 'downloads', ctx.config.usage.downloadsPerDataset),
};

export const apiCalls: Indicator = {
  id: 'usage.api-calls',
  dimension: 'impact',
  kind: 'automatic',
  title: T('Panggilan API', 'API calls'),
  description: T(
    'Bagian dataset yang dipanggil melalui API setidaknya sebanyak ambang dalam jendela waktu (bawaan: 10 kali dalam 90 hari).',
    'Share of datasets called through the API at least the threshold number of times in the window (default 10 in 90 days).',
  ),
  sources: [{ framework: 'ODM', ref: 'Impact: measuring reuse' }],
  advice: T('Dokumentasikan dan kenalkan API untuk {n} dataset.', 'Document and promote the API for {n} datasets.'),
  evaluate: (ctx) => usageShare(ctx, 'apiCalls', ctx.config.usage.apiCallsPerDataset),
};

export const USAGE_INDICATORS: readonly Indicator[] = [downloads, apiCalls];
