import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The service serves web/dist at / (src/web-app/serve-web-app.ts); in `vite dev` the API is proxied to it.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000' },
  },
});
