/**
 * `node apps/server/dist/server.js [--host H] [--port P] [--taskmanagers N] [--slots-per-taskmanager S]`
 * (or SLUICE_HOST, SLUICE_PORT, SLUICE_TASKMANAGERS, SLUICE_SLOTS): the Dispatcher and its local cluster,
 * 2 TaskManagers × 2 slots on 127.0.0.1:8081 unless told otherwise.
 */
import { parseArgs } from 'node:util';
import { UsageError, describeParseArgsError, parseWholeNumber } from './args.js';
import { createServer, type Dispatcher, type DispatcherOptions } from './server.js';

function readOptions(argv: string[], env: NodeJS.ProcessEnv): DispatcherOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        taskmanagers: { type: 'string' },
        'slots-per-taskmanager': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(describeParseArgsError(error));
  }
  const setting = (flag: string, value: string | undefined, variable: string) =>
    value !== undefined ? { name: `--${flag}`, raw: value } : env[variable] !== undefined ? { name: variable, raw: env[variable] } : undefined;
  const number = (flag: string, value: string | undefined, variable: string, fallback: number, min: number, max?: number) => {
    const found = setting(flag, value, variable);
    return found ? parseWholeNumber(found.name, found.raw, min, max) : fallback;
  };
  return {
    host: values.host ?? env.SLUICE_HOST ?? '127.0.0.1',
    port: number('port', values.port, 'SLUICE_PORT', 8081, 0, 65535),
    cluster: {
      taskManagers: number('taskmanagers', values.taskmanagers, 'SLUICE_TASKMANAGERS', 2, 1),
      slotsPerTaskManager: number('slots-per-taskmanager', values['slots-per-taskmanager'], 'SLUICE_SLOTS', 2, 1),
    },
  };
}

async function main(): Promise<void> {
  let options: DispatcherOptions;
  try {
    options = readOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`sluice server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  let server: Dispatcher;
  try {
    server = await createServer(options);
  } catch (error) {
    console.error(`sluice server: cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(`Sluice is running at ${server.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting for the cluster`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: shutting down the cluster`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
