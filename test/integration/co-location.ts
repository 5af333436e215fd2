import { fingerprintSync, loadModule, parsePlPgSQLSync, parseSync } from 'libpg-query';

/**
 * Which joins of a statement Citus could run only across shards, found on PostgreSQL's own parse tree
 * (libpg-query: the server's parser compiled to WebAssembly). docs/scaling.md, "Query paths", states the rule:
 *
 * Tenant tables (row-level security forced) are distributed by `province_id` and co-located. Tenant tables that
 * a statement combines must be tied to one another through `province_id`: an equality between their
 * `province_id` columns (`JOIN … ON`, `USING (province_id, …)`, a `WHERE` conjunct, a correlated subquery's
 * conditions, an `IN`/`= ANY` semi-join, a derived table's or CTE's output column, `INSERT … SELECT`'s inserted
 * column), directly or through others, or all of them equal to the same bound parameter or literal. Then Citus
 * runs the statement on the province's shard (router), or shard by shard when it cannot prune (a co-located
 * join); either way no row meets a row of another shard.
 *
 * Row-level security's filter does not count: whether Citus sees two tables' policies as one province depends
 * on the policy's form (today each is its own sub-select, so nothing ties them) and on how its planner treats
 * security quals, which only `EXPLAIN` on the Citus copy can tell; when it cannot prune, a join without a
 * `province_id` equality is a join between shards, which Citus refuses (or repartitions). The statement's
 * own SQL can carry the tie, at the cost of one equality that changes no result, so it must.
 *
 * Combined means: in one query level's `FROM` (joins, derived tables, CTEs referenced there, `LATERAL`),
 * `UPDATE … FROM`, `DELETE … USING`, `INSERT … SELECT`, subqueries correlated to that level, and the steps of a
 * recursive CTE (each joins the rows of the step before); a `UNION`'s branches only with what its result joins. An
 * uncorrelated subquery (`x IN (SELECT …)`, a scalar sub-select, an unreferenced data-modifying CTE) and each
 * branch of a top-level `UNION` are checked on their own: Citus plans them separately and joins nothing.
 * Deliberately stricter than Citus for derived tables and CTEs in `FROM`, which it could also plan separately:
 * that would read every shard for one province's request. Only conjuncts count (an equality under `OR` ties
 * nothing). A function called by a statement (`cast_ballot(…)`) is checked on its own, from its definition
 * (`functionQueries`): a name no relation of the statement has is one of its variables.
 */

/** The live schema: every table's columns in order, and which tables are tenant tables. */
export interface Catalog {
  columns: ReadonlyMap<string, readonly string[]>;
  tenant: ReadonlySet<string>;
}

export interface Analysis {
  /** The tenant tables the statement reads or writes. */
  tenantTables: string[];
  /** Combinations of two or more tenant tables that were checked. */
  joins: number;
  /** Each combination that is not tied by province: its tables, grouped by the province each is tied to. */
  untied: string[][][];
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The payload of a parse-tree node of the given type (`{ ColumnRef: {...} }` → `{...}`). */
const nodeOf = (v: unknown, type: string): Obj | undefined => asObj(asObj(v)?.[type]);
const sval = (v: unknown): string | undefined => nodeOf(v, 'String')?.sval as string | undefined;
const names = (v: unknown): string[] => items(v).map((x) => sval(x) ?? '*');

interface Relation {
  alias: string;
  id: string;
  /** Column name → union-find key; null when the columns are unknown (a catalog table, a function). */
  columns: [string, string][] | null;
}
interface Member {
  label: string;
  key: string;
}
interface Level {
  parent: Level | null;
  relations: Relation[];
  members: Member[];
  /** The tenant tables of each branch of a UNION read here: combined with `members` if any, else each alone. */
  branches: Member[][];
  correlated: boolean;
}
interface Cte {
  name: string;
  query: unknown;
  colnames: string[];
  used: boolean;
  /** Being analysed: a reference now is the CTE's recursion. */
  busy: boolean;
  recursive: boolean;
}
type Output = [name: string, key: string];

/** Loads the parser (WebAssembly); once, before `analyse`. */
export const loadParser = (): Promise<void> => loadModule();

/** Analyses one SQL string (one or more statements). Statements that do not parse throw. */
export function analyse(sql: string, catalog: Catalog): Analysis {
  const s = new Statement(catalog);
  for (const raw of items(parseSync(sql).stmts)) s.top(asObj(raw)?.stmt, []);
  return s.result();
}

/**
 * The SQL a PL/pgSQL function runs, from its `CREATE FUNCTION` text: each statement, and each expression as the
 * `SELECT` PL/pgSQL evaluates it as.
 */
export function functionQueries(definition: string): string[] {
  const queries: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (asObj(v)) {
      for (const [type, body] of Object.entries(asObj(v)!)) {
        const query = type === 'PLpgSQL_expr' ? (asObj(body)?.query as string | undefined) : undefined;
        // An assignment (`NEW.valid_to := ended`) evaluates its right-hand side.
        const expression = query?.replace(/^\s*[\w.]+\s*:=/, '');
        if (expression !== undefined) {
          const statement = /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i.test(expression);
          queries.push(statement ? expression : `SELECT ${expression}`);
        }
        walk(body);
      }
    }
  };
  walk(parsePlPgSQLSync(definition));
  return queries;
}

/** Statements that differ only in their constants are one statement. */
export const statementKey = (sql: string): string => fingerprintSync(sql);

class Statement {
  private readonly parents = new Map<string, string>();
  private readonly groups: Member[][] = [];
  private readonly tenantTables = new Set<string>();
  private counter = 0;

  constructor(private readonly catalog: Catalog) {}

  result(): Analysis {
    const combined = this.groups.filter((g) => g.length > 1);
    const untied = combined.flatMap((group) => {
      const byProvince = new Map<string, string[]>();
      for (const m of group) {
        const root = this.find(m.key);
        byProvince.set(root, [...(byProvince.get(root) ?? []), m.label]);
      }
      return byProvince.size > 1 ? [[...byProvince.values()]] : [];
    });
    return { tenantTables: [...this.tenantTables], joins: combined.length, untied };
  }

  top(stmt: unknown, env: Cte[][]): void {
    const level = this.level(null);
    this.query(stmt, level, env);
    this.groups.push(...this.settle(level));
  }

  // --- union-find over column keys, parameters and literals ---------------------------------------------------

  private find(key: string): string {
    let root = key;
    while (this.parents.has(root)) root = this.parents.get(root)!;
    if (root !== key) this.parents.set(key, root);
    return root;
  }

  private union(a: string | null, b: string | null): void {
    if (!a || !b) return;
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parents.set(ra, rb);
  }

  private fresh(): string {
    return `#${++this.counter}`;
  }

  private level(parent: Level | null): Level {
    return { parent, relations: [], members: [], branches: [], correlated: false };
  }

  /** The groups a level's tenant tables make: one with its UNION branches if it has tables of its own. */
  private settle(level: Level): Member[][] {
    return level.members.length ? [[...level.members, ...level.branches.flat()]] : level.branches;
  }

  /** A nested level's tenant tables become `level`'s (its UNION branches stay branches while it has none). */
  private absorb(level: Level, inner: Level): void {
    if (inner.members.length) level.members.push(...this.settle(inner)[0]!);
    else level.branches.push(...inner.branches);
  }

  // --- statements ---------------------------------------------------------------------------------------------

  /** Analyses a statement in `level` and returns its output columns. */
  private query(stmt: unknown, level: Level, env: Cte[][]): Output[] {
    const [type, body] = Object.entries(asObj(stmt) ?? {})[0] ?? [];
    const s = asObj(body);
    if (!s) return [];
    const frame = this.ctes(s.withClause);
    const inner = frame.length ? [...env, frame] : env;
    let outputs: Output[] = [];
    if (type === 'SelectStmt') outputs = this.select(s, level, inner);
    else if (type === 'InsertStmt') outputs = this.insert(s, level, inner);
    else if (type === 'UpdateStmt' || type === 'DeleteStmt') outputs = this.modify(s, level, inner);
    // A CTE nothing refers to (a data-modifying one) runs on its own.
    for (const cte of frame.filter((c) => !c.used)) {
      const alone = this.level(level);
      cte.used = true;
      this.query(cte.query, alone, inner);
      if (alone.correlated) this.absorb(level, alone);
      else this.groups.push(...this.settle(alone));
    }
    return outputs;
  }

  private ctes(withClause: unknown): Cte[] {
    return items(asObj(withClause)?.ctes).map((c) => {
      const cte = nodeOf(c, 'CommonTableExpr')!;
      return {
        name: cte.ctename as string,
        query: cte.ctequery,
        colnames: names(cte.aliascolnames),
        used: false,
        busy: false,
        recursive: false,
      };
    });
  }

  private select(s: Obj, level: Level, env: Cte[][]): Output[] {
    if (s.valuesLists) {
      this.walk(s.valuesLists, level, env);
      const first = nodeOf(items(s.valuesLists)[0], 'List');
      return items(first?.items).map((_, i): Output => [`column${i + 1}`, this.fresh()]);
    }
    if (s.op !== 'SETOP_NONE') {
      // A UNION joins nothing: each branch is combined only with what the UNION's result is joined to. Its
      // branches are SelectStmt bodies, not wrapped as nodes.
      const left = this.branch({ SelectStmt: s.larg }, level, env);
      const right = this.branch({ SelectStmt: s.rarg }, level, env);
      left.forEach(([, key], i) => this.union(key, right[i]?.[1] ?? null));
      return left;
    }
    for (const item of items(s.fromClause)) this.from(item, level, env);
    this.conditions(s.whereClause, level, env);
    this.walk([s.targetList, s.havingClause, s.distinctClause, s.limitCount, s.limitOffset], level, env);
    // ORDER BY and GROUP BY may name output columns: only their subqueries matter here.
    this.walk([s.sortClause, s.groupClause], level, env, false);
    return this.outputs(s.targetList, level);
  }

  private insert(s: Obj, level: Level, env: Cte[][]): Output[] {
    const target = this.table(asObj(s.relation)!, level);
    const columns = s.cols
      ? items(s.cols).map((c) => nodeOf(c, 'ResTarget')!.name as string)
      : (target.columns ?? []).map(([name]) => name);
    const source = nodeOf(s.selectStmt, 'SelectStmt');
    if (source?.valuesLists) {
      this.walk(source.valuesLists, level, env);
      // One row: the columns are its values.
      const rows = items(source.valuesLists);
      if (rows.length === 1) {
        items(nodeOf(rows[0], 'List')?.items).forEach((v, i) =>
          this.union(columns[i] ? this.column(target, columns[i]) : null, this.key(v, level)),
        );
      }
    } else if (source) {
      const outputs = this.subquery(s.selectStmt, level, env, true);
      columns.forEach((c, i) => this.union(this.column(target, c), outputs[i]?.[1] ?? null));
    }
    const conflict = asObj(s.onConflictClause);
    if (conflict) {
      level.relations.push({ alias: 'excluded', id: this.fresh(), columns: null });
      this.walk([conflict.targetList, conflict.whereClause], level, env);
    }
    this.walk(s.returningList, level, env);
    return this.outputs(s.returningList, level);
  }

  /** UPDATE … FROM and DELETE … USING. */
  private modify(s: Obj, level: Level, env: Cte[][]): Output[] {
    this.table(asObj(s.relation)!, level);
    for (const item of items(s.fromClause ?? s.usingClause)) this.from(item, level, env);
    this.conditions(s.whereClause, level, env);
    this.walk([s.targetList, s.returningList], level, env);
    return this.outputs(s.returningList, level);
  }

  /** A query nested in `level`: its tenant tables join `level`'s when `merge` or when it is correlated. */
  private subquery(stmt: unknown, level: Level, env: Cte[][], merge: boolean): Output[] {
    const inner = this.level(level);
    const outputs = this.query(stmt, inner, env);
    if (merge || inner.correlated) this.absorb(level, inner);
    else this.groups.push(...this.settle(inner));
    return outputs;
  }

  private branch(stmt: unknown, level: Level, env: Cte[][]): Output[] {
    const inner = this.level(level);
    const outputs = this.query(stmt, inner, env);
    level.branches.push(...this.settle(inner));
    return outputs;
  }

  // --- FROM ----------------------------------------------------------------------------------------------------

  /** Adds a FROM item's relations to `level` and returns them. */
  private from(item: unknown, level: Level, env: Cte[][]): Relation[] {
    const range = nodeOf(item, 'RangeVar');
    if (range) {
      const cte = range.schemaname ? undefined : this.cte(range.relname as string, env);
      if (!cte) return [this.table(range, level)];
      cte.used = true;
      let outputs: Output[] = [];
      if (cte.busy) cte.recursive = true;
      else {
        // A CTE referenced here is read here (PostgreSQL inlines one referenced once).
        const inner = this.level(level);
        cte.busy = true;
        outputs = this.query(cte.query, inner, env);
        cte.busy = false;
        // A recursive step joins the rows of the step before: its branches are combined.
        if (cte.recursive) inner.members.push(...inner.branches.splice(0).flat());
        this.absorb(level, inner);
      }
      return [this.derived(alias(range) ?? cte.name, renamed(outputs, cte.colnames), range, level)];
    }
    const sub = nodeOf(item, 'RangeSubselect');
    if (sub) {
      const outputs = this.subquery(sub.subquery, level, env, true);
      return [this.derived(alias(sub) ?? this.fresh(), outputs, sub, level)];
    }
    const fn = nodeOf(item, 'RangeFunction');
    if (fn) {
      this.walk(fn.functions, level, env);
      const calls = items(fn.functions).map((f) => items(nodeOf(f, 'List')?.items));
      const defined = calls.flatMap(([, defs]) =>
        items(defs).map((d) => nodeOf(d, 'ColumnDef')?.colname as string),
      );
      const called = names(nodeOf(calls[0]?.[0], 'FuncCall')?.funcname).pop() ?? 'function';
      const cols = defined.length ? defined : [alias(fn) ?? called];
      return [
        this.derived(
          alias(fn) ?? called,
          cols.map((c) => [c, this.fresh()]),
          fn,
          level,
        ),
      ];
    }
    const join = nodeOf(item, 'JoinExpr');
    if (join) {
      const left = this.from(join.larg, level, env);
      const right = this.from(join.rarg, level, env);
      const using = join.isNatural
        ? left.flatMap((l) => (l.columns ?? []).map(([c]) => c)).filter((c) => this.columnIn(right, c))
        : names(join.usingClause);
      for (const c of using) this.union(this.columnIn(left, c), this.columnIn(right, c));
      this.conditions(join.quals, level, env);
      return [...left, ...right];
    }
    return [];
  }

  private cte(name: string, env: Cte[][]): Cte | undefined {
    for (let i = env.length - 1; i >= 0; i--) {
      const found = env[i]!.find((c) => c.name === name);
      if (found) return found;
    }
    return undefined;
  }

  /** A table of the schema (a tenant table is a member of its level). */
  private table(range: Obj, level: Level): Relation {
    const name = range.relname as string;
    const ours = !range.schemaname || range.schemaname === 'public';
    const id = `${alias(range) ?? name}@${++this.counter}`;
    const columns = this.catalog.columns.get(name);
    const relation: Relation = {
      alias: alias(range) ?? name,
      id,
      columns: columns && ours ? columns.map((c) => [c, `${id}.${c}`]) : null,
    };
    level.relations.push(relation);
    if (this.catalog.tenant.has(name) && ours) {
      this.tenantTables.add(name);
      const label = relation.alias === name ? name : `${name} ${relation.alias}`;
      level.members.push({ label, key: `${id}.province_id` });
    }
    return relation;
  }

  private derived(name: string, outputs: Output[], node: Obj, level: Level): Relation {
    const relation: Relation = {
      alias: name,
      id: this.fresh(),
      columns: renamed(outputs, names(asObj(node.alias)?.colnames)),
    };
    level.relations.push(relation);
    return relation;
  }

  private column(relation: Relation, name: string): string {
    return relation.columns
      ? (relation.columns.find(([c]) => c === name)?.[1] ?? this.fresh())
      : `${relation.id}.${name}`;
  }

  private columnIn(relations: Relation[], name: string): string | null {
    for (const r of relations) {
      const found = r.columns?.find(([c]) => c === name);
      if (found) return found[1];
    }
    return null;
  }

  // --- expressions ---------------------------------------------------------------------------------------------

  /** A WHERE or ON clause: its top-level equalities tie columns; everything else is only walked. */
  private conditions(expr: unknown, level: Level, env: Cte[][]): void {
    for (const conjunct of conjuncts(expr)) {
      const op = nodeOf(conjunct, 'A_Expr');
      const link = nodeOf(conjunct, 'SubLink');
      if (op && op.kind === 'AEXPR_OP' && names(op.name).join() === '=') {
        const [left, right] = [this.keys(op.lexpr, level), this.keys(op.rexpr, level)];
        if (left.length === right.length) left.forEach((k, i) => this.union(k, right[i]!));
        this.walk(conjunct, level, env);
      } else if (op && op.kind === 'AEXPR_IN' && items(op.rexpr).length === 1) {
        this.union(this.key(op.lexpr, level), this.key(items(op.rexpr)[0], level));
        this.walk(conjunct, level, env);
      } else if (link) {
        this.sublink(link, level, env, true);
      } else {
        this.walk(conjunct, level, env);
      }
    }
  }

  private sublink(link: Obj, level: Level, env: Cte[][], conjunct: boolean): void {
    this.walk(link.testexpr, level, env);
    const outputs = this.subquery(link.subselect, level, env, false);
    const operator = names(link.operName).join();
    if (conjunct && link.subLinkType === 'ANY_SUBLINK' && (operator === '' || operator === '=')) {
      // x IN (SELECT y …): a semi-join on x = y.
      this.keys(link.testexpr, level).forEach((k, i) => this.union(k, outputs[i]?.[1] ?? null));
    }
  }

  /** Resolves column references (for correlation) and analyses subqueries anywhere in `value`. */
  private walk(value: unknown, level: Level, env: Cte[][], refs = true): void {
    if (Array.isArray(value)) {
      for (const v of value) this.walk(v, level, env, refs);
      return;
    }
    const o = asObj(value);
    if (!o) return;
    for (const [type, body] of Object.entries(o)) {
      if (type === 'SubLink') this.sublink(asObj(body)!, level, env, false);
      else if (type === 'ColumnRef' && refs) this.resolve(asObj(body)!.fields, level);
      else this.walk(body, level, env, refs);
    }
  }

  private keys(expr: unknown, level: Level): (string | null)[] {
    const row = nodeOf(expr, 'RowExpr');
    return row ? items(row.args).map((a) => this.key(a, level)) : [this.key(expr, level)];
  }

  /** What an expression equals: a column, a parameter or a literal; null for anything computed. */
  private key(expr: unknown, level: Level): string | null {
    const ref = nodeOf(expr, 'ColumnRef');
    if (ref) return this.resolve(ref.fields, level);
    const param = nodeOf(expr, 'ParamRef');
    if (param) return `$${param.number as number}`;
    const constant = nodeOf(expr, 'A_Const');
    if (constant) return `literal:${JSON.stringify({ ...constant, location: undefined })}`;
    const cast = nodeOf(expr, 'TypeCast');
    if (cast) return this.key(cast.arg, level);
    return null;
  }

  /** The key of a column reference, seen from `level`; marks the levels it is correlated through. */
  private resolve(fields: unknown, level: Level): string | null {
    const path = names(fields);
    const column = path[path.length - 1]!;
    if (column === '*') return null;
    const qualifier = path.length > 1 ? path[path.length - 2] : undefined;
    for (let l: Level | null = level; l; l = l.parent) {
      const relation = l.relations.find((r) =>
        qualifier ? r.alias === qualifier : r.columns?.some(([c]) => c === column),
      );
      if (!relation) continue;
      for (let m: Level | null = level; m && m !== l; m = m.parent) m.correlated = true;
      return this.column(relation, column);
    }
    // No relation has it: a function's variable or parameter (`v_province`, `NEW.province_id`), the same value
    // wherever the statement names it.
    return `name:${path.join('.')}`;
  }

  private outputs(targets: unknown, level: Level): Output[] {
    return items(targets).flatMap((t): Output[] => {
      const target = nodeOf(t, 'ResTarget')!;
      const ref = nodeOf(target.val, 'ColumnRef');
      const path = ref ? names(ref.fields) : [];
      if (path[path.length - 1] === '*') {
        const from = path.length > 1 ? level.relations.filter((r) => r.alias === path[0]) : level.relations;
        return from.flatMap((r) => r.columns ?? []);
      }
      const fn = names(nodeOf(target.val, 'FuncCall')?.funcname).pop();
      const name = (target.name as string | undefined) ?? path[path.length - 1] ?? fn ?? '?column?';
      return [[name, this.key(target.val, level) ?? this.fresh()]];
    });
  }
}

function conjuncts(expr: unknown): unknown[] {
  const bool = nodeOf(expr, 'BoolExpr');
  if (bool?.boolop === 'AND_EXPR') return items(bool.args).flatMap(conjuncts);
  return expr ? [expr] : [];
}

function alias(node: Obj): string | undefined {
  return asObj(node.alias)?.aliasname as string | undefined;
}

function renamed(outputs: Output[], colnames: string[]): [string, string][] {
  return outputs.map(([name, key], i) => [colnames[i] ?? name, key]);
}
