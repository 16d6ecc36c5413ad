// Bundles what Node runs as plain JS: the Dispatcher (dist/server.js) and the CLI (dist/cli.js). Workspace
// packages are bundled in (they export TypeScript source); node_modules dependencies stay external.
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const outdir = resolve('dist');

/** Bare imports stay external unless they name a workspace package, whose TypeScript source must be bundled. */
const externalDependencies = {
  name: 'external-dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@sluice/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * A workspace module that finds files next to itself (the cluster forks packages/cluster/dist/taskmanager.js
 * relative to its own import.meta.url) must keep its own location once bundled: its import.meta.url becomes
 * its source path, computed relative to the bundle so the build stays relocatable with the repository.
 */
const keepModuleLocation = {
  name: 'keep-module-location',
  setup(b) {
    b.onLoad({ filter: /\/packages\/.*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromBundle = relative(outdir, args.path).split('\\').join('/');
      const ownUrl = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', ownUrl), loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

await build({
  entryPoints: { server: 'src/main.ts', cli: 'src/cli.ts', 'step-worker': 'src/cli/step-worker.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  plugins: [externalDependencies, keepModuleLocation],
  logLevel: 'warning',
});
