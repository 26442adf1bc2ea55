// Types of cluster.mjs for the TypeScript that uses it (the cluster e2e tests).
export declare const HAPROXY: string;
export declare function haproxyConfig(options: {
  port: number;
  instances: { name: string; port: number }[];
  host?: string;
  /** A UNIX socket for HAProxy's runtime API, at admin level. */
  adminSocket?: string;
}): string;
export declare function ensureHaproxy(): void;
export declare function ensureDatabase(adminUrl: string, name: string): Promise<string>;
