// The sentence under every intersection report: what it read, in words a reader can quote.
import { describe, expect, it } from 'vitest';
import type { Scope } from '../../shared/api/intersections';
import { scopeText } from '../../renderer/features/intersections/scope-note';

const scope = (over: Partial<Scope>): Scope => ({
  layer: 'coder Ana',
  layerKind: 'coder',
  coders: ['Ana'],
  layerReason: null,
  warning: null,
  documents: 3,
  documentsTotal: 15,
  codings: 16,
  filters: [],
  message: null,
  ...over,
});

describe('scopeText', () => {
  it('counts codings and documents, with the layer and why it is the default', () => {
    expect(scopeText(scope({ layerReason: 'there is no consensus layer yet' }))).toBe(
      '16 codings in 3 of 15 documents; coder Ana — the default, because there is no consensus layer yet.',
    );
  });

  it('groups the digits of large counts as the other reports do', () => {
    expect(scopeText(scope({ codings: 249431, documents: 2000, documentsTotal: 2000 }))).toBe('249,431 codings in 2,000 of 2,000 documents; coder Ana.');
  });

  it('says one coding and one document in the singular, and lists filters', () => {
    expect(scopeText(scope({ codings: 1, documents: 1, documentsTotal: 1, filters: ['Role = Clinician'] }))).toBe('1 coding in 1 of 1 document; coder Ana; Role = Clinician.');
  });

  it('gives the message instead when the result is empty', () => {
    expect(scopeText(scope({ message: 'there is no consensus layer yet' }))).toBe('there is no consensus layer yet');
  });
});
