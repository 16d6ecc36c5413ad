import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The Dispatcher (apps/server) serves REST and socket.io on the same origin in production; in dev Vite forwards to it. */
const DISPATCHER = 'http://127.0.0.1:8081';
const proxied = ['/jobs', '/taskmanagers', '/examples', '/validate', '/plan'];

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      ...Object.fromEntries(proxied.map((path) => [path, { target: DISPATCHER }])),
      '/socket.io': { target: DISPATCHER, ws: true },
    },
  },
  // Relative asset paths: the static build works from any folder of any static host (the app has no client routes).
  base: './',
  build: { outDir: 'dist', emptyOutDir: true },
});
