// Bundles the code Node runs as plain JS: the TaskManager process and the task worker thread.
import { build } from 'esbuild';

await build({
  entryPoints: {
    taskmanager: 'src/taskmanager/main.ts',
    'task-worker': 'src/taskmanager/worker/task-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
