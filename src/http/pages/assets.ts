import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the static files of the pages are and which files an island needs. `public/` is served under /assets/;
 * Vite writes the islands to public/build/ with a manifest (.vite/manifest.json) that maps each entry to its hashed
 * file, its CSS and the chunks it imports. When the islands were not built, pages render without them and still work
 * (issue 6 §1: usable without JavaScript).
 */
export const ASSET_PREFIX = '/assets/';

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

export interface IslandFiles {
  /** The entry module. */
  script: string;
  /** Chunks the entry imports, for <link rel="modulepreload">. */
  preload: string[];
  css: string[];
}

export interface Assets {
  /** The site stylesheet with a content hash for cache busting. */
  stylesheet: string;
  icon: string;
  /** The files of an island by entry name (`map`, `form-hints`, `verify`, …), or null when not built. */
  island(name: string): IslandFiles | null;
}

function versioned(publicDir: string, file: string): string {
  const path = join(publicDir, file);
  const hash = existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 10) : 'dev';
  return `${ASSET_PREFIX}${file}?v=${hash}`;
}

export function loadAssets(publicDir: string): Assets {
  const manifestPath = join(publicDir, 'build', '.vite', 'manifest.json');
  const manifest: Record<string, ManifestChunk> = existsSync(manifestPath)
    ? JSON.parse(readFileSync(manifestPath, 'utf8'))
    : {};
  const byName = new Map<string, IslandFiles>();
  const url = (file: string) => `${ASSET_PREFIX}build/${file}`;
  for (const chunk of Object.values(manifest)) {
    if (!chunk.isEntry || !chunk.name) continue;
    const preload = new Set<string>();
    const css = new Set<string>(chunk.css ?? []);
    const walk = (keys: string[] | undefined) => {
      for (const key of keys ?? []) {
        const dep = manifest[key];
        if (!dep || preload.has(dep.file)) continue;
        preload.add(dep.file);
        for (const c of dep.css ?? []) css.add(c);
        walk(dep.imports);
      }
    };
    walk(chunk.imports);
    byName.set(chunk.name, { script: url(chunk.file), preload: [...preload].map(url), css: [...css].map(url) });
  }
  return {
    stylesheet: versioned(publicDir, 'kotak.css'),
    icon: versioned(publicDir, 'favicon.svg'),
    island: (name) => byName.get(name) ?? null,
  };
}
