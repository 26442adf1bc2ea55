// A serialport binding for tests and the demo: MockBinding ports with a simulated device that answers what is
// written or sends on its own, and unplug/replug. The real serial code path (SerialPortStream and ours) runs on top.
import { createRequire } from 'node:module';
import type * as BindingMock from '@serialport/binding-mock' with { 'resolution-mode': 'require' };
import type {
  BindingInterface,
  BindingPortInterface,
  OpenOptions,
  PortInfo,
  PortStatus,
  SetOptions,
  UpdateOptions,
} from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };

// The CommonJS instance, the one serialport's SerialPortMock uses: ports made here are visible there too.
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as typeof BindingMock;
type MockPortBinding = BindingMock.MockPortBinding;

/** The device at the other end of the cable. */
export interface SerialDevice {
  /** Called with each chunk the host writes; `reply` sends bytes back to the host. */
  receive(bytes: Uint8Array, reply: (bytes: Uint8Array) => void): void;
}

function noSuchPort(path: string): Error {
  return Object.assign(new Error(`Error: No such file or directory, cannot open ${path}`), {
    code: 'ENOENT',
  });
}

class SimulatedPort implements BindingPortInterface {
  readonly #inner: MockPortBinding;
  readonly #device: SerialDevice;
  #pulled?: Error;
  #rejectRead?: (error: Error) => void;
  // Open until serialport closes it: after a pull it must still look open, or serialport skips the disconnect.
  #open = true;

  constructor(inner: MockPortBinding, device: SerialDevice) {
    this.#inner = inner;
    this.#device = device;
  }

  get openOptions(): Required<OpenOptions> {
    return this.#inner.openOptions;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** The cable is pulled: the pending read fails as a real one does, which serialport reports as a disconnect. */
  pull(): void {
    this.#pulled = new Error('Input/output error (device unplugged)');
    this.#rejectRead?.(this.#pulled);
    // Frees the path in MockBinding, so that it can be opened again after replug.
    if (this.#inner.isOpen) void this.#inner.close();
  }

  /** Bytes the device sends on its own, as a scanner does. */
  send(bytes: Uint8Array): void {
    if (this.#inner.isOpen) this.#inner.emitData(Buffer.from(bytes));
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    if (this.#pulled) throw this.#pulled;
    const pulled = new Promise<never>((_, reject) => (this.#rejectRead = reject));
    return Promise.race([this.#inner.read(buffer, offset, length), pulled]);
  }

  async write(buffer: Buffer): Promise<void> {
    if (this.#pulled) throw this.#pulled;
    await this.#inner.write(buffer);
    this.#device.receive(buffer, (bytes) => this.send(bytes));
  }

  async close(): Promise<void> {
    this.#open = false;
    if (this.#inner.isOpen) await this.#inner.close();
  }

  update(options: UpdateOptions): Promise<void> {
    return this.#inner.update(options);
  }

  set(options: SetOptions): Promise<void> {
    return this.#inner.set(options);
  }

  get(): Promise<PortStatus> {
    return this.#inner.get();
  }

  getBaudRate(): Promise<{ baudRate: number }> {
    return this.#inner.getBaudRate();
  }

  flush(): Promise<void> {
    return this.#inner.flush();
  }

  drain(): Promise<void> {
    return this.#pulled ? Promise.reject(this.#pulled) : this.#inner.drain();
  }
}

export class SimulatedSerialBinding implements BindingInterface<SimulatedPort> {
  readonly #devices = new Map<string, SerialDevice>();
  readonly #unplugged = new Set<string>();
  readonly #open = new Map<string, SimulatedPort>();

  /** Plugs a device in at `path`. Paths are global to MockBinding: use one per device. */
  attach(path: string, device: SerialDevice): void {
    MockBinding.createPort(path, { echo: false, record: false });
    this.#devices.set(path, device);
  }

  /** Pulls the cable: the open port fails and the path stops existing until replug(). */
  unplug(path: string): void {
    this.#unplugged.add(path);
    this.#open.get(path)?.pull();
    this.#open.delete(path);
  }

  /** Sends bytes from the device at `path` to the host, if the port is open. */
  send(path: string, bytes: Uint8Array): void {
    this.#open.get(path)?.send(bytes);
  }

  replug(path: string): void {
    this.#unplugged.delete(path);
  }

  async list(): Promise<PortInfo[]> {
    const ports = await MockBinding.list();
    return ports.filter(({ path }) => this.#devices.has(path) && !this.#unplugged.has(path));
  }

  async open(options: OpenOptions): Promise<SimulatedPort> {
    const device = this.#devices.get(options.path);
    if (!device || this.#unplugged.has(options.path)) throw noSuchPort(options.path);
    const port = new SimulatedPort(await MockBinding.open(options), device);
    this.#open.set(options.path, port);
    return port;
  }
}
