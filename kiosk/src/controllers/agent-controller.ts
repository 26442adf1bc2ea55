// Keeps the host in touch with the station agent: device events in, agent and server reachability, the
// settings a technician pushed; out, whether a citizen is using the kiosk (a remote self-test waits for
// that) and the camera's state when the agent asks.
import type { DeviceEvent, PrinterState, ReaderState, StationSettings } from '@sportello/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { subscribeDeviceEvents, type AgentSubscription } from '../data/agent.ts';
import { checkCamera } from '../session/camera-check.ts';

export class AgentController implements ReactiveController {
  agentReachable = true;
  serverOnline = true;
  printer: PrinterState = 'absent';
  reader: ReaderState = 'absent';
  /** A card sits in the reader, and what it turned out to be once read. */
  cardPresent = false;
  cardKind: 'cns' | 'cie' | undefined;
  /** Pushed by the technician through the agent; undefined until the agent has any. */
  settings: StationSettings | undefined;
  private subscription: AgentSubscription | undefined;
  private sessionActive = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEvent: (event: DeviceEvent) => void,
  ) {
    host.addController(this);
  }

  /** Tells the agent whether a citizen is using the kiosk (again on every reconnection). */
  reportSession(active: boolean): void {
    if (active === this.sessionActive) return;
    this.sessionActive = active;
    this.subscription?.send({ type: 'session', active });
  }

  hostConnected(): void {
    this.subscription = subscribeDeviceEvents(
      (event) => {
        if (event.type === 'printer') this.printer = event.state;
        if (event.type === 'reader') this.reader = event.state;
        if (event.type === 'server') this.serverOnline = event.online;
        if (event.type === 'card-inserted') this.cardPresent = true;
        if (event.type === 'card-read') this.cardKind = event.card.kind;
        if (event.type === 'card-removed') {
          this.cardPresent = false;
          this.cardKind = undefined;
        }
        this.onEvent(event);
        this.host.requestUpdate();
      },
      (reachable) => {
        this.agentReachable = reachable;
        if (reachable) this.subscription?.send({ type: 'session', active: this.sessionActive });
        this.host.requestUpdate();
      },
      (request) => {
        if (request.type === 'settings') {
          this.settings = request.settings;
          this.host.requestUpdate();
        } else {
          void checkCamera().then((state) =>
            this.subscription?.send({ type: 'camera-result', id: request.id, state }),
          );
        }
      },
    );
  }

  hostDisconnected(): void {
    this.subscription?.close();
  }
}
