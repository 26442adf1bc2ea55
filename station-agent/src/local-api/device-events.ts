// Pushes device events to every kiosk page connected to the agent's WebSocket, and remembers
// the latest state of each device so a page that connects late starts from the truth.
import type { DeviceEvent } from '@sportello/protocol';
import { WebSocket, type WebSocketServer } from 'ws';

type StateEvent = Extract<DeviceEvent, { type: 'printer' | 'reader' | 'server' }>;

export class DeviceEventHub {
  private readonly latest = new Map<StateEvent['type'], StateEvent>();
  private readonly listeners = new Set<(event: DeviceEvent) => void>();

  constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', (socket) => {
      for (const event of this.latest.values()) socket.send(JSON.stringify(event));
    });
  }

  publish(event: DeviceEvent): void {
    if (event.type === 'printer' || event.type === 'reader' || event.type === 'server')
      this.latest.set(event.type, event);
    const message = JSON.stringify(event);
    for (const client of this.wss.clients) if (client.readyState === WebSocket.OPEN) client.send(message);
    for (const listener of this.listeners) listener(event);
  }

  /** In-process subscribers (selftest, heartbeat); returns the unsubscribe function. */
  subscribe(listener: (event: DeviceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
