// Parser of the code query language: precedence, parentheses, quoting and errors with columns.
import { describe, it, expect } from 'vitest';
import { formatQuery, parseQuery, queryOperands } from '../../../shared/query/parse';
import { AccordError } from '../../../shared/errors';

/** Parse and print with every compound operand parenthesised, so the tree shape is visible. */
const shape = (q: string) => formatQuery(parseQuery(q));

function errorOf(q: string): AccordError {
  try {
    parseQuery(q);
  } catch (e) {
    if (e instanceof AccordError) return e;
    throw e;
  }
  throw new Error(`expected ${q} to fail`);
}

describe('parseQuery', () => {
  it('parses a single code, bare or quoted', () => {
    expect(parseQuery('10a')).toEqual({ kind: 'code', name: '10a', quoted: false, column: 1 });
    expect(parseQuery('  "Leadership"')).toEqual({ kind: 'code', name: 'Leadership', quoted: true, column: 3 });
  });

  it('binds AND tighter than OR', () => {
    expect(shape('10a OR 100 AND 30a')).toBe('10a OR (100 AND 30a)');
    expect(shape('10a AND 100 OR 30a')).toBe('(10a AND 100) OR 30a');
  });

  it('binds NOT, WITHIN and NEAR tighter than AND, left to right among themselves', () => {
    expect(shape('A AND B NOT C')).toBe('A AND (B NOT C)');
    expect(shape('A NOT B AND C')).toBe('(A NOT B) AND C');
    expect(shape('A WITHIN B OR C')).toBe('(A WITHIN B) OR C');
    expect(shape('A NEAR(20) B AND C')).toBe('(A NEAR(20) B) AND C');
    expect(shape('A NOT B WITHIN C')).toBe('(A NOT B) WITHIN C');
    expect(shape('A OR B OR C')).toBe('(A OR B) OR C');
  });

  it('honours parentheses', () => {
    expect(shape('(10a OR 100) AND 30a')).toBe('(10a OR 100) AND 30a');
    expect(shape('A NOT (B OR C)')).toBe('A NOT (B OR C)');
    expect(shape('((A))')).toBe('A');
  });

  it('records columns and the NEAR distance', () => {
    const ast = parseQuery('10a NEAR(50) "Team work"');
    expect(ast).toEqual({
      kind: 'near',
      n: 50,
      column: 5,
      left: { kind: 'code', name: '10a', quoted: false, column: 1 },
      right: { kind: 'code', name: 'Team work', quoted: true, column: 14 },
    });
    expect(shape('A near (3) b')).toBe('A NEAR(3) b');
  });

  it('accepts keywords in any case and quoted keywords as names', () => {
    expect(shape('a and b Or c')).toBe('(a AND b) OR c');
    expect(queryOperands(parseQuery('"AND" OR "say \\"hi\\""')).map((o) => o.name)).toEqual(['AND', 'say "hi"']);
    expect(shape('"AND" OR "Team work"')).toBe('"AND" OR "Team work"');
  });

  it('reports errors with the column', () => {
    // "100 AND" has 7 characters; the missing code would start at column 8.
    expect(errorOf('100 AND').message).toBe('expected a code after AND at column 8, found the end of the query');
    expect(errorOf('10a AND OR 30a').message).toBe("expected a code after AND at column 9, found 'OR'");
    expect(errorOf('').message).toBe('the query is empty');
    expect(errorOf('10a 30a').message).toMatch(/^unexpected '30a' at column 5/);
    expect(errorOf('(10a OR 30a').message).toBe("expected ')' at column 12 to close the '(' at column 1, found the end of the query");
    expect(errorOf('10a)').message).toMatch(/^unexpected '\)' at column 4/);
    expect(errorOf('A NEAR B').message).toMatch(/^expected '\(' after NEAR at column 8/);
    expect(errorOf('A NEAR(x) B').message).toMatch(/^expected a whole number of characters after NEAR\( at column 8/);
    expect(errorOf('A NEAR(5 B').message).toBe("expected ')' after NEAR(5 at column 10");
    expect(errorOf('A NOT').message).toBe('expected a code after NOT at column 6, found the end of the query');
    expect(errorOf('A NEAR(5)').message).toBe('expected a code after NEAR(5) at column 10, found the end of the query');
    expect(errorOf('( )').message).toBe("expected a code after '(' at column 3, found ')'");
    expect(errorOf('AND B').message).toBe("expected a code at the start of the query at column 1, found 'AND'");
    expect(errorOf('A OR "Lead').message).toBe('unterminated quoted name starting at column 6');
    expect(errorOf('A OR ""').message).toBe('empty quoted name at column 6');
    expect(errorOf('A AND').code).toBe('INVALID_INPUT');
  });
});
