// The code query language: a hand-written tokenizer and recursive-descent parser that turns
// `10a AND ("Leadership" OR 30a) NOT 100` into an AST, with errors that name the column.
import { AccordError } from '../errors';

/**
 * Query AST. `column` is the 1-based column of the operand or operator in the query text.
 *
 * Grammar (keywords in any letter case; left-associative; tightest first):
 * ```
 * query   := or
 * or      := and ('OR' and)*
 * and     := tight ('AND' tight)*
 * tight   := primary (('NOT' | 'WITHIN' | 'NEAR' '(' digits ')') primary)*
 * primary := code | '"' name '"' | '(' or ')'
 * ```
 * So `A OR B AND C NOT D` reads `A OR (B AND (C NOT D))`, and `A NOT B WITHIN C` reads
 * `(A NOT B) WITHIN C`. A bare code is any run of characters other than spaces, parentheses and
 * quotes (`10a`, `100`, `30a`); a code whose label is a keyword or holds a space must be quoted.
 * Inside quotes, `\"` is a quote and `\\` a backslash.
 */
export type QueryNode =
  | { kind: 'code'; name: string; quoted: boolean; column: number }
  | { kind: 'and' | 'or' | 'not' | 'within'; left: QueryNode; right: QueryNode; column: number }
  | { kind: 'near'; n: number; left: QueryNode; right: QueryNode; column: number };

type TokenKind = 'word' | 'string' | 'lparen' | 'rparen' | 'AND' | 'OR' | 'NOT' | 'WITHIN' | 'NEAR' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based column of the token's first character. */
  column: number;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'WITHIN', 'NEAR']);

function fail(message: string): never {
  throw new AccordError('INVALID_INPUT', message);
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', text: ch, column: i + 1 });
      i++;
    } else if (ch === '"') {
      const column = i + 1;
      let text = '';
      i++;
      for (;;) {
        if (i >= query.length) fail(`unterminated quoted name starting at column ${column}`);
        const c = query[i];
        if (c === '"') break;
        if (c === '\\' && (query[i + 1] === '"' || query[i + 1] === '\\')) {
          text += query[i + 1];
          i += 2;
        } else {
          text += c;
          i++;
        }
      }
      i++;
      if (text.trim() === '') fail(`empty quoted name at column ${column}`);
      tokens.push({ kind: 'string', text, column });
    } else {
      const column = i + 1;
      let j = i;
      while (j < query.length && !/[\s()"]/.test(query[j])) j++;
      const text = query.slice(i, j);
      const upper = text.toUpperCase();
      tokens.push({ kind: KEYWORDS.has(upper) ? (upper as TokenKind) : 'word', text, column });
      i = j;
    }
  }
  tokens.push({ kind: 'end', text: '', column: query.length + 1 });
  return tokens;
}

/** How a token reads in an error message. */
function describe(t: Token): string {
  if (t.kind === 'end') return 'the end of the query';
  if (t.kind === 'string') return `"${t.text}"`;
  return `'${t.text}'`;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    return this.tokens[this.pos++];
  }

  parseQuery(): QueryNode {
    if (this.peek().kind === 'end') fail('the query is empty');
    const node = this.parseOr('the start of the query');
    const t = this.peek();
    if (t.kind === 'rparen') fail(`unexpected ')' at column ${t.column}: there is no '(' to close`);
    if (t.kind !== 'end') fail(`unexpected ${describe(t)} at column ${t.column}: expected AND, OR, NOT, WITHIN, NEAR(n) or the end`);
    return node;
  }

  private parseOr(after: string): QueryNode {
    let left = this.parseAnd(after);
    while (this.peek().kind === 'OR') {
      const op = this.next();
      left = { kind: 'or', left, right: this.parseAnd(op.text.toUpperCase()), column: op.column };
    }
    return left;
  }

  private parseAnd(after: string): QueryNode {
    let left = this.parseTight(after);
    while (this.peek().kind === 'AND') {
      const op = this.next();
      left = { kind: 'and', left, right: this.parseTight(op.text.toUpperCase()), column: op.column };
    }
    return left;
  }

  private parseTight(after: string): QueryNode {
    let left = this.parsePrimary(after);
    for (;;) {
      const op = this.peek();
      if (op.kind === 'NOT' || op.kind === 'WITHIN') {
        this.next();
        const kind = op.kind === 'NOT' ? 'not' : 'within';
        left = { kind, left, right: this.parsePrimary(op.kind), column: op.column };
      } else if (op.kind === 'NEAR') {
        this.next();
        const n = this.parseNearDistance();
        left = { kind: 'near', n, left, right: this.parsePrimary(`NEAR(${n})`), column: op.column };
      } else {
        return left;
      }
    }
  }

  private parseNearDistance(): number {
    const open = this.next();
    if (open.kind !== 'lparen') fail(`expected '(' after NEAR at column ${open.column}, as in NEAR(50)`);
    const num = this.next();
    if (num.kind !== 'word' || !/^\d+$/.test(num.text)) {
      fail(`expected a whole number of characters after NEAR( at column ${num.column}, found ${describe(num)}`);
    }
    const close = this.next();
    if (close.kind !== 'rparen') fail(`expected ')' after NEAR(${num.text} at column ${close.column}`);
    return Number(num.text);
  }

  private parsePrimary(after: string): QueryNode {
    const t = this.next();
    if (t.kind === 'word' || t.kind === 'string') {
      return { kind: 'code', name: t.text, quoted: t.kind === 'string', column: t.column };
    }
    if (t.kind === 'lparen') {
      const inner = this.parseOr("'('");
      const close = this.next();
      if (close.kind !== 'rparen') {
        fail(`expected ')' at column ${close.column} to close the '(' at column ${t.column}, found ${describe(close)}`);
      }
      return inner;
    }
    const what = after === 'the start of the query' ? 'at the start of the query' : `after ${after}`;
    return fail(`expected a code ${what} at column ${t.column}, found ${describe(t)}`);
  }
}

/** Parse a query; throws AccordError('INVALID_INPUT') with a 1-based column on a syntax error. */
export function parseQuery(query: string): QueryNode {
  return new Parser(tokenize(query)).parseQuery();
}

/** Print an AST back as query text, parenthesising every compound operand so precedence is visible. */
export function formatQuery(node: QueryNode): string {
  if (node.kind === 'code') {
    const plain = /^[^\s()"]+$/.test(node.name) && !KEYWORDS.has(node.name.toUpperCase());
    return node.quoted || !plain ? `"${node.name.replace(/["\\]/g, (c) => '\\' + c)}"` : node.name;
  }
  const side = (n: QueryNode): string => (n.kind === 'code' ? formatQuery(n) : `(${formatQuery(n)})`);
  const op = node.kind === 'near' ? `NEAR(${node.n})` : node.kind.toUpperCase();
  return `${side(node.left)} ${op} ${side(node.right)}`;
}

/** Every code operand of the query, in reading order. */
export function queryOperands(node: QueryNode): Extract<QueryNode, { kind: 'code' }>[] {
  if (node.kind === 'code') return [node];
  return [...queryOperands(node.left), ...queryOperands(node.right)];
}
