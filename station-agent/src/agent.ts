// One running agent: devices from config, the loopback API for the kiosk, the link to the server.
import type { Logger } from 'pino';
import type { LoadedAgentConfig } from './config/agent-config.ts';
import { createStationDevices, type SimulatorControls } from './devices/create-station-devices.ts';
import { startLocalApi, type LocalApi } from './local-api/local-api.ts';
import { readCredential, type StationCredential } from './server-link/credential-file.ts';
import { startHeartbeat } from './server-link/heartbeat.ts';
import { createRemoteSelfTest } from './server-link/remote-self-test.ts';
import { readSettings, settingsFileOf, writeSettings } from './server-link/settings-file.ts';
import { StationChannelClient } from './server-link/station-channel.ts';
import { ServerMonitor } from './server-link/server-monitor.ts';
import { AGENT_VERSION } from './version.ts';

export interface RunningAgent {
  url: string;
  credential: StationCredential | null;
  localApi: LocalApi;
  /** Present when the config chose simulated devices: the demo and the tests drive them. */
  simulators: SimulatorControls;
  stop(): Promise<void>;
}

export async function startAgent(
  config: LoadedAgentConfig,
  log: Logger,
  options: { port?: number } = {},
): Promise<RunningAgent> {
  const credential = await readCredential(config.credentialFile);
  if (!credential)
    log.warn(
      { file: config.credentialFile },
      'not enrolled: run `station-agent enroll --server URL --code CODE`',
    );
  const { devices, simulators, attach } = await createStationDevices(config, log);
  const port = options.port ?? config.port;
  let monitor: ServerMonitor | undefined;
  const localApi = await startLocalApi({
    port,
    kioskDir: config.kioskDir,
    credential,
    devices,
    get monitor() {
      return monitor;
    },
    log,
    agentVersion: AGENT_VERSION,
    kiosk: config.kiosk,
    simulators,
  });
  attach(localApi.hub);
  let stopHeartbeat = () => {};
  let channel: StationChannelClient | undefined;
  if (credential) {
    monitor = new ServerMonitor(credential.serverUrl, localApi.hub, log);
    monitor.start();
    stopHeartbeat = startHeartbeat({
      credential,
      devices,
      intervalSeconds: config.heartbeatSeconds,
      agentVersion: AGENT_VERSION,
      page: () => localApi.page.health(),
      deviceEvents: (listener) => localApi.hub.subscribe(listener),
      log,
    });
    // Commands come down the one outbound channel: self-tests (when the kiosk is idle) and settings, kept
    // on disk so that a restart without the server keeps showing what the technician chose.
    const settingsFile = settingsFileOf(config.credentialFile);
    const saved = await readSettings(settingsFile);
    if (saved) localApi.kiosk.applySettings(saved);
    const selfTest = createRemoteSelfTest({
      devices,
      configured: config.devices,
      kiosk: localApi.kiosk,
      send: (message) => channel?.send(message),
      agentVersion: AGENT_VERSION,
      log,
    });
    channel = new StationChannelClient(
      credential,
      {
        onMessage: (message) => {
          if (message.type !== 'settings') return selfTest(message.run);
          localApi.kiosk.applySettings(message.settings);
          writeSettings(settingsFile, message.settings).catch((error: unknown) =>
            log.warn({ err: error, file: settingsFile }, 'pushed settings not saved'),
          );
        },
      },
      log,
    );
    channel.start();
  }
  return {
    url: localApi.url,
    credential,
    localApi,
    simulators,
    async stop() {
      stopHeartbeat();
      monitor?.stop();
      await channel?.stop();
      await localApi.close();
      await devices.close();
    },
  };
}
