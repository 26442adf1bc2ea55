// The station agent's loopback API: device events over a WebSocket, printing and camera reports over HTTP.
import {
  DeviceEvent,
  type DeviceHealth,
  type PrintReceiptBody,
  type PrintTicketBody,
  type VerifiedCitizen,
} from '@sportello/protocol';
import { request } from './api-client.ts';

export interface AgentStatus {
  station: string | null;
  enrolled: boolean;
  serverOnline: boolean;
  devices: DeviceHealth;
  /** The privacy timers, from the station's configuration. */
  kiosk: { idleWarnSeconds: number; idleEndSeconds: number };
}

export const fetchAgentStatus = () => request<AgentStatus>('GET', '/agent/status');
export const printTicket = (body: PrintTicketBody) =>
  request<{ milliseconds: number }>('POST', '/agent/print/ticket', body);
export const printReceipt = (body: PrintReceiptBody) =>
  request<{ milliseconds: number }>('POST', '/agent/print/receipt', body);
/** The card in the reader checks the PIN and signs the server's challenge; the PIN goes no further. */
export const authenticateWithCard = (pin: string) =>
  request<VerifiedCitizen>('POST', '/agent/card/authenticate', { pin });
export const reportCamera = (state: DeviceHealth['camera']['page']) =>
  request<void>('POST', '/agent/camera', { state });

/**
 * Opens the device-event stream and keeps it open: reconnects after a drop, and reports whether
 * the agent itself can be reached. Returns the function that closes it for good.
 */
export function subscribeDeviceEvents(
  onEvent: (event: DeviceEvent) => void,
  onAgent: (reachable: boolean) => void,
): () => void {
  let socket: WebSocket | undefined;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    const url = new URL('/agent/ws', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url);
    socket.onopen = () => onAgent(true);
    socket.onmessage = (message) => {
      const parsed = DeviceEvent.safeParse(JSON.parse(String(message.data)));
      if (parsed.success) onEvent(parsed.data);
    };
    socket.onclose = () => {
      if (closed) return;
      onAgent(false);
      retry = setTimeout(open, 2000);
    };
  };
  open();
  return () => {
    closed = true;
    clearTimeout(retry);
    socket?.close();
  };
}
