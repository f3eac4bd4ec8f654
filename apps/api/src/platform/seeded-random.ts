/**
 * A small deterministic generator (mulberry32): the same seed gives the same sequence on every machine, so
 * demo data is the same on every install and a generated test or benchmark case can be replayed from its
 * seed. Not for anything secret (keys, codes and tokens come from node:crypto).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
