// The floor of the availability and booking rows: a bare Express 5 app in its own process, as the real server
// runs, with one GET route answering a small JSON body and one POST route parsing a JSON body and answering 201.
// Whatever the bench measures against it is the machine, Node's HTTP, Express and the bench's own client.
import type { AddressInfo } from 'node:net';
import express from 'express';

export type ToHttpFloor = { type: 'stop' };
export type FromHttpFloor = { type: 'ready'; url: string } | { type: 'stopped' };

if (!process.send) throw new Error('usage: fork(http-floor-child.ts)');
const send = (message: FromHttpFloor) => process.send!(message);

const app = express();
let posts = 0;
app.get('/floor', (_req, res) => void res.json({ ok: true }));
app.post('/floor', express.json(), (req, res) => {
  posts++;
  res.status(201).json({ ok: typeof req.body === 'object', posts });
});

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  send({ type: 'ready', url: `http://127.0.0.1:${port}` });
});

process.on('message', (message: ToHttpFloor) => {
  if (message.type === 'stop')
    server.close(() => {
      send({ type: 'stopped' });
      process.disconnect();
    });
  // Keep-alive connections of the load generator would hold close() open.
  server.closeAllConnections();
});
