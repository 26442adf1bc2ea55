// A TCP relay between the browser and a server that can go silent like a pulled cable: connections stay
// open, but no byte passes either way until the network is restored. Nothing closes, so only a client that
// watches for silence notices; the connections cut are dropped at the restore (their client gave up on them).
import net from 'node:net';

export interface NetworkCut {
  /** The relay's address, to open pages through. */
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startNetworkCut(target: string): Promise<NetworkCut> {
  const { hostname, port } = new URL(target);
  let cut = false;
  const open = new Set<net.Socket>();
  const silenced = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(from);
      from.on('data', (chunk) => {
        if (cut) silenced.add(from);
        else to.write(chunk);
      });
      from.on('close', () => {
        open.delete(from);
        to.destroy();
      });
      from.on('error', () => to.destroy());
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port: relayPort } = relay.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${relayPort}`,
    cut() {
      cut = true;
      for (const socket of open) silenced.add(socket);
    },
    restore() {
      cut = false;
      for (const socket of silenced) socket.destroy();
      silenced.clear();
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => relay.close(resolve));
    },
  };
}
