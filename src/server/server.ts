import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BearingError, messageOf, type Logger } from '../core/index.js';
import type { Metrics } from '../metrics/index.js';
import type { Readiness } from './readiness.js';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  ready: () => Promise<Readiness>;
  metrics: Pick<Metrics, 'render'>;
  log: Logger;
}

export interface RunningServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  /** Stops accepting connections and ends idle keep-alive ones. */
  close(): Promise<void>;
}

/**
 * The worker's HTTP face for the orchestrator: `/healthz` (alive), `/readyz` (ready, or 503 with
 * the reasons) and `/metrics` (Prometheus text format).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { log } = options;
  const routes: Record<string, () => Promise<Reply>> = {
    '/healthz': async () => json(200, { alive: true }),
    '/readyz': async () => {
      const r = await options.ready();
      return json(r.ready ? 200 : 503, r);
    },
    '/metrics': async () => {
      const { contentType, body } = await options.metrics.render();
      return { status: 200, contentType, body };
    },
  };

  const server = createServer((req, res) => {
    void respond(req, res);
  });

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes[path];
    let reply: Reply;
    if (!route)
      reply = json(404, { error: `no such path: expected one of ${Object.keys(routes).join(', ')}` });
    else if (req.method !== 'GET' && req.method !== 'HEAD')
      reply = json(405, { error: 'expected GET or HEAD' });
    else {
      try {
        reply = await route();
      } catch (error) {
        log.error({ path, err: messageOf(error) }, `${path} failed: ${messageOf(error)}`);
        reply = json(500, { error: `${path} failed` });
      }
    }
    res.writeHead(reply.status, {
      'content-type': reply.contentType,
      'cache-control': 'no-store',
      ...(reply.status === 405 ? { allow: 'GET, HEAD' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, options)));
    server.listen(options.port, options.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  log.info({ url }, `serving /healthz, /readyz and /metrics on ${url}`);

  let closed: Promise<void> | undefined;
  return {
    url,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

const json = (status: number, value: unknown): Reply => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
});

function listenError(error: NodeJS.ErrnoException, options: ServerOptions): BearingError {
  const where = `${options.host}:${options.port}`;
  if (error.code === 'EADDRINUSE' || error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL') {
    return new BearingError(
      'config',
      `server: cannot listen on ${where} (${error.code}); set server.port and server.host in bearing.yaml`,
      { cause: error },
    );
  }
  return new BearingError('fatal', `server: cannot listen on ${where}: ${error.message}`, { cause: error });
}
