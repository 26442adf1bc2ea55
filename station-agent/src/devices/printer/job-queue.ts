// Runs one task at a time, in arrival order: the single queue through which prints and status queries
// reach a printer, so a DLE EOT never lands in the middle of a ticket.

interface Job {
  task: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class JobQueue {
  #waiting: Job[] = [];
  #current?: Promise<void>;

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ task, resolve: resolve as (value: unknown) => void, reject });
      this.#current ??= this.#drain();
    });
  }

  /** Rejects every task not yet started with `error`; the running one finishes. */
  cancelWaiting(error: Error): void {
    for (const job of this.#waiting.splice(0)) job.reject(error);
  }

  /** Resolves when the running task, if any, has finished. */
  idle(): Promise<void> {
    return this.#current ?? Promise.resolve();
  }

  async #drain(): Promise<void> {
    for (let job = this.#waiting.shift(); job; job = this.#waiting.shift()) {
      try {
        job.resolve(await job.task());
      } catch (error) {
        job.reject(error);
      }
    }
    this.#current = undefined;
  }
}
