// What the bench files share: the row type, the small value table they print, and waiting for a child
// process's next IPC message of a given type.
import type { ChildProcess } from 'node:child_process';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
}

/** A three-column markdown table, value right-aligned; notes follow it after a blank line. */
export function valueTable(
  title: string,
  rows: BenchRow[],
  options: { notes?: string[]; format?: (value: number) => string } = {},
): string {
  const format = options.format ?? ((v: number) => v.toFixed(v < 10 ? 2 : 0));
  const head = [title, 'value', 'unit'];
  const cells = rows.map((r) => [r.name, format(r.value), r.unit]);
  const widths = [0, 1, 2].map((i) => Math.max(...cells.map((c) => c[i]!.length), head[i]!.length));
  const line = (c: string[]) =>
    `| ${c[0]!.padEnd(widths[0]!)} | ${c[1]!.padStart(widths[1]!)} | ${c[2]!.padEnd(widths[2]!)} |`;
  return [
    line(head),
    `|${'-'.repeat(widths[0]! + 2)}|${'-'.repeat(widths[1]! + 1)}:|${'-'.repeat(widths[2]! + 2)}|`,
    ...cells.map(line),
    ...(options.notes ? ['', ...options.notes] : []),
  ].join('\n');
}

/** The child's next message of `type`; rejects if the child exits first. `who` names it in the error. */
export function nextMessage<M extends { type: string }, T extends M['type']>(
  child: ChildProcess,
  type: T,
  who: string,
): Promise<Extract<M, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: M) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<M, { type: T }>);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`${who} process exited (${code}) before "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** The p-th percentile (0–100) by nearest rank: with 20 values, p90 is the 18th smallest. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The median: the middle value, or the mean of the two middle ones. */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function postJson(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** A station's token, enrolled as a technician would (the shipped demo accounts' passwords). */
export async function stationToken(url: string, station: string): Promise<string> {
  const { token } = await postJson(`${url}/api/v1/auth/login`, {
    username: 'tecnico',
    password: 'demo-tecnico',
  });
  const { code } = await postJson(
    `${url}/api/v1/stations/${station}/enrolment-codes`,
    undefined,
    String(token),
  );
  const enrolled = await postJson(`${url}/api/v1/stations/enrol`, { code, agentVersion: 'bench' });
  return String(enrolled.token);
}
