// Announces each call in turn: the chime, then the call spoken in Italian and, when the ticket was taken in
// another language, in that language too. Calls that come close together wait for the one before to end,
// so every call is heard, in the order they were made. The clips are fetched as soon as the call comes.
import type { BoardCall, Language } from '@sportello/protocol';

/** What the announcer needs from the sound system; `Clip` is whatever `load` gives and `play` takes. */
export interface CallAudio<Clip> {
  /** False while the browser keeps the sound off: calls are then only shown, not queued for later. */
  ready(): boolean;
  chime(): Promise<void>;
  /** The call spoken in `language`, or undefined when there is none (then the call is only shown). */
  load(call: BoardCall, language: Language): Promise<Clip | undefined>;
  play(clip: Clip): Promise<void>;
}

/** Italian always (the office's language), then the ticket's own. */
export function spokenLanguages(language: Language): Language[] {
  return language === 'it' ? ['it'] : ['it', language];
}

export class Announcer<Clip> {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly audio: CallAudio<Clip>) {}

  /** Queues the call; the promise settles once it has been announced (or skipped). */
  announce(call: BoardCall): Promise<void> {
    if (!this.audio.ready()) return this.queue;
    const clips = spokenLanguages(call.language).map((language) => this.audio.load(call, language));
    this.queue = this.queue
      .then(async () => {
        await this.audio.chime();
        for (const pending of clips) {
          const clip = await pending;
          if (clip !== undefined) await this.audio.play(clip);
        }
      })
      .catch((error: unknown) => {
        // A broken clip must not silence the calls after it.
        console.error('announcement failed', error);
      });
    return this.queue;
  }
}
