// The card reader as the agent sees it: a small Promise interface with its contract in comments, implemented
// over PC/SC (pcsc-card-reader.ts) and by the simulator (simulated-card-reader.ts), which share card-reader-core.ts.
import type { CardData, ReaderState } from '@sportello/protocol';
import type { CardChannel } from './card-channel.ts';
import type { CardSignature } from './card-signature.ts';
import { tryEachKind } from './card-kind.ts';
import { readCieNis } from './cie-nis.ts';
import { readCnsPersonalData } from './cns-personal-data.ts';

export type { CardSignature } from './card-signature.ts';

/**
 * Emitted in the order things happen. A reader unplugged with a card in gives 'card-removed', then
 * 'reader' 'absent'; replugged with a card in, 'reader' 'ok', then 'card-inserted'.
 */
export type CardReaderEvent =
  { type: 'reader'; state: ReaderState } | { type: 'card-inserted'; atr: Buffer } | { type: 'card-removed' };

export interface CardOperationOptions {
  /** Aborting rejects the operation at once with CardCancelledError; an APDU already sent completes on the card. */
  signal?: AbortSignal;
}

export interface CardReader {
  /**
   * 'ok': a reader is attached; 'absent': none is; 'no-driver': no PC/SC binding or no pcscd, the agent runs
   * on and no card can be read; 'error': the driver failed and is being retried.
   */
  readonly state: ReaderState;
  /** A card sits in the reader; it may still turn out mute or unsupported. */
  readonly cardPresent: boolean;
  /** Starts watching. Resolves once the state is known; never rejects nor hangs because a driver is missing. */
  open(): Promise<void>;
  /** Stops watching and releases the driver; an operation in progress rejects with CardCancelledError. Idempotent. */
  close(): Promise<void>;
  /** Calls `listener` synchronously for each change; returns the function that unsubscribes it. */
  subscribe(listener: (event: CardReaderEvent) => void): () => void;
  /**
   * Reads without PIN the personal data of a CNS / Tessera Sanitaria, or the NIS of a CIE. One operation at a
   * time. An expired card is read all the same: `expiry` says so and the caller decides.
   * Rejects with a CardError (card-errors.ts): NoCardDriverError, NoReaderError, NoCardError before starting;
   * CardBusyError while another operation runs; UnsupportedCardError; CardBadResponseError ('unreadable':
   * damaged or hostile data, unexpected status); CardMuteError; CardRemovedError when the card or the reader
   * goes during the read; CardCancelledError on abort or close.
   */
  readCard(options?: CardOperationOptions): Promise<CardData>;
  /**
   * Strong authentication: the card verifies `pin`, then signs `challenge` (the server's) with its
   * authentication key. Rejects as readCard does, and with InvalidPinError (a PIN that cannot be one, before
   * the card sees it), WrongPinError (with the tries left), PinBlockedError, NotSupportedHereError.
   */
  signChallenge(pin: string, challenge: Buffer, options?: CardOperationOptions): Promise<CardSignature>;
}

/** The read without PIN, whichever kind the card turns out to be. */
export function readCardData(channel: CardChannel, atr: Uint8Array): Promise<CardData> {
  return tryEachKind<CardData>(atr, (kind) =>
    kind === 'cns' ? readCnsPersonalData(channel) : readCieNis(channel),
  );
}
