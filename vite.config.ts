// Vite build of the renderer: renderer/ → dist/renderer, relative asset paths so the same build
// loads from the local server and from file:// in the desktop shell.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // One local bundle, loaded from disk or loopback: splitting it would only add requests.
    chunkSizeWarningLimit: 3000,
  },
});
