// Speech synthesised offline with espeak-ng, for the server's display boards and the station's kiosk.
export {
  createEspeakSynthesizer,
  defaultVoices,
  maxTextLength,
  type EspeakOptions,
  type SpeechSynthesizer,
} from './espeak-synthesizer.ts';
export { SpeechError, type SpeechErrorCode } from './speech-error.ts';
export { durationSeconds, parseWav, WavFormatError, withTrueSizes, type WavFormat } from './wav-header.ts';
export { wavLevels, type WavLevels } from './wav-levels.ts';
