// Vite bundles CSS imported by an island into the island's stylesheet (public/build/.vite/manifest.json `css`).
declare module '*.css';
