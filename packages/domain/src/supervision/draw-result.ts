/**
 * The result of a draw as a file (SUP-05, SUP-08): the seed, the inputs hash and every drawn unit with its stratum
 * and two inspectors, in the order drawn. Kept with the plan when it is drawn; the inspection tasks are written from
 * it, and the replay compares what anyone re-runs from the published inputs with it.
 */
import type { DrawnUnit, DrawResult } from './draw.ts';

export const DRAW_RESULT_HEADER = 'FEP-DRAW-RESULT v1';

export type DrawRecord = Pick<DrawResult, 'seed' | 'inputsHash' | 'drawn'>;

/** `drawn usci stratum inspector inspector`, tab-separated, one line per drawn unit after the seed and inputs lines. */
export function drawResultText(r: DrawRecord): string {
  const parts = [`${DRAW_RESULT_HEADER}\nseed\t${r.seed}\ninputs\t${r.inputsHash}\n`];
  for (const d of r.drawn) parts.push(`drawn\t${d.usci}\t${d.stratum}\t${d.inspectors[0]}\t${d.inspectors[1]}\n`);
  return parts.join('');
}

export function parseDrawResult(text: string): DrawRecord {
  const lines = text.split('\n');
  if (lines[0] !== DRAW_RESULT_HEADER) throw new Error('not a draw result file');
  let seed = '';
  let inputsHash = '';
  const drawn: DrawnUnit[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const f = line.split('\t');
    if (f[0] === 'drawn' && f.length === 5) drawn.push({ usci: f[1]!, stratum: f[2]!, inspectors: [f[3]!, f[4]!] });
    else if (f[0] === 'seed' && f.length === 2) seed = f[1]!;
    else if (f[0] === 'inputs' && f.length === 2) inputsHash = f[1]!;
    else throw new Error(`draw result line ${i + 1}: unknown record ${f[0]}`);
  }
  if (!seed || !inputsHash) throw new Error('draw result without seed or inputs hash');
  return { seed, inputsHash, drawn };
}
