import { describe, expect, it } from 'vitest';
import { JobQueue } from './job-queue.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('JobQueue', () => {
  it('runs tasks one at a time, in arrival order', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    expect(await Promise.all([queue.run(task('a')), queue.run(task('b'))])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('goes on after a task fails', async () => {
    const queue = new JobQueue();
    const failed = queue.run(async () => {
      throw new Error('jam');
    });
    const next = queue.run(async () => 'next');
    await expect(failed).rejects.toThrow('jam');
    await expect(next).resolves.toBe('next');
  });

  it('cancels waiting tasks, lets the running one finish, and says when it is idle', async () => {
    const queue = new JobQueue();
    let finished = false;
    const running = queue.run(async () => {
      await tick();
      finished = true;
    });
    const waiting = queue.run(async () => 'never');
    queue.cancelWaiting(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    await queue.idle();
    expect(finished).toBe(true);
    await running;
  });
});
