/**
 * The Dispatcher's settings from its flags, else SLUICE_HOST, SLUICE_PORT, SLUICE_TASKMANAGERS, SLUICE_SLOTS,
 * SLUICE_TOKEN, SLUICE_VIEW_TOKEN, else 2 TaskManagers × 2 slots on 127.0.0.1:8081. A flag wins over the
 * environment. `--allowed-host NAME` and `--allow-path DIR` may be repeated; `--data-root DIR` (default
 * sluice-data/ in the working directory) is where jobs read and write files.
 */
import { UsageError, parseFlags, parseWholeNumber } from './args.js';
import type { DispatcherOptions } from './server.js';

export function readDispatcherOptions(argv: string[], env: NodeJS.ProcessEnv): DispatcherOptions {
  const { values } = parseFlags({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      taskmanagers: { type: 'string' },
      'slots-per-taskmanager': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      token: { type: 'string' },
      'view-token': { type: 'string' },
      'data-root': { type: 'string' },
      'allow-path': { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: false,
  });
  const setting = (flag: string, value: string | undefined, variable: string) =>
    value !== undefined
      ? { name: `--${flag}`, raw: value }
      : env[variable] !== undefined
        ? { name: variable, raw: env[variable] }
        : undefined;
  const number = (
    flag: string,
    value: string | undefined,
    variable: string,
    fallback: number,
    min: number,
    max?: number,
  ) => {
    const found = setting(flag, value, variable);
    return found ? parseWholeNumber(found.name, found.raw, min, max) : fallback;
  };
  const token = values.token ?? env.SLUICE_TOKEN;
  const viewToken = values['view-token'] ?? env.SLUICE_VIEW_TOKEN;
  for (const [name, value] of [
    ['--token', token],
    ['--view-token', viewToken],
  ] as const)
    if (value !== undefined && !/^[\x21-\x7e]{16,}$/.test(value))
      throw new UsageError(`${name} must be at least 16 printable characters without spaces`);
  const allowedHosts = values['allowed-host'] ?? [];
  return {
    host: values.host ?? env.SLUICE_HOST ?? '127.0.0.1',
    port: number('port', values.port, 'SLUICE_PORT', 8081, 0, 65535),
    cluster: {
      taskManagers: number('taskmanagers', values.taskmanagers, 'SLUICE_TASKMANAGERS', 2, 1),
      slotsPerTaskManager: number('slots-per-taskmanager', values['slots-per-taskmanager'], 'SLUICE_SLOTS', 2, 1),
    },
    ...(values['data-root'] !== undefined && { dataRoot: values['data-root'] }),
    ...(values['allow-path'] !== undefined && { allowedPaths: values['allow-path'] }),
    access: {
      allowedHosts,
      ...(token !== undefined && { token }),
      ...(viewToken !== undefined && { viewToken }),
    },
  };
}
