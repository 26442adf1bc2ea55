import { describe, expect, it } from 'vitest';
import { boardAddress } from './board-address.ts';

describe('boardAddress', () => {
  it('reads the sede from the path and the key from the query', () => {
    expect(boardAddress({ pathname: '/board/rovigo', search: '?key=abc.def' })).toEqual({
      sede: 'rovigo',
      key: 'abc.def',
    });
  });

  it('has no key when the URL lost it', () => {
    expect(boardAddress({ pathname: '/board/rovigo', search: '' })).toEqual({
      sede: 'rovigo',
      key: undefined,
    });
    expect(boardAddress({ pathname: '/board/', search: '?key=' })).toEqual({
      sede: undefined,
      key: undefined,
    });
  });
});
