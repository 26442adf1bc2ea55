// Why speech could not be had, told apart so the caller can choose: a board without a speech engine
// shows the call as text only (unavailable), a bad request is the caller's (unsupported_language, bad_text).

export type SpeechErrorCode = 'unavailable' | 'unsupported_language' | 'bad_text' | 'synthesis_failed';

export class SpeechError extends Error {
  constructor(
    readonly code: SpeechErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SpeechError';
  }
}
