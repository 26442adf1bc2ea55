import { describe, expect, it } from 'vitest';
import { pcmWav, sineSamples } from './testing/pcm-wav.ts';
import { durationSeconds, parseWav, WavFormatError, withTrueSizes } from './wav-header.ts';

describe('WAV header', () => {
  it('reads the format and where the samples are', () => {
    const wav = pcmWav(sineSamples(0.5, 0.5), { sampleRate: 22050 });
    expect(parseWav(wav)).toEqual({
      audioFormat: 1,
      channels: 1,
      sampleRate: 22050,
      bitsPerSample: 16,
      dataOffset: 44,
      dataLength: 22050,
      declaredDataLength: 22050,
    });
    expect(durationSeconds(parseWav(wav))).toBeCloseTo(0.5, 5);
  });

  it('walks past chunks it does not need, padded to even length', () => {
    const list = Buffer.concat([
      Buffer.from('LIST', 'latin1'),
      Buffer.from([3, 0, 0, 0]),
      Buffer.from('abc\0'),
    ]);
    const wav = pcmWav([0.1, -0.1], { extraChunk: list });
    expect(parseWav(wav)).toMatchObject({ dataOffset: 56, dataLength: 4 });
  });

  it("sets a streamed file's placeholder sizes to the bytes really there, cut to whole samples", () => {
    const streamed = Buffer.concat([
      pcmWav(sineSamples(0.2, 0.3), { declaredDataLength: 0x7ffff000 }),
      Buffer.from([7]),
    ]);
    expect(parseWav(streamed)).toMatchObject({ dataLength: 8821, declaredDataLength: 0x7ffff000 });

    const fixed = withTrueSizes(streamed);
    expect(fixed.length).toBe(44 + 8820);
    expect(fixed.readUInt32LE(4)).toBe(fixed.length - 8);
    expect(parseWav(fixed)).toMatchObject({ dataLength: 8820, declaredDataLength: 8820 });
    expect(fixed.subarray(44).equals(streamed.subarray(44, 44 + 8820))).toBe(true);
  });

  it('refuses what is not a PCM WAV', () => {
    expect(() => parseWav(Buffer.alloc(0))).toThrow(WavFormatError);
    expect(() => parseWav(Buffer.from('RIFF\0\0\0\0AVI LIST', 'latin1'))).toThrow('not a WAVE file');
    const noData = pcmWav([0.5]).subarray(0, 36);
    expect(() => parseWav(noData)).toThrow('no data chunk');
    const dataFirst = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEdata\0\0\0\0', 'latin1')]);
    expect(() => parseWav(dataFirst)).toThrow('data chunk before the fmt chunk');
  });
});
