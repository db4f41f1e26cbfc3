import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Region boundaries for the results map, from the GeoJSON copied into public/geo/ (MIT, cahyadsn/wilayah_boundaries).
 * The map of a region shows its children, so features are grouped by `parent_code` and served per parent as one
 * FeatureCollection (a kecamatan's desa are a few KB instead of the 4 MB file). Loaded once, on first use.
 */
const FILES = ['banten-kabkota.geojson', 'banten-kecamatan.geojson', 'banten-desa.geojson'];

interface Feature {
  type: 'Feature';
  properties: { code: string; name: string; parent_code: string; [k: string]: unknown };
  geometry: unknown;
}

export interface Boundaries {
  /** True when shapes exist for the children of this region. */
  hasChildren(parentCode: string): boolean;
  /** The children of a region as a GeoJSON FeatureCollection (RFC 7946) text, or null. */
  childrenGeoJson(parentCode: string): string | null;
  /** The name of a region that has a shape (kab/kota, kecamatan, desa), for showing codes as places. */
  nameOf(code: string): string | undefined;
}

export function loadBoundaries(dir: string): Boundaries {
  let byParent: Map<string, Feature[]> | null = null;
  const names = new Map<string, string>();
  const serialized = new Map<string, string>();
  const index = () => {
    if (byParent) return byParent;
    byParent = new Map();
    for (const file of FILES) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      const collection = JSON.parse(readFileSync(path, 'utf8')) as { features: Feature[] };
      for (const f of collection.features) {
        // Only what the map uses: code and name (the centroid and provenance flags stay in the file).
        const slim: Feature = {
          type: 'Feature',
          properties: { code: f.properties.code, name: f.properties.name, parent_code: f.properties.parent_code },
          geometry: f.geometry,
        };
        names.set(f.properties.code, f.properties.name);
        const list = byParent.get(f.properties.parent_code) ?? [];
        list.push(slim);
        byParent.set(f.properties.parent_code, list);
      }
    }
    return byParent;
  };
  return {
    hasChildren: (code) => index().has(code),
    nameOf: (code) => (index(), names.get(code)),
    childrenGeoJson(code) {
      const cached = serialized.get(code);
      if (cached) return cached;
      const features = index().get(code);
      if (!features) return null;
      const text = JSON.stringify({ type: 'FeatureCollection', features });
      serialized.set(code, text);
      return text;
    },
  };
}
