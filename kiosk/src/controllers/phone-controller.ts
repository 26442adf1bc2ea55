// A phone field's number, checked by the station agent as the citizen types: libphonenumber's rules stay on the
// station (they would be a third of the kiosk's script). Asked once typing pauses, the last answer kept, and an
// answer about a number since changed dropped.
import { msg } from '@lit/localize';
import type { PhoneCheck } from '@sportello/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { checkPhone } from '../data/phone.ts';

/** Typing must pause this long before the agent is asked: one question per number, not one per digit. */
export const TYPING_PAUSE_MS = 120;
/** When the agent did not answer, it is asked again this often while the number stays as it is. */
export const RETRY_MS = 2000;

export type PhoneState =
  /** Nothing typed. */
  | { kind: 'empty' }
  /** Typed, the agent's answer not here yet: neither valid nor wrong. */
  | { kind: 'pending' }
  /** The agent could not be reached or could not answer; asked again every RETRY_MS. */
  | { kind: 'unchecked' }
  | { kind: 'not-a-number' }
  | { kind: 'number'; e164: string; mobile: boolean; formatted: string };

export class PhoneController implements ReactiveController {
  /** What is known of the number in the field now. */
  state: PhoneState = { kind: 'empty' };
  /** The number last seen in the field, trimmed; undefined until the host first updates. */
  private number: string | undefined;
  private last: { number: string; state: PhoneState } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The number waiting for typing to pause before it is asked about. */
  private queued: string | undefined;
  /** Counts questions and changes of number: an answer carrying an older count is about another number. */
  private turn = 0;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The field's value, read before each of the host's updates. */
    private readonly typed: () => string,
    private readonly check: (number: string) => Promise<PhoneCheck> = checkPhone,
  ) {
    host.addController(this);
  }

  /** The number, when the agent said it is one; null otherwise, also while its answer is awaited. */
  get phone(): Extract<PhoneState, { kind: 'number' }> | null {
    return this.state.kind === 'number' ? this.state : null;
  }

  /** What is wrong with the number for an SMS, said only once the agent has answered: nothing shows red while
   * the citizen is still typing. An empty string when nothing is. */
  smsProblem(): string {
    if (this.state.kind === 'unchecked')
      return msg(
        'Non riesco a controllare il numero: la postazione non risponde. Aspetta un momento o chiedi aiuto al personale.',
      );
    if (this.state.kind === 'number' && !this.state.mobile)
      return msg('Serve un numero di cellulare: questo è un numero fisso e non riceve SMS.');
    return '';
  }

  /** Resolves once the number in the field has its answer; a tap ends the typing, so asks without a pause. */
  async settled(): Promise<void> {
    await this.host.updateComplete;
    if (this.state.kind !== 'pending') return;
    const answered = new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.queued !== undefined) {
      clearTimeout(this.timer);
      void this.ask(this.queued);
    }
    await answered;
  }

  hostUpdate(): void {
    const number = this.typed().trim();
    if (number === this.number) return;
    this.number = number;
    clearTimeout(this.timer);
    this.queued = undefined;
    this.turn++;
    if (!number) return this.settle({ kind: 'empty' });
    if (this.last?.number === number) return this.settle(this.last.state);
    this.state = { kind: 'pending' };
    this.queued = number;
    this.timer = setTimeout(() => void this.ask(number), TYPING_PAUSE_MS);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.queued = undefined;
    this.turn++;
    // The page keeps no citizen's number once its screen is gone.
    this.number = undefined;
    this.last = undefined;
    this.settle({ kind: 'empty' });
  }

  private async ask(number: string): Promise<void> {
    this.queued = undefined;
    const turn = ++this.turn;
    let state: PhoneState;
    try {
      const answer = await this.check(number);
      state = answer.valid
        ? { kind: 'number', e164: answer.e164, mobile: answer.mobile, formatted: answer.formatted }
        : { kind: 'not-a-number' };
    } catch {
      state = { kind: 'unchecked' };
    }
    if (turn !== this.turn) return;
    if (state.kind === 'unchecked') this.timer = setTimeout(() => void this.ask(number), RETRY_MS);
    else this.last = { number, state };
    this.settle(state);
    this.host.requestUpdate();
  }

  private settle(state: PhoneState): void {
    this.state = state;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
