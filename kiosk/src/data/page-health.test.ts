import { describe, expect, it } from 'vitest';
import { safeErrorText } from './page-health.ts';

describe('the page’s error reports', () => {
  it('keep the kind of error and mask codes and numbers that could be a citizen’s', () => {
    expect(safeErrorText(new TypeError('RSSMRA80A01H501U is not valid'))).toBe('TypeError: … is not valid');
    expect(safeErrorText('call +393471234567 failed\nat x.js:1')).toBe('call +… failed');
    expect(safeErrorText(new Error('x'.repeat(500)))).toHaveLength(200);
    expect(safeErrorText({})).toBe('unknown error');
  });
});
