import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * Builds the interactive islands of the pages (src/web/*) into public/build/ with a manifest that the server reads
 * (src/http/pages/assets.ts) to put the right hashed files on each page. `npm run build:web`.
 * Everything is bundled locally: no CDN, no web fonts (issue 6: nothing loaded from outside the portal).
 */
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const entries: Record<string, string> = {
  map: here('./src/web/map/main.ts'),
  'form-hints': here('./src/web/form-hints/main.tsx'),
  enhance: here('./src/web/enhance/main.ts'),
};
// The browser verifier belongs to the integrity module (src/web/verify/); mount it when it is there.
for (const candidate of ['./src/web/verify/main.ts', './src/web/verify/main.tsx', './src/web/verify/index.ts', './src/web/verify/index.tsx']) {
  if (existsSync(here(candidate))) {
    entries.verify = here(candidate);
    break;
  }
}

export default defineConfig({
  base: '/assets/build/',
  // public/ is the server's static folder and the build's destination: do not copy it into itself.
  publicDir: false,
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  build: {
    outDir: here('./public/build'),
    emptyOutDir: true,
    manifest: true,
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: { input: entries },
  },
  logLevel: 'warn',
});
