/**
 * Who may talk to the Dispatcher (issue 11, point 1): the attacks of a web page the user happens to visit
 * (DNS rebinding, cross-origin fetches, body-less POSTs), refused on REST and socket.io; and the access tokens
 * of a Dispatcher reachable beyond this machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { exampleById } from '@sluice/model';
import { taskManagerInfoSchema } from '@sluice/protocol';
import type { Dispatcher } from '../src/server.js';
import { startDispatcher } from './harness.js';
import { rawRequest } from './raw-http.js';

const wordcount = JSON.stringify(exampleById('wordcount')!.jobGraph);
const TOKEN = 'full-access-token-for-tests';
const VIEW_TOKEN = 'view-only-token-for-tests';

/** Whether a socket.io client with these options completes its handshake; the refusal's message when not. */
function socketHandshake(
  url: string,
  options: Parameters<typeof io>[1],
): Promise<{ connected: boolean; error?: string }> {
  return new Promise((resolve) => {
    const socket = io(url, { ...options, reconnection: false, forceNew: true });
    socket.on('connect', () => {
      socket.close();
      resolve({ connected: true });
    });
    socket.on('connect_error', (error: Error & { context?: { responseText?: string } }) => {
      socket.close();
      resolve({ connected: false, error: error.context?.responseText ?? error.message });
    });
  });
}

const problemMessage = (body: string) => (JSON.parse(body) as { problems: { message: string }[] }).problems[0]?.message;

describe('a loopback Dispatcher without tokens', () => {
  let dispatcher: Dispatcher;
  let port: string;
  beforeAll(async () => {
    dispatcher = await startDispatcher({ cluster: { taskManagers: 1, slotsPerTaskManager: 1 } });
    port = new URL(dispatcher.url).port;
  });
  afterAll(() => dispatcher.close());

  it('answers the loopback names with its own port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`])
      expect((await rawRequest(dispatcher.url, 'GET', '/jobs', { host })).status).toBe(200);
  });

  it('refuses a DNS-rebinding Host (another name, or a loopback name with another port) with 403', async () => {
    for (const host of [`evil.example:${port}`, `127.0.0.1.nip.io:${port}`, 'localhost:1', 'localhost']) {
      const response = await rawRequest(
        dispatcher.url,
        'POST',
        '/jobs',
        { host, 'content-type': 'application/json' },
        wordcount,
      );
      expect(response.status).toBe(403);
      expect(problemMessage(response.body)).toBe(`Host ${JSON.stringify(host)} is not a name of this server`);
    }
    expect((await rawRequest(dispatcher.url, 'GET', '/jobs')).body).toBe('[]');
  });

  it('refuses a cross-origin Origin on REST and accepts its own', async () => {
    const host = `127.0.0.1:${port}`;
    for (const origin of ['http://evil.example', `http://localhost:${port}`, 'null', `https://${host}.evil.example`]) {
      const response = await rawRequest(dispatcher.url, 'GET', '/taskmanagers', { host, origin });
      expect(response.status).toBe(403);
      expect(problemMessage(response.body)).toBe(`cross-origin requests are refused (Origin ${origin})`);
      // No CORS header ever: a browser would not hand the answer to the page even if one got through.
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect((await rawRequest(dispatcher.url, 'GET', '/taskmanagers', { host, origin: `http://${host}` })).status).toBe(
      200,
    );
  });

  it('refuses a cross-origin socket.io handshake, in both transports, and accepts a same-origin one', async () => {
    for (const transports of [['polling'], ['websocket']]) {
      const refused = await socketHandshake(dispatcher.url, {
        transports,
        extraHeaders: { origin: 'http://evil.example' },
      });
      expect(refused.connected).toBe(false);
      expect(await socketHandshake(dispatcher.url, { transports, extraHeaders: { origin: dispatcher.url } })).toEqual({
        connected: true,
      });
    }
  });

  it('refuses body-less and non-JSON state changes with 415: the TaskManager lives, no job is submitted', async () => {
    const kill = await rawRequest(dispatcher.url, 'POST', '/taskmanagers/tm-1/kill');
    expect(kill.status).toBe(415);
    expect(problemMessage(kill.body)).toBe('POST needs a JSON body (content-type: application/json)');
    const form = await rawRequest(dispatcher.url, 'POST', '/jobs', { 'content-type': 'text/plain' }, wordcount);
    expect(form.status).toBe(415);
    const taskManagers = taskManagerInfoSchema
      .array()
      .parse(JSON.parse((await rawRequest(dispatcher.url, 'GET', '/taskmanagers')).body));
    expect(taskManagers.map((tm) => tm.taskManagerId)).toEqual(['tm-1']);
    expect((await rawRequest(dispatcher.url, 'GET', '/jobs')).body).toBe('[]');
  });
});

describe('a Dispatcher with access tokens', () => {
  let dispatcher: Dispatcher;
  beforeAll(async () => {
    dispatcher = await startDispatcher({
      cluster: { taskManagers: 1, slotsPerTaskManager: 1 },
      access: { token: TOKEN, viewToken: VIEW_TOKEN },
    });
  });
  afterAll(() => dispatcher.close());

  it('answers 401 with a Bearer challenge to an API request without a token, but serves the web app page', async () => {
    const response = await rawRequest(dispatcher.url, 'GET', '/jobs');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="sluice"');
    expect(problemMessage(response.body)).toBe('this server needs an access token (the one it printed at start)');
    expect(
      (await rawRequest(dispatcher.url, 'GET', '/jobs', { authorization: 'Bearer wrong-token-0123456789' })).status,
    ).toBe(401);
    // The page and its assets carry no secret: the UI loads, meets the 401 and asks for the token.
    expect([200, 503]).toContain((await rawRequest(dispatcher.url, 'GET', '/')).status);
  });

  it('takes the token as a Bearer header, as ?token= (setting a cookie) and as that cookie', async () => {
    expect((await rawRequest(dispatcher.url, 'GET', '/jobs', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    const opened = await rawRequest(dispatcher.url, 'GET', `/taskmanagers?token=${TOKEN}`);
    expect(opened.status).toBe(200);
    const cookie = opened.headers['set-cookie']?.[0];
    expect(cookie).toBe(`sluice-token=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`);
    const cookieHeader = cookie!.split(';')[0]!;
    expect((await rawRequest(dispatcher.url, 'GET', '/jobs', { cookie: cookieHeader })).status).toBe(200);
    expect(
      (
        await rawRequest(
          dispatcher.url,
          'POST',
          '/validate',
          { cookie: cookieHeader, 'content-type': 'application/json' },
          wordcount,
        )
      ).body,
    ).toBe('{"problems":[]}');
  });

  it('lets the view-only token read and watch but not change anything', async () => {
    const view = { authorization: `Bearer ${VIEW_TOKEN}` };
    expect((await rawRequest(dispatcher.url, 'GET', '/taskmanagers', view)).status).toBe(200);
    const submit = await rawRequest(
      dispatcher.url,
      'POST',
      '/jobs',
      { ...view, 'content-type': 'application/json' },
      wordcount,
    );
    expect(submit.status).toBe(403);
    expect(problemMessage(submit.body)).toBe('the view-only token allows watching, not changing anything');
    const kill = await rawRequest(
      dispatcher.url,
      'POST',
      '/taskmanagers/tm-1/kill',
      { ...view, 'content-type': 'application/json' },
      '{}',
    );
    expect(kill.status).toBe(403);
    expect((await rawRequest(dispatcher.url, 'GET', '/jobs', view)).body).toBe('[]');
  });

  it('refuses a socket.io handshake without a token and accepts either token', async () => {
    expect((await socketHandshake(dispatcher.url, { transports: ['websocket'] })).connected).toBe(false);
    for (const token of [TOKEN, VIEW_TOKEN])
      expect(
        await socketHandshake(dispatcher.url, {
          transports: ['polling'],
          extraHeaders: { authorization: `Bearer ${token}` },
        }),
      ).toEqual({ connected: true });
  });
});

describe('a Dispatcher bound beyond loopback', () => {
  it('generates a token when none is given, and requires it', async () => {
    const dispatcher = await startDispatcher({ host: '0.0.0.0', cluster: { taskManagers: 1, slotsPerTaskManager: 1 } });
    try {
      expect(dispatcher.token).toMatch(/^[0-9a-f]{48}$/);
      const url = `http://127.0.0.1:${new URL(dispatcher.url).port}`;
      expect((await rawRequest(url, 'GET', '/jobs')).status).toBe(401);
      expect((await rawRequest(url, 'GET', '/jobs', { authorization: `Bearer ${dispatcher.token}` })).status).toBe(200);
    } finally {
      await dispatcher.close();
    }
  });
});
