import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FaultInjector } from './faults.js';
import { textPiecesOf } from './text-body.js';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Closes the server and every open connection, hung ones included. */
  close(): Promise<void>;
}

/** Serves a fake on 127.0.0.1 (an ephemeral port unless one is given). */
export async function startLoopbackServer(
  injector: FaultInjector,
  options: { port?: number } = {},
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void serve(injector, req, res, () => `http://127.0.0.1:${port}`);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function serve(
  injector: FaultInjector,
  req: IncomingMessage,
  res: ServerResponse,
  origin: () => string,
): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    const method = req.method ?? 'GET';
    const body = chunks.length && method !== 'GET' && method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
    const request = new Request(new URL(req.url ?? '/', origin()), { method, headers, body });
    const outcome = await injector.dispatch(request);
    if (outcome.type === 'hang') return; // the socket stays open until the client gives up or close()
    if (outcome.type === 'drop') {
      req.socket.destroy();
      return;
    }
    const { response } = outcome;
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    const pieces = textPiecesOf(response);
    if (pieces) {
      let length = 0;
      for (const piece of pieces) length += Buffer.byteLength(piece);
      responseHeaders['content-length'] = String(length);
      res.writeHead(response.status, responseHeaders);
      res.cork();
      for (const piece of pieces) res.write(piece);
      res.end();
      return;
    }
    const out = Buffer.from(await response.arrayBuffer());
    responseHeaders['content-length'] = String(out.length);
    res.writeHead(response.status, responseHeaders);
    res.end(out);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`fake server error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
