/**
 * `node apps/server/dist/server.js [--host H] [--port P] [--taskmanagers N] [--slots-per-taskmanager S]
 * [--allowed-host NAME]... [--token T] [--view-token T] [--data-root DIR] [--allow-path DIR]...`
 * (or SLUICE_HOST, SLUICE_PORT, SLUICE_TASKMANAGERS, SLUICE_SLOTS): the Dispatcher and its local cluster,
 * 2 TaskManagers × 2 slots on 127.0.0.1:8081 unless told otherwise.
 */
import { readDispatcherOptions } from './dispatcher-options.js';
import { createServer, type Dispatcher, type DispatcherOptions } from './server.js';

async function main(): Promise<void> {
  let options: DispatcherOptions;
  try {
    options = readDispatcherOptions(process.argv.slice(2), process.env);
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
  // As Jupyter: the URL with its token, to open (or hand to a workshop) as it is.
  console.log(
    `Sluice is running at ${server.token === undefined ? server.url : `${server.url}/?token=${server.token}`}`,
  );

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
