// The floor of the office-floor bench: a bare node:http server in its own process, as the real one runs,
// holding server-sent event streams and answering a POST that writes one event to every stream. Whatever
// the bench measures against it is the machine, the kernel, Node's HTTP and the bench's own clients.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ToSseFloor = { type: 'usage' } | { type: 'stop' };
export type FromSseFloor =
  | { type: 'ready'; url: string }
  | { type: 'usage'; rss: number; cpu: { user: number; system: number }; streams: number }
  | { type: 'stopped' };

if (!process.send) throw new Error('usage: fork(sse-floor-child.ts)');
const send = (message: FromSseFloor) => process.send!(message);

const streams = new Set<http.ServerResponse>();
let pokes = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    res.write(`retry: 2000\n\nevent: hello\ndata: ${JSON.stringify({ pokes })}\n\n`);
    streams.add(res);
    res.on('close', () => streams.delete(res));
    return;
  }
  if (req.method === 'POST' && req.url === '/poke') {
    // The body is read as the real server's JSON parser would, then one event goes to every stream.
    req.resume();
    req.on('end', () => {
      const event = `event: poke\ndata: ${JSON.stringify({ poke: ++pokes })}\n\n`;
      for (const stream of streams) stream.write(event);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ poke: pokes }));
    });
    return;
  }
  res.writeHead(404).end();
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  send({ type: 'ready', url: `http://127.0.0.1:${port}` });
});

process.on('message', (message: ToSseFloor) => {
  if (message.type === 'usage')
    send({
      type: 'usage',
      rss: process.memoryUsage().rss,
      cpu: process.cpuUsage(),
      streams: streams.size,
    });
  if (message.type === 'stop') {
    for (const stream of streams) stream.end();
    server.close(() => {
      send({ type: 'stopped' });
      process.disconnect();
    });
  }
});
