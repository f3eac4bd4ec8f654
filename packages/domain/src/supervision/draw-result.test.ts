import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawResultText, parseDrawResult } from './draw-result.ts';

describe('draw result file (SUP-05, SUP-08)', () => {
  const cases = [
    { name: 'nothing drawn', record: { seed: 's', inputsHash: 'h', drawn: [] } },
    {
      name: 'units in the order drawn, campaign stratum',
      record: {
        seed: 'ab12',
        inputsHash: 'cd34',
        drawn: [
          { usci: '92211000ZZZZZZZZZZ', stratum: 'high|D|key|campaign', inspectors: ['u-2', 'u-1'] as [string, string] },
          { usci: '92211000AAAAAAAAAA', stratum: 'low|A|general', inspectors: ['u-1', 'u-3'] as [string, string] },
        ],
      },
    },
  ];
  for (const c of cases)
    it(`SUP-05 reads back what it wrote: ${c.name}`, () => {
      assert.deepEqual(parseDrawResult(drawResultText(c.record)), c.record);
    });

  const refused: [string, string][] = [
    ['another file', 'FEP-DRAW-INPUT v1\n'],
    ['no seed', 'FEP-DRAW-RESULT v1\ninputs\th\n'],
    ['a short drawn line', 'FEP-DRAW-RESULT v1\nseed\ts\ninputs\th\ndrawn\tX\tlow|A|general\tu-1\n'],
    ['an unknown record', 'FEP-DRAW-RESULT v1\nseed\ts\ninputs\th\nother\tx\n'],
  ];
  for (const [name, text] of refused)
    it(`SUP-05 refuses ${name}`, () => {
      assert.throws(() => parseDrawResult(text));
    });
});
