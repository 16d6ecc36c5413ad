import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The Dispatcher (apps/server) serves REST and socket.io on the same origin in production; in dev Vite forwards to it. */
const DISPATCHER = 'http://127.0.0.1:8081';
const proxied = ['/jobs', '/taskmanagers', '/examples', '/validate', '/plan', '/openapi.json'];
/**
 * The Dispatcher answers only its own Host and Origin (DNS rebinding, cross-site requests): the dev server's
 * requests arrive as if from the Dispatcher's own page. Vite itself refuses foreign origins.
 */
const dispatcherProxy = {
  target: DISPATCHER,
  changeOrigin: true,
  headers: { origin: DISPATCHER },
};

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      ...Object.fromEntries(proxied.map((path) => [path, dispatcherProxy])),
      '/socket.io': { ...dispatcherProxy, ws: true },
    },
  },
  // Relative asset paths: the static build works from any folder of any static host (the app has no client routes).
  base: './',
  build: { outDir: 'dist', emptyOutDir: true },
});
