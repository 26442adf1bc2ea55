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
