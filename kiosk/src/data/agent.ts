// The station agent's loopback API: device events over a WebSocket, printing and camera reports over HTTP.
import type {
  AgentToKiosk,
  DeviceEvent,
  DeviceHealth,
  KioskToAgent,
  StationSettings,
  PrintReceiptBody,
  PrintTicketBody,
  VerifiedCitizen,
} from '@sportello/protocol';
import { agentToKioskTypes, deviceEventTypes, hasTypeIn } from '@sportello/protocol/plain';
import { request } from './api-client.ts';

export interface AgentStatus {
  station: string | null;
  enrolled: boolean;
  serverOnline: boolean;
  devices: DeviceHealth;
  /** The privacy timers, from the station's configuration. */
  kiosk: { idleWarnSeconds: number; idleEndSeconds: number };
  /** What the technician last pushed to this station (idle timer, languages, services, out of service). */
  settings?: StationSettings;
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

/** The open link to the agent: closes it for good, or tells the agent something. */
export interface AgentSubscription {
  close(): void;
  /** Sent now if the link is open; otherwise dropped (say it again on `onAgent(true)`). */
  send(message: KioskToAgent): void;
}

/**
 * Opens the device-event stream and keeps it open: reconnects after a drop, and reports whether
 * the agent itself can be reached. The agent's requests (pushed settings, a camera check) go to `onAgentSays`.
 */
export function subscribeDeviceEvents(
  onEvent: (event: DeviceEvent) => void,
  onAgent: (reachable: boolean) => void,
  onAgentSays: (message: AgentToKiosk) => void = () => undefined,
): AgentSubscription {
  let socket: WebSocket | undefined;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    const url = new URL('/agent/ws', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url);
    socket.onopen = () => onAgent(true);
    socket.onmessage = (message) => {
      const data: unknown = JSON.parse(String(message.data));
      // The agent serves this page and is typed with it: its messages are told apart by type, not validated.
      if (hasTypeIn(data, deviceEventTypes)) return onEvent(data as DeviceEvent);
      if (hasTypeIn(data, agentToKioskTypes)) onAgentSays(data as AgentToKiosk);
    };
    socket.onclose = () => {
      if (closed) return;
      onAgent(false);
      retry = setTimeout(open, 2000);
    };
  };
  open();
  return {
    close() {
      closed = true;
      clearTimeout(retry);
      socket?.close();
    },
    send(message) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
  };
}
