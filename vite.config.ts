import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The renderer is loaded from file:// by the UI harness and from app:// by Electron. Chromium refuses ES
// module scripts from file:// (their origin is opaque), so the bundle is a classic script: one IIFE,
// included with `defer` instead of type="module".
function classicScript(): Plugin {
  return {
    name: 'amparo-classic-script',
    enforce: 'post',
    transformIndexHtml(html) {
      return html.replace(/<script type="module" crossorigin/g, '<script defer').replace(/ crossorigin/g, '');
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), classicScript()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline assets: the CSP allows no inline scripts or styles, and data: only for images.
    assetsInlineLimit: 0,
    modulePreload: false,
    cssCodeSplit: false,
    rollupOptions: { output: { format: 'iife' } },
  },
});
