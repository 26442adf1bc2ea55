// Types of build.mjs (plain JavaScript, so `npm start` runs it without a TypeScript loader).
export declare const AGENT_DIST: string;
export declare const AGENT_NODE_FLAGS: string[];
export declare const AGENT_ENV: Record<string, string>;
export declare const AGENT_CLI: string;
export declare function buildAgent(options?: { outdir?: string }): Promise<void>;
