import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureQuery } from './limits';

describe('measureQuery', () => {
  it('counts depth through fragments and ignores introspection fields', () => {
    const doc = parse(
      `query { me { ...U __typename } } fragment U on User { provinces { predecessors { name } } }`,
    );
    expect(measureQuery(doc).depth).toBe(4);
  });

  it('multiplies the children of a page by its size, from literals and variables', () => {
    const doc = parse(`query($n: Int) { units(first: $n) { nodes { name province { name } } } }`);
    expect(measureQuery(doc, null, { n: 50 }).complexity).toBe(1 + 50 * (1 + 1 + 1 + 1));
    expect(measureQuery(parse(`{ units(first: 2) { totalCount } }`)).complexity).toBe(3);
  });

  it('picks the named operation', () => {
    const doc = parse(`query A { me { id } } query B { provinces { nodes { id } } }`);
    expect(measureQuery(doc, 'A')).toEqual({ depth: 2, complexity: 2 });
  });
});
