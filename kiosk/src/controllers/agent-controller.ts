// Keeps the host in touch with the station agent: device events in, agent and server reachability.
import type { DeviceEvent, PrinterState, ReaderState } from '@sportello/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { subscribeDeviceEvents } from '../data/agent.ts';

export class AgentController implements ReactiveController {
  agentReachable = true;
  serverOnline = true;
  printer: PrinterState = 'absent';
  reader: ReaderState = 'absent';
  /** A card sits in the reader, and what it turned out to be once read. */
  cardPresent = false;
  cardKind: 'cns' | 'cie' | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEvent: (event: DeviceEvent) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = subscribeDeviceEvents(
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
        this.host.requestUpdate();
      },
    );
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}
