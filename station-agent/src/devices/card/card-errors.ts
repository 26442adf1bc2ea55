// The typed failures of the card layer. Codes shared with the kiosk (protocol's CardErrorCode) go out as
// card-error events as they are; the others (cancelled, busy, PIN outcomes, …) are answers to one caller.
import type { cardErrorCodes } from '@sportello/protocol';

export type CardFailureCode =
  | (typeof cardErrorCodes)[number]
  | 'cancelled'
  | 'busy'
  | 'no-reader'
  | 'no-card'
  | 'wrong-pin'
  | 'pin-blocked'
  | 'invalid-pin'
  | 'not-supported-here';

export abstract class CardError extends Error {
  abstract readonly code: CardFailureCode;
}

/** The caller aborted, or the reader was closed, while the operation ran. */
export class CardCancelledError extends CardError {
  override name = 'CardCancelledError';
  readonly code = 'cancelled';
  constructor(message = 'card operation cancelled') {
    super(message);
  }
}

/** Disconnected: the card (or the whole reader) went away while we talked to it. */
export class CardRemovedError extends CardError {
  override name = 'CardRemovedError';
  readonly code = 'removed-during-read';
  constructor(message = 'the card was removed during the operation') {
    super(message);
  }
}

/** Another operation holds the card, or another program holds it exclusively. */
export class CardBusyError extends CardError {
  override name = 'CardBusyError';
  readonly code = 'busy';
  constructor(message = 'the card reader is busy with another operation') {
    super(message);
  }
}

/** Bad response: the card answered something we cannot use (malformed bytes, an unexpected status, hostile data). */
export class CardBadResponseError extends CardError {
  override name = 'CardBadResponseError';
  readonly code = 'unreadable';
}

function formatSw(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** A step needed 9000 and the card answered another status word. */
export class CardStatusError extends CardBadResponseError {
  override name = 'CardStatusError';
  constructor(
    readonly step: string,
    readonly sw: number,
  ) {
    super(`${step}: the card answered ${formatSw(sw)}`);
  }
}

/** The card answers, but neither as a CNS / Tessera Sanitaria nor as a CIE. */
export class UnsupportedCardError extends CardError {
  override name = 'UnsupportedCardError';
  readonly code = 'unsupported-card';
  constructor(message = 'this card is neither a CNS / Tessera Sanitaria nor a CIE') {
    super(message);
  }
}

/** The card does not answer (no answer in time, or the driver reports it unresponsive). */
export class CardMuteError extends CardError {
  override name = 'CardMuteError';
  readonly code = 'mute';
  constructor(message = 'the card does not answer') {
    super(message);
  }
}

/** No PC/SC binding or no pcscd: the station runs without a card driver. */
export class NoCardDriverError extends CardError {
  override name = 'NoCardDriverError';
  readonly code = 'no-driver';
}

export class NoReaderError extends CardError {
  override name = 'NoReaderError';
  readonly code = 'no-reader';
  constructor(message = 'no card reader is connected') {
    super(message);
  }
}

export class NoCardError extends CardError {
  override name = 'NoCardError';
  readonly code = 'no-card';
  constructor(message = 'no card in the reader') {
    super(message);
  }
}

/** The card refused the PIN; the kiosk shows the tries left. */
export class WrongPinError extends CardError {
  override name = 'WrongPinError';
  readonly code = 'wrong-pin';
  constructor(readonly triesLeft: number) {
    super(`wrong PIN: ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left`);
  }
}

/** Too many wrong PINs: only the PUK (at the issuer's office or with the PUK letter) unblocks it. */
export class PinBlockedError extends CardError {
  override name = 'PinBlockedError';
  readonly code = 'pin-blocked';
  constructor(message = 'the PIN is blocked') {
    super(message);
  }
}

/** Refused before reaching the card, so that a typo in the format does not cost a try. */
export class InvalidPinError extends CardError {
  override name = 'InvalidPinError';
  readonly code = 'invalid-pin';
}

/** The operation exists in the interface but this implementation cannot do it (see its comment). */
export class NotSupportedHereError extends CardError {
  override name = 'NotSupportedHereError';
  readonly code = 'not-supported-here';
}
