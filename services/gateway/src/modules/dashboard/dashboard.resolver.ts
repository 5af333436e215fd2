import { rollupRepository, type ProvinceRollup } from '@thidua/db';
import {
  metricDescription,
  metricValue,
  provinceLabel,
  BLOCK_METRICS,
  ROLLUP_METRICS,
  sharedRanks,
  toCsv,
  type ProvinceIdentity,
  type RollupMetric,
  type RollupRow,
} from '@thidua/domain';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { graphqlEnum } from '../../common/enums';
import { assertYear, badInput, forbidden } from '../../common/errors';
import { READERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { ProvinceKind } from '../province/province.types';

const RollupMetricEnum = graphqlEnum(
  ROLLUP_METRICS,
  'RollupMetric',
  "A figure the dashboards compare. Each value says what it is for a block's year and how a province's figure " +
    "is aggregated from its blocks'.",
  Object.fromEntries(ROLLUP_METRICS.map((m) => [m, metricDescription(m)])),
);

@ObjectType('DashboardRow', {
  description:
    'One province (comparison, trend) or block (ranking) in a year. Names and codes were reused in 2025, so a ' +
    "row also carries its province's validity and a label that tells a former province from a current one.",
})
class DashboardRowType {
  @Field(() => ID, { description: 'The province (comparison, trend) or the block (ranking).' }) id!: string;
  @Field(() => String, { description: "The province's name, or the block's." }) name!: string;
  @Field(() => String, {
    nullable: true,
    description: "The province's code (for a block, its province's); reused after the 2025 mergers.",
  })
  code!: string | null;
  @Field(() => ID, { description: 'The province (for a block, its province).' }) provinceId!: string;
  @Field(() => ProvinceKind, { description: 'The province (for a block, its province): tỉnh or thành phố.' })
  kind!: ProvinceKind;
  @Field(() => String, {
    description:
      'The province with its code and the years it existed, e.g. "Lào Cai (10, –2025)", "Lào Cai (15, 2025–)".',
  })
  province!: string;
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "The province's first day; null: before 2025.",
  })
  validFrom!: string | null;
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "The province's last day (a former province); null: it still exists.",
  })
  validTo!: string | null;
  @Field(() => Int) year!: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Ranking only: 1 is first; tied blocks share a rank (1, 2, 2, 4); null without the figure.',
  })
  rank!: number | null;
  @Field(() => [Float], { nullable: 'items', description: "In the order of the table's metrics." })
  values!: (number | null)[];
}

@ObjectType('DashboardTable', { description: 'A dashboard table, and the same as CSV for download.' })
class DashboardTableType {
  @Field(() => [RollupMetricEnum]) metrics!: RollupMetric[];
  @Field(() => [DashboardRowType]) rows!: DashboardRowType[];
  @Field(() => String, {
    description:
      'RFC 4180, UTF-8, a header row first: id, name, code, province (the label), valid_from, valid_to, year, ' +
      'rank, then the metrics.',
  })
  csv!: string;
}

type Province = ProvinceIdentity & { id: string; kind: 'PROVINCE' | 'CITY' };

function table(
  metrics: RollupMetric[],
  rows: { id: string; name: string; province: Province; year: number; rank: number | null; row: RollupRow }[],
): DashboardTableType {
  const out = rows.map(({ row, province, ...r }) => ({
    ...r,
    code: province.code,
    provinceId: province.id,
    kind: province.kind as ProvinceKind,
    province: provinceLabel(province),
    validFrom: province.validFrom,
    validTo: province.validTo,
    values: metrics.map((m) => metricValue(row, m)),
  }));
  return {
    metrics,
    rows: out,
    // Built only when the request asks for it.
    get csv() {
      return toCsv(
        ['id', 'name', 'code', 'province', 'valid_from', 'valid_to', 'year', 'rank', ...metrics],
        out.map((r) => [
          r.id,
          r.name,
          r.code,
          r.province,
          r.validFrom,
          r.validTo,
          r.year,
          r.rank,
          ...r.values,
        ]),
      );
    },
  };
}

const provinceRow = (r: ProvinceRollup) => ({
  id: r.province_id,
  name: r.name,
  province: {
    id: r.province_id,
    name: r.name,
    code: r.code,
    kind: r.kind,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  },
  year: r.year,
  rank: null,
  row: r,
});

const metricsArg = { nullable: true, description: 'Default: all.' } as const;

/**
 * Dashboards read rollups only, one statement each. Province aggregates are for every reader to compare; a
 * block ranking is a province's detail, for the province's own people and the national roles.
 */
@Resolver()
export class DashboardResolver {
  @Authorized(...READERS)
  @Query(() => [Int], {
    description:
      "The years with figures to compare (a province's closing wrote its rollups), latest first: of every " +
      'province, or of provinceId only (with includeFormer, also of the provinces merged into it). The ' +
      'dashboards open on the first.',
  })
  async dashboardYears(
    @Arg('provinceId', () => ID, { nullable: true }) provinceId: string | null,
    @Arg('includeFormer', () => Boolean, { defaultValue: false }) includeFormer: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<number[]> {
    if (provinceId === null || provinceId === undefined)
      return ctx.services.dashboards.get('years', () => rollupRepository.years(null, false));
    if (!isUuid(provinceId)) throw badInput('provinceId', 'is not an id');
    return rollupRepository.years(provinceId, includeFormer);
  }

  @Authorized(...READERS)
  @Query(() => DashboardTableType, { description: 'Every province with a closed year, side by side.' })
  async provinceComparison(
    @Arg('year', () => Int) year: number,
    @Arg('metrics', () => [RollupMetricEnum], metricsArg) metrics: RollupMetric[] | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DashboardTableType> {
    assertYear('year', year);
    const columns = metrics ?? [...ROLLUP_METRICS];
    return ctx.services.dashboards.get(`comparison:${year}:${columns.join()}`, async () =>
      table(columns, (await rollupRepository.comparison(year)).map(provinceRow)),
    );
  }

  @Authorized(...READERS)
  @Query(() => DashboardTableType, {
    description:
      "A province's figures by year; with includeFormer, those of the provinces merged into it too.",
  })
  async provinceTrend(
    @Arg('provinceId', () => ID) provinceId: string,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
    @Arg('includeFormer', () => Boolean, { defaultValue: true }) includeFormer: boolean,
    @Arg('metrics', () => [RollupMetricEnum], metricsArg) metrics: RollupMetric[] | null,
  ): Promise<DashboardTableType> {
    assertYear('fromYear', fromYear);
    assertYear('toYear', toYear);
    if (toYear < fromYear) throw badInput('toYear', 'must not be before fromYear');
    if (toYear - fromYear > 50) throw badInput('toYear', 'at most 50 years at a time');
    if (!isUuid(provinceId)) throw badInput('provinceId', 'is not an id');
    const rows = await rollupRepository.trend(provinceId, fromYear, toYear, includeFormer);
    return table(metrics ?? [...ROLLUP_METRICS], rows.map(provinceRow));
  }

  @Authorized(...READERS)
  @Query(() => DashboardTableType, {
    description:
      "The province's blocks, largest `by` first (default: mean final score); blocks with the same figure share " +
      'a rank and are listed by name. Detail: own province only.',
  })
  async blockRanking(
    @Arg('provinceId', () => ID) provinceId: string,
    @Arg('year', () => Int) year: number,
    @Arg('by', () => RollupMetricEnum, { defaultValue: 'MEAN_FINAL_SCORE' }) by: RollupMetric,
    @Arg('metrics', () => [RollupMetricEnum], {
      nullable: true,
      description: "Default: the block's own figures (not BLOCKS, BLOCKS_CLOSED, CLOSING_SECONDS).",
    })
    metrics: RollupMetric[] | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DashboardTableType> {
    assertYear('year', year);
    if (provinceId !== ctx.access?.provinceId)
      throw forbidden("A province's block detail is read within that province (x-province-id)");
    const blocks = await rollupRepository.blocks(year);
    const ranks = sharedRanks(blocks.map((row) => metricValue(row, by)));
    // By rank, unranked last; the repository's order (by name) within a rank, as the sort is stable.
    const ranked = blocks
      .map((row, i) => ({ row, rank: ranks[i]! }))
      .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER));
    const p = ctx.access!.province;
    const province = {
      id: p.id,
      name: p.name,
      code: p.code,
      kind: p.kind,
      validFrom: p.validFrom,
      validTo: p.validTo,
    };
    // By default the block's own figures: a column of blanks for the province's counts says nothing.
    return table(
      metrics ?? [...BLOCK_METRICS],
      ranked.map(({ row, rank }) => ({ id: row.block_id, name: row.block_name, province, year, rank, row })),
    );
  }
}
