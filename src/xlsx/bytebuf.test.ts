/**
 * The byte buffer of the patching writer: what it gathers is exactly the bytes and digits it is
 * given, however they are split.
 */
import fc from 'fast-check';
import { BlockPool, ByteSink } from './bytebuf';

describe('ByteSink', () => {
  test('uint writes a whole number as `${n}` does', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 2 ** 40 }), { maxLength: 20 }), (numbers) => {
      const out = new ByteSink(4);
      for (const n of numbers) out.uint(n);
      expect(new TextDecoder().decode(out.take())).toBe(numbers.join(''));
    }));
  });

  test('bytes appends the slice asked for, short (copied one by one) or long', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.uint8Array({ maxLength: 100 }), fc.nat(), fc.nat()), { maxLength: 10 }), (pieces) => {
      const out = new ByteSink(8);
      const expected: number[] = [];
      for (const [src, a, b] of pieces) {
        const start = src.length === 0 ? 0 : a % (src.length + 1), end = src.length === 0 ? 0 : b % (src.length + 1);
        out.bytes(src, start, end);
        expected.push(...src.slice(start, Math.max(start, end)));
      }
      expect([...out.take()]).toEqual(expected);
    }));
  });

  test('takeBlocks hands out whole blocks of the bytes in order and keeps the rest', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), fc.integer({ min: 1, max: 64 }), (pieces, size) => {
      const out = new ByteSink(8);
      const taken: number[] = [];
      for (const p of pieces) {
        out.bytes(p);
        for (const block of out.takeBlocks(size)) { expect(block.length).toBe(size); taken.push(...block); }
        expect(out.length).toBeLessThan(size);
      }
      taken.push(...out.take());
      expect(taken).toEqual(pieces.flatMap((p) => [...p]));
    }));
  });

  test('takeBlocks with a pool hands out the same bytes in blocks of the pool\'s, given back as they are read', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), fc.integer({ min: 1, max: 64 }), (pieces, size) => {
      const out = new ByteSink(8);
      const pool = new BlockPool(size, 2);
      const taken: number[] = [];
      for (const p of pieces) {
        out.bytes(p);
        for (const block of out.takeBlocks(size, pool)) { taken.push(...block); pool.give(block); }
      }
      taken.push(...out.take());
      expect(taken).toEqual(pieces.flatMap((p) => [...p]));
    }));
  });
});

describe('BlockPool', () => {
  test('a block given back is taken again; a block it did not make, or one over its keep, is not', () => {
    const pool = new BlockPool(4, 2);
    const [a, b, c] = [pool.take(), pool.take(), pool.take()];
    expect(new Set([a, b, c]).size).toBe(3);
    pool.give(new Uint8Array(4));
    pool.give(a); pool.give(a); pool.give(b); pool.give(c);
    // Two kept (a once, then b), c over the keep: the next takes are b, a, then a new block.
    expect(pool.take()).toBe(b);
    expect(pool.take()).toBe(a);
    const fresh = pool.take();
    expect([a, b, c]).not.toContain(fresh);
    expect(fresh.length).toBe(4);
  });
});
