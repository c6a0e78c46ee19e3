import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: webDir,
  plugins: [react()],
  build: { outDir: path.join(webDir, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 1_000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
