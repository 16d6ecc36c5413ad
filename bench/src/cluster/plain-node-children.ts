/**
 * The bench runs under tsx, which puts its TypeScript loader into process.execArgv. fork() hands execArgv on to
 * child processes and worker threads inherit theirs, so every TaskManager and every task thread would start
 * tsx's loader (a module-hooks thread, source-map handling) that no TaskManager has under `npm start`, where
 * they run the bundled plain-JS dist. The loader flags are dropped before a cluster starts; other flags stay.
 */
const LOADER_FLAGS = new Set(['--require', '-r', '--import', '--loader', '--experimental-loader']);
const isTsx = (specifier: string): boolean => specifier === 'tsx' || /[\\/]tsx[\\/]/.test(specifier);

export function withoutTsxLoader(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i]!;
    const [name, inlineValue] = flag.split(/=(.*)/s, 2) as [string, string | undefined];
    if (LOADER_FLAGS.has(name) && inlineValue !== undefined && isTsx(inlineValue)) continue;
    if (LOADER_FLAGS.has(flag) && isTsx(execArgv[i + 1] ?? '')) {
      i++;
      continue;
    }
    kept.push(flag);
  }
  return kept;
}

export function childProcessesRunPlainNode(): void {
  process.execArgv = withoutTsxLoader(process.execArgv);
}
