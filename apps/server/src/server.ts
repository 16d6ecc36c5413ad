/**
 * The Dispatcher: the process the browser talks to. It starts the local cluster, takes job submissions over
 * REST (Flink's /jobs with their checkpoints, exceptions and savepoints; /taskmanagers), pushes runtime events
 * over socket.io on the same port, and serves the web app.
 */
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { LocalCluster, type LocalClusterOptions } from '@sluice/cluster';
import { accessPolicy } from './access/access-policy.js';
import { generateToken, type AccessTokens } from './access/access-tokens.js';
import { hostPolicy, isLoopbackAddress } from './access/allowed-hosts.js';
import { guardRestRequests, socketAllowRequest } from './access/guard-requests.js';
import { FlinkTargets } from './flink/flink-targets.js';
import { attachEventGateway } from './live/event-gateway.js';
import { confinedPaths } from './paths/data-root.js';
import { registerBackPressureRoutes } from './rest/backpressure.js';
import { registerCheckpointRoutes } from './rest/checkpoints.js';
import { registerErrorHandler } from './rest/errors.js';
import { registerExampleRoutes } from './rest/examples.js';
import { registerJobRoutes } from './rest/jobs.js';
import { registerOpenApiRoute } from './rest/openapi.js';
import { registerPlanningRoutes } from './rest/planning.js';
import { registerSavepointRoutes } from './rest/savepoints.js';
import { registerTaskManagerRoutes } from './rest/taskmanagers.js';
import { isApiPath, registerWebApp } from './web/web-app.js';

export interface DispatcherOptions {
  /** Default 127.0.0.1: the cluster runs user code, so it is not exposed beyond this machine unless asked. */
  host?: string;
  /** Default 8081, Flink's REST port; 0 picks a free port. */
  port?: number;
  cluster?: LocalClusterOptions;
  /** The built web app; default apps/web/dist (this file sits in apps/server/src, its bundle in apps/server/dist). */
  webRoot?: string;
  access?: AccessOptions;
  /** Where jobs may read and write files; default `sluice-data/` in the working directory, created at start. */
  dataRoot?: string;
  /** Folders jobs may use besides the data root (`--allow-path`). */
  allowedPaths?: string[];
}

export interface AccessOptions {
  /** Host names answered besides this machine's own (`--allowed-host`), e.g. the name of a reverse proxy. */
  allowedHosts?: string[];
  /** The access token; generated when the Dispatcher is bound beyond loopback and none is given. */
  token?: string;
  /** A token that allows GETs and watching, nothing that changes state. */
  viewToken?: string;
}

export interface Dispatcher {
  /** e.g. http://127.0.0.1:8081 */
  url: string;
  /** The token clients must send, when the Dispatcher needs one (given, or generated because it is bound beyond loopback). */
  token?: string;
  /** Stops taking requests, disconnects clients and shuts the cluster down (its TaskManager processes exit). */
  close(): Promise<void>;
}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function createServer(options: DispatcherOptions = {}): Promise<Dispatcher> {
  const { host = '127.0.0.1', port = 8081, webRoot = DEFAULT_WEB_ROOT } = options;
  const paths = confinedPaths(options.dataRoot ?? 'sluice-data', options.allowedPaths ?? []);
  const cluster = await LocalCluster.start(options.cluster);
  const app = Fastify({ forceCloseConnections: true });
  const tokens = accessTokens(host, options.access);
  const boundPort = () => {
    const address = app.server.address();
    return typeof address === 'object' && address !== null ? address.port : port;
  };
  const guard = accessPolicy({
    hosts: hostPolicy(host, boundPort, options.access?.allowedHosts ?? []),
    tokens,
    isPublicPath: (path) => !isApiPath(path),
  });
  const gateway = attachEventGateway(
    app.server,
    (jobId) => cluster.getJob(jobId) !== undefined || flink.hasJob(jobId),
    socketAllowRequest(guard),
  );
  const flink = new FlinkTargets((event) => gateway.publish(event));
  const stopEvents = cluster.onEvent((event) => gateway.publish(event));
  app.addHook('preClose', async () => {
    stopEvents();
    await flink.close();
    await gateway.close();
  });
  try {
    registerErrorHandler(app);
    guardRestRequests(app, guard);
    registerJobRoutes(app, cluster, paths, flink);
    registerBackPressureRoutes(app, cluster);
    registerCheckpointRoutes(app, cluster);
    registerSavepointRoutes(app, cluster, paths, flink);
    registerTaskManagerRoutes(app, cluster);
    registerExampleRoutes(app);
    registerPlanningRoutes(app);
    registerOpenApiRoute(app);
    await registerWebApp(app, webRoot);
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    await cluster.shutdown();
    throw error;
  }
  // The address actually bound (not the one asked for), so the URL printed is the one that answers.
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the HTTP server has no TCP address');
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    ...(tokens && { token: tokens.full }),
    close: async () => {
      await app.close();
      await cluster.shutdown();
    },
  };
}

/** Beyond loopback anyone on the network could submit code to run: a token is then required, generated if not given. */
function accessTokens(host: string, access: AccessOptions = {}): AccessTokens | undefined {
  const { token, viewToken } = access;
  if (token === undefined && isLoopbackAddress(host)) {
    if (viewToken !== undefined) throw new Error('a view-only token needs an access token too (--token)');
    return undefined;
  }
  return { full: token ?? generateToken(), ...(viewToken !== undefined && { view: viewToken }) };
}
