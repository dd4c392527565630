import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Component tests of the web app, in Node: components render to static HTML (react-dom/server).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  test: { include: ['src/**/*.test.{ts,tsx}'], environment: 'node' },
});
