import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Signed } from '../../src/book/crc32.js';

describe('crc32', () => {
  it('gives the catalogue check value for "123456789"', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });

  it('hashes the empty input to 0 and strings as UTF-8 bytes', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('é')).toBe(crc32(new Uint8Array([0xc3, 0xa9])));
  });

  it('matches known vectors (zlib.crc32)', () => {
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
    expect(crc32('a')).toBe(0xe8b7be43);
  });

  it('agrees with zlib.crc32 on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => crc32(bytes) === zlib.crc32(bytes)));
  });

  it('has a signed form that only reinterprets the bits', () => {
    expect(crc32Signed('123456789')).toBe(0xcbf43926 | 0);
    expect(crc32Signed('123456789')).toBeLessThan(0);
    expect(crc32Signed('123456789') >>> 0).toBe(crc32('123456789'));
  });
});
