import {
  getNullableType,
  Kind,
  print,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  type GraphQLSchema,
} from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@thidua/config';
import { getSchema } from '../schema';
import { LIST_BOUNDS } from './list-bounds';
import { checkLimits, measureQuery, parseLimited } from './limits';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema();
});

/** Every list field of the schema's output types, as `Type.field`, and whether it takes `first`. */
function listFields(s: GraphQLSchema) {
  const out: { name: string; paged: boolean }[] = [];
  for (const type of Object.values(s.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type))) continue;
      out.push({ name: `${type.name}.${field.name}`, paged: field.args.some((a) => a.name === 'first') });
    }
  }
  return out;
}

describe('every list has a bound', () => {
  it('a list field takes `first` or has its bound in LIST_BOUNDS (add one with its reason)', () => {
    const unbounded = listFields(schema)
      .filter((f) => !f.paged && LIST_BOUNDS[f.name] === undefined)
      .map((f) => f.name);
    expect(unbounded).toEqual([]);
  });

  it('LIST_BOUNDS names only list fields that exist and take no `first`', () => {
    const lists = new Map(listFields(schema).map((f) => [f.name, f.paged]));
    const stale = Object.keys(LIST_BOUNDS).filter((name) => lists.get(name) !== false);
    expect(stale).toEqual([]);
  });

  it('`first` has a default and a connection`s first documents its maximum', () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const first = field.args.find((a) => a.name === 'first');
        if (!first) continue;
        expect(first.defaultValue, `${type.name}.${field.name}`).toBeTypeOf('number');
        expect(first.description ?? '', `${type.name}.${field.name}`).toMatch(/1 to \d+/);
      }
    }
  });
});

describe('measureQuery', () => {
  it('counts depth through fragments and ignores introspection fields', () => {
    const doc = parse(
      `query { me { ...U __typename } } fragment U on User { provinces { predecessors { name } } }`,
    );
    expect(measureQuery(schema, doc).depth).toBe(4);
  });

  it('multiplies the children of a page by its size, from literals, variables and the default', () => {
    const doc = parse(`query($n: Int) { units(first: $n) { nodes { name province { name } } } }`);
    expect(measureQuery(schema, doc, null, { n: 50 }).complexity).toBe(1 + 50 * (1 + 1 + 1 + 1));
    expect(measureQuery(schema, parse(`{ units(first: 2) { totalCount } }`)).complexity).toBe(3);
    // No `first`: the default page of 20, not 1.
    expect(measureQuery(schema, parse(`{ units { nodes { id } } }`)).complexity).toBe(1 + 20 * 2);
  });

  it('counts a list without `first` by its bound: members of a block, a year`s score sheets', () => {
    const members = measureQuery(schema, parse(`{ block(id: "x") { members { id name } } }`));
    expect(members.complexity).toBe(1 + 1 + (LIST_BOUNDS['Block.members'] as number) * 2);
    const sheets = parse(
      `{ emulationYear(blockId: "b", year: 2025) { scoreSheets(first: 10) { id scores { code points } } } }`,
    );
    const scores = LIST_BOUNDS['ScoreSheet.scores'] as number;
    expect(measureQuery(schema, sheets).complexity).toBe(1 + 1 + 10 * (1 + 1 + scores * 2));
  });

  it('counts each item of a list of scalars, and lists inside lists multiply', () => {
    const doc = parse(`{ votingPeriods(emulationYearId: "y") { contests { candidateUnitIds } } }`);
    const periods = LIST_BOUNDS['Query.votingPeriods'] as number;
    const contests = LIST_BOUNDS['VotingPeriod.contests'] as number;
    const ids = LIST_BOUNDS['Contest.candidateUnitIds'] as number;
    expect(measureQuery(schema, doc).complexity).toBe(1 + periods * (1 + contests * (1 + ids)));
  });

  it('counts aliases, repeated inside lists', () => {
    const doc = parse(`{ a: me { id } b: me { id } units(first: 3) { nodes { x: id y: name } } }`);
    expect(measureQuery(schema, doc).aliases).toBe(2 + 3 * 2);
  });

  it('picks the named operation, and measures subscriptions and mutations against their root', () => {
    const doc = parse(`query A { me { id } } query B { provinces { nodes { id } } }`);
    expect(measureQuery(schema, doc, 'A')).toEqual({ depth: 2, complexity: 2, aliases: 0 });
    const sub = parse(`subscription { votingTurnout(votingPeriodId: "p") { cast eligible } }`);
    expect(measureQuery(schema, sub).complexity).toBe(3);
  });

  it('refuses a document over the token limit before building it', () => {
    expect(() => parseLimited(`{ me { ${'id '.repeat(100)} } }`, 50)).toThrow(/more than 50 tokens/);
    expect(parseLimited(`{ me { id } }`, 50).kind).toBe('Document');
  });
});

/** The GraphQL documents written in the web application's sources (gql.tada's `graphql(` … `)`). */
function webDocuments(): { file: string; source: string }[] {
  const root = join(__dirname, '../../../web/src');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'),
  );
  return files.flatMap((file) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/graphql\(\s*`([^`]*)`/g)].map((m) => ({
      file,
      source: m[1]!,
    })),
  );
}

describe("the web application's operations", () => {
  it('each is within the limits the gateway enforces by default (a page refused whole is a broken page)', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://thidua_app@127.0.0.1:5432/thidua',
      JWT_SECRET: 'x'.repeat(32),
      UNSUBSCRIBE_SECRET: 'u'.repeat(32),
      AUDIT_HMAC_KEY: 'a'.repeat(32),
    });
    const limits = {
      maxDepth: config.GRAPHQL_MAX_DEPTH,
      maxComplexity: config.GRAPHQL_MAX_COMPLEXITY,
      maxAliases: config.GRAPHQL_MAX_ALIASES,
      maxTokens: config.GRAPHQL_MAX_TOKENS,
    };
    const documents = webDocuments();
    // Fragments are passed to graphql() by reference: an operation is measured with those it spreads, nested too.
    const fragments = new Map(
      documents.flatMap((d) => {
        const name = /^\s*fragment (\w+)/.exec(d.source)?.[1];
        return name ? [[name, d.source] as const] : [];
      }),
    );
    const spread = (source: string, seen = new Set<string>()): string[] =>
      [...source.matchAll(/\.\.\.(\w+)/g)].flatMap(([, name]) => {
        const fragment = fragments.get(name!);
        if (!fragment || seen.has(name!)) return [];
        seen.add(name!);
        return [fragment, ...spread(fragment, seen)];
      });
    const operations = documents.filter((d) => /^\s*(query|mutation|subscription)\b/.test(d.source));
    expect(operations.length).toBeGreaterThan(100);
    const refused = operations
      .map(({ file, source }) => {
        const document = parseLimited([source, ...spread(source)].join('\n'), limits.maxTokens);
        // An Int variable (a page's `first` among them) at a connection's largest page: what the page may send.
        const variables = Object.fromEntries(
          document.definitions.flatMap((d) =>
            d.kind === Kind.OPERATION_DEFINITION
              ? (d.variableDefinitions ?? [])
                  .filter((v) => /^Int!?$/.test(print(v.type)))
                  .map((v) => [v.variable.name.value, 100])
              : [],
          ),
        );
        return { file, error: checkLimits(schema, limits, document, null, variables) };
      })
      .filter((o) => o.error)
      .map((o) => `${o.file}: ${o.error!.message}`);
    expect(refused).toEqual([]);
  });
});
