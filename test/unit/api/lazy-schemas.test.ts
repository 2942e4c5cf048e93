// The contract's input schemas are built on first use: a command that calls two channels builds two
// schemas, not the hundred-odd of the whole contract (about 20 ms of every CLI start-up).
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { joinSchemas, lazySchemas, once } from '../../../shared/api/lazy-schemas';
import { methods, METHOD_NAMES, isMethod } from '../../../shared/api/contract';

describe('lazy schemas', () => {
  it('lists channel names without building any schema, builds each once when read', () => {
    const built: string[] = [];
    const a = lazySchemas({
      'a:one': () => (built.push('one'), z.object({ n: z.number() })),
      'a:two': () => (built.push('two'), z.object({ s: z.string() })),
    });
    const b = lazySchemas({ 'b:three': () => (built.push('three'), z.object({})) });
    const all = joinSchemas(a, b);
    expect(Object.keys(all)).toEqual(['a:one', 'a:two', 'b:three']);
    expect(Object.prototype.hasOwnProperty.call(all, 'a:two')).toBe(true);
    expect(built).toEqual([]);
    const first = all['a:one'];
    expect(all['a:one']).toBe(first);
    expect(a['a:one']).toBe(first);
    expect(first.parse({ n: 1 })).toEqual({ n: 1 });
    expect(built).toEqual(['one']);
    expect(() => all['a:two'].parse({ s: 2 })).toThrow();
    expect(built).toEqual(['one', 'two']);
  });

  it('once makes a shared value on first use and keeps it', () => {
    let made = 0;
    const shared = once(() => (made++, z.string().min(1)));
    expect(made).toBe(0);
    expect(shared()).toBe(shared());
    expect(made).toBe(1);
  });

  it('the contract keeps every channel, each schema validating as declared', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(100);
    expect(isMethod('project:open')).toBe(true);
    expect(isMethod('project:nothing')).toBe(false);
    expect(methods['project:open'].parse({ path: 'a.accord', readOnly: true })).toEqual({ path: 'a.accord', readOnly: true });
    expect(methods['project:open'].safeParse({ path: '' }).success).toBe(false);
    expect(methods['agreement:report'].parse({})).toMatchObject({ unit: 'character', scope: 'design' });
    for (const m of METHOD_NAMES) expect(typeof methods[m].safeParse).toBe('function');
  });
});
