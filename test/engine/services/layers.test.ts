// Which layer a report reads by default: the consensus layer only where it covers every coded
// document, else one coder (the current one when they have codings there, else the busiest).
import { describe, expect, it } from 'vitest';
import { chooseDefaultLayer, coverageOf, coverageSentence, type CodingsPerDocument, type LayerCoder } from '../../../electron/engine/services/layers';

const ANA = 1;
const BEN = 2;
const CONSENSUS = 3;
const coders: LayerCoder[] = [
  { id: ANA, name: 'Ana', isConsensus: false },
  { id: BEN, name: 'Ben', isConsensus: false },
  { id: CONSENSUS, name: 'Consensus', isConsensus: true },
];
/** document → [coder, codings] pairs */
const per = (entries: Record<number, [number, number][]>): CodingsPerDocument => new Map(Object.entries(entries).map(([d, list]) => [Number(d), new Map(list)]));

describe('chooseDefaultLayer', () => {
  it('reads the consensus layer where it covers every coded document (codings or decisions)', () => {
    // D1 and D2 coded by Ana and Ben; the consensus has codings in D1 and only a decision in D2.
    const perDoc = per({ 1: [[ANA, 3], [BEN, 2], [CONSENSUS, 2]], 2: [[ANA, 1], [BEN, 1]] });
    const d = chooseDefaultLayer(coders, perDoc, new Set([2]), ANA);
    expect(d).toMatchObject({ coderId: CONSENSUS, kind: 'consensus', reason: 'the consensus layer covers all 2 coded documents' });
  });

  it('falls back to the current coder where the consensus covers only some coded documents', () => {
    const perDoc = per({ 1: [[ANA, 3], [BEN, 2], [CONSENSUS, 2]], 2: [[ANA, 1], [BEN, 1]], 3: [[BEN, 4]] });
    const d = chooseDefaultLayer(coders, perDoc, new Set(), BEN);
    expect(d).toMatchObject({ coderId: BEN, kind: 'coder' });
    expect(d.reason).toBe("the consensus layer covers only 1 of 3 coded documents, so the current coder's codings are read");
    expect(d.coverage).toMatchObject({ coded: 3, covered: 1, coveredIds: [1] });
  });

  it('without a current coder (or one with no codings here), reads the coder with most codings', () => {
    const perDoc = per({ 1: [[ANA, 3], [BEN, 5]] });
    expect(chooseDefaultLayer(coders, perDoc, new Set(), null)).toMatchObject({ coderId: BEN, kind: 'coder' });
    // Ties go to the first coder.
    expect(chooseDefaultLayer(coders, per({ 1: [[ANA, 2], [BEN, 2]] }), new Set(), null).coderId).toBe(ANA);
    const d = chooseDefaultLayer(coders, per({ 1: [[BEN, 2]] }), new Set(), ANA);
    expect(d.coderId).toBe(BEN);
    expect(d.reason).toBe('the consensus layer covers none of the 1 coded document and the current coder (Ana) has no codings here, so the coder with most codings here is read');
  });

  it('says when there is nothing to read', () => {
    expect(chooseDefaultLayer(coders, per({}), new Set(), null)).toMatchObject({ coderId: null, kind: 'none' });
    expect(coverageSentence(coverageOf(coders.slice(0, 2), per({ 1: [[ANA, 1]] }), new Set()))).toBe('there is no consensus layer yet');
  });
});
