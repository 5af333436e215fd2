import { rollupRepository, type ProvinceRollup } from '@thidua/db';
import { metricValue, ROLLUP_METRICS, toCsv, type RollupMetric, type RollupRow } from '@thidua/domain';
import { Arg, Authorized, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { graphqlEnum } from '../../common/enums';
import { assertYear, badInput, forbidden } from '../../common/errors';
import { READERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';

const RollupMetricEnum = graphqlEnum(ROLLUP_METRICS, 'RollupMetric', 'A figure the dashboards compare.');

@ObjectType('DashboardRow')
class DashboardRowType {
  @Field(() => ID, { description: 'The province (comparison, trend) or the block (ranking).' }) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: "The province's code." }) code!: string | null;
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true, description: 'Ranking only: 1 is first.' }) rank!: number | null;
  @Field(() => [Float], { nullable: 'items', description: "In the order of the table's metrics." })
  values!: (number | null)[];
}

@ObjectType('DashboardTable', { description: 'A dashboard table, and the same as CSV for download.' })
class DashboardTableType {
  @Field(() => [RollupMetricEnum]) metrics!: RollupMetric[];
  @Field(() => [DashboardRowType]) rows!: DashboardRowType[];
  @Field(() => String, { description: 'RFC 4180, UTF-8, a header row first.' }) csv!: string;
}

function table(
  metrics: RollupMetric[],
  rows: {
    id: string;
    name: string;
    code: string | null;
    year: number;
    rank: number | null;
    row: RollupRow;
  }[],
): DashboardTableType {
  const out = rows.map(({ row, ...r }) => ({ ...r, values: metrics.map((m) => metricValue(row, m)) }));
  return {
    metrics,
    rows: out,
    // Built only when the request asks for it.
    get csv() {
      return toCsv(
        ['id', 'name', 'code', 'year', 'rank', ...metrics],
        out.map((r) => [r.id, r.name, r.code, r.year, r.rank, ...r.values]),
      );
    },
  };
}

const provinceRow = (r: ProvinceRollup) => ({
  id: r.province_id,
  name: r.name,
  code: r.code,
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
      "The province's blocks, best first by `by` (default: mean final score). Detail: own province only.",
  })
  async blockRanking(
    @Arg('provinceId', () => ID) provinceId: string,
    @Arg('year', () => Int) year: number,
    @Arg('by', () => RollupMetricEnum, { defaultValue: 'MEAN_FINAL_SCORE' }) by: RollupMetric,
    @Arg('metrics', () => [RollupMetricEnum], metricsArg) metrics: RollupMetric[] | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DashboardTableType> {
    assertYear('year', year);
    if (provinceId !== ctx.access?.provinceId)
      throw forbidden("A province's block detail is read within that province (x-province-id)");
    const ranked = (await rollupRepository.blocks(year))
      .map((row) => ({ row, key: metricValue(row, by) }))
      .sort((a, b) => (b.key ?? -Infinity) - (a.key ?? -Infinity));
    return table(
      metrics ?? [...ROLLUP_METRICS],
      ranked.map(({ row }, i) => ({
        id: row.block_id,
        name: row.block_name,
        code: null,
        year,
        rank: i + 1,
        row,
      })),
    );
  }
}
