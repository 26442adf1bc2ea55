// DNS-rebinding and foreign-page defence: only our own loopback origin may reach the agent.
import type { IncomingMessage } from 'node:http';

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * Null when the request may pass, else why not. A rebinding attack arrives with a foreign Host;
 * a foreign page's request carries its own Origin. Requests without Origin (curl, navigation) pass.
 */
export function refusal(req: IncomingMessage, port: number): string | null {
  const hosts = allowedHosts(port);
  const host = req.headers.host?.toLowerCase();
  if (!host || !hosts.has(host)) return 'unknown host';
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.has(origin.toLowerCase().replace(/^http:\/\//, '')))
    return 'foreign origin';
  if (origin !== undefined && !origin.toLowerCase().startsWith('http://')) return 'foreign origin';
  return null;
}
