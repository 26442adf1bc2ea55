// The board's chime: a soft two-tone "ding-dong" (a major third down), each tone a sine with a quiet
// octave above it so it sounds like a bell and not a beep, fading out without a click.
const TONES = [
  { frequency: 659.25, at: 0, length: 0.9 }, // E5
  { frequency: 523.25, at: 0.45, length: 1.3 }, // C5
];
const LOUDNESS = 0.35;

/** Plays the chime into `output`; resolves when it has faded out. */
export function playChime(context: BaseAudioContext, output: AudioNode): Promise<void> {
  const start = context.currentTime + 0.05;
  const endings = TONES.map(({ frequency, at, length }) => {
    const envelope = context.createGain();
    envelope.gain.setValueAtTime(0.0001, start + at);
    envelope.gain.exponentialRampToValueAtTime(LOUDNESS, start + at + 0.02);
    envelope.gain.exponentialRampToValueAtTime(0.0001, start + at + length);
    envelope.connect(output);
    const partials = [
      { ratio: 1, gain: 1 },
      { ratio: 2, gain: 0.25 },
    ].map(({ ratio, gain }) => {
      const oscillator = context.createOscillator();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency * ratio;
      const level = context.createGain();
      level.gain.value = gain;
      oscillator.connect(level).connect(envelope);
      oscillator.start(start + at);
      oscillator.stop(start + at + length + 0.05);
      return new Promise<void>((resolve) => {
        oscillator.onended = () => {
          level.disconnect();
          resolve();
        };
      });
    });
    return Promise.all(partials).then(() => envelope.disconnect());
  });
  return Promise.all(endings).then(() => undefined);
}
