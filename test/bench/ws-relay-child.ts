// A second floor of the video-call rows: a bare WebSocket relay in its own process, as the real server runs.
// Each text message one page sends goes as is to every other page connected; nothing is parsed, checked or
// stored. What a call through it costs beyond the no-server floor is the wire: the browser's network process,
// the kernel's loopback and one more process to wake on a busy machine, for every signaling message.
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type ToWsRelay = { type: 'stop' };
export type FromWsRelay = { type: 'ready'; url: string } | { type: 'stopped' };

if (!process.send) throw new Error('usage: fork(ws-relay-child.ts)');
const send = (message: FromWsRelay) => process.send!(message);

const sockets = new Set<WebSocket>();
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => {
  const { port } = wss.address() as AddressInfo;
  send({ type: 'ready', url: `ws://127.0.0.1:${port}` });
});
wss.on('connection', (ws) => {
  sockets.add(ws);
  ws.on('message', (data, isBinary) => {
    for (const other of sockets) if (other !== ws) other.send(data, { binary: isBinary });
  });
  ws.on('close', () => sockets.delete(ws));
});

process.on('message', (message: ToWsRelay) => {
  if (message.type !== 'stop') return;
  for (const ws of sockets) ws.terminate();
  wss.close(() => {
    send({ type: 'stopped' });
    process.disconnect();
  });
});
