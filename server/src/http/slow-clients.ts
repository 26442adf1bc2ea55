// Keeps slow or silent clients from holding the server's sockets: a cap on the connections one remote address
// holds open, counted when the TCP connection opens (before any header), and short time-outs for headers.
import http from 'node:http';
import type { Socket } from 'node:net';

export interface SlowClientLimits {
  maxConnectionsPerAddress: number;
  /** Time to send the request headers; the whole request gets twice that. */
  headersTimeoutMs: number;
}

export function createGuardedServer(app: http.RequestListener, limits: SlowClientLimits): http.Server {
  const { maxConnectionsPerAddress, headersTimeoutMs } = limits;
  const server = http.createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: 2 * headersTimeoutMs,
      // Node checks those time-outs only this often, 30 s by default.
      connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs / 2),
    },
    app,
  );

  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    // Node's header time-out starts with the first byte: a client that sends none is dropped here.
    const silent = setTimeout(() => socket.bytesRead === 0 && socket.destroy(), headersTimeoutMs).unref();
    socket.once('close', () => {
      clearTimeout(silent);
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
  // The WebSocket clears this when it takes the socket over; a handshake that stalls before that is dropped.
  // Node hands 'upgrade' the connection's own net.Socket, typed as a plain Duplex.
  server.prependListener('upgrade', (_req, socket) =>
    (socket as Socket).setTimeout(headersTimeoutMs, () => socket.destroy()),
  );
  return server;
}
