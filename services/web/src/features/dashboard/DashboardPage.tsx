import type { EChartsCoreOption } from 'echarts/core';
import { readFragment } from 'gql.tada';
import { useId, useMemo, useState, type ComponentProps } from 'react';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { ProvinceScope } from '../../app/ProvinceScope';
import { hasRole, useSession } from '../../app/session';
import { lastEmulationYear, runsYear, thisYear } from '../block/dates';
import { formerLabel, placeLabel, useLineage, type FormerOrCurrent } from '../province/useFormerProvinces';
import { StatisticsButton } from '../statistics/StatisticsButton';
import { useOpeningProvince, YearsQuery } from './openingProvince';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n, type I18n } from '../../i18n/i18n';
import { Chart } from '../../ui/Chart';
import { downloadCsv, downloadXlsx, type Sheet } from '../../ui/download';
import { SelectField } from '../../ui/Field';
import { Alert, Empty, Page } from '../../ui/Page';
import { SortableTable, type Column } from '../../ui/SortableTable';
import { QueryStates } from '../../ui/QueryStates';

const TableFields = graphql(`
  fragment DashboardTableFields on DashboardTable {
    metrics
    rows {
      id
      code
      name
      kind
      validTo
      year
      rank
      values
    }
  }
`);

/**
 * A former province's rows named as one ("Lào Cai (tỉnh cũ, đến 30/06/2025)"): names were reused in 2025, and a
 * trend that includes the predecessors would otherwise draw the old and the new Lào Cai as one line.
 */
function withFormerNames(i18n: I18n, table: Table | null): Table | null {
  const shown = forReaders(table);
  return shown && { ...shown, rows: shown.rows.map((r) => ({ ...r, name: formerLabel(i18n, r) })) };
}

/**
 * The figures a ministry compares: not how long the platform's own closing job ran (CLOSING_SECONDS, for its
 * operators, who read it in the API and the metrics), which says nothing about a province's work.
 */
const OPERATORS_ONLY: readonly string[] = ['CLOSING_SECONDS'];
function forReaders(table: Table | null): Table | null {
  if (!table) return null;
  const keep = table.metrics.map((m) => !OPERATORS_ONLY.includes(m));
  return {
    ...table,
    metrics: table.metrics.filter((_, i) => keep[i]),
    rows: table.rows.map((r) => ({ ...r, values: r.values.filter((_, i) => keep[i]) })),
  };
}

const ComparisonQuery = graphql(
  `
    query ProvinceComparison($year: Int!) {
      provinceComparison(year: $year) {
        ...DashboardTableFields
      }
    }
  `,
  [TableFields],
);

const TrendQuery = graphql(
  `
    query ProvinceTrend($provinceId: ID!, $fromYear: Int!, $toYear: Int!, $includeFormer: Boolean!) {
      provinceTrend(
        provinceId: $provinceId
        fromYear: $fromYear
        toYear: $toYear
        includeFormer: $includeFormer
      ) {
        ...DashboardTableFields
      }
    }
  `,
  [TableFields],
);

const RankingQuery = graphql(
  `
    query BlockRanking($provinceId: ID!, $year: Int!, $by: RollupMetric!) {
      blockRanking(provinceId: $provinceId, year: $year, by: $by) {
        ...DashboardTableFields
      }
    }
  `,
  [TableFields],
);

// The provinces in force, and the former ones: their years before the 2025 mergers have figures of their own.
const ProvincesQuery = graphql(`
  query DashboardProvinces {
    current: provinces(first: 100, filter: { current: true }) {
      nodes {
        id
        name
        kind
        validFrom
      }
    }
    former: provinces(first: 100, filter: { current: false }) {
      nodes {
        id
        name
        kind
        validFrom
        validTo
      }
    }
  }
`);
type Provinces = ResultOf<typeof ProvincesQuery>;

type Table = ResultOf<typeof TableFields>;
type Metric = Table['metrics'][number];
type Row = Table['rows'][number];

/**
 * The year a dashboard opens on: the latest year with figures, of every province or, given `provinceId` (the
 * province ranked), of that one, with a note when it is not this year (the year-end conferences run into
 * February, so a year has no figures for most of it, and a province may have none for years); this year when no
 * year has any. A year the person picks stays; another province opens on its own latest year. `ready` once the
 * years are known, or could not be read (this year then): the table waits for it rather than asking twice.
 */
function useOpeningYear(provinceId?: string, endedOn?: string | null) {
  const [picked, setPicked] = useState<number | null>(null);
  const [years] = useQuery({
    query: YearsQuery,
    variables: { provinceId: provinceId ?? null },
    // Read after a year is picked too: the year list marks the years without figures.
    pause: provinceId === '',
  });
  const latest = years.fetching ? null : (years.data?.dashboardYears[0] ?? null);
  // A former province without figures opens on its last year, not on a year after it ended: one that ended
  // before 31 December left that year to its successor (ended 30/06/2025, it ran 2024 last).
  const lastYear = endedOn && lastEmulationYear(endedOn);
  const now = lastYear ? Math.min(thisYear(), lastYear) : thisYear();
  return {
    year: picked ?? latest ?? now,
    ready: picked !== null || (!years.fetching && (years.data !== undefined || years.error !== undefined)),
    pick: setPicked,
    /** The years with figures, newest first, once known. */
    withFigures: years.data?.dashboardYears,
    /**
     * This year, without figures yet (its closing runs into February), and the one shown instead, before the
     * person picks a year. Not said of a former province's last year: that one will never close here.
     */
    noFiguresYet:
      picked === null && latest !== null && latest < now && now === thisYear()
        ? { year: now, shown: latest }
        : null,
  };
}

function NoFiguresYet({ years }: { years: { year: number; shown: number } | null }) {
  const { t } = useI18n();
  return years ? <Alert kind="info">{t('dash.noFiguresYet', years)}</Alert> : null;
}

/** Dashboards for the ministry's viewers and the provinces' secretariats: compare, follow, rank. */
export default function DashboardPage() {
  const { tab = 'comparison' } = useParams<{ tab?: string }>();
  const { t } = useI18n();
  const session = useSession();
  const tabs = [
    { key: 'comparison', label: t('dash.comparison') },
    { key: 'trend', label: t('dash.trend') },
    ...(hasRole(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN', 'NATIONAL_VIEWER')
      ? [{ key: 'ranking', label: t('dash.ranking') }]
      : []),
  ];
  return (
    <Page title={t('dash.title')} wide>
      <nav aria-label={t('dash.title')} className="tabs">
        {tabs.map((x) => (
          <Link
            key={x.key}
            href={x.key === 'comparison' ? '/dashboards' : `/dashboards/${x.key}`}
            aria-current={x.key === tab ? 'page' : undefined}
          >
            {x.label}
          </Link>
        ))}
      </nav>
      {tab === 'trend' ? <Trend /> : tab === 'ranking' ? <Ranking /> : <Comparison />}
    </Page>
  );
}

function ProvinceSelect({
  value,
  onChange,
  provinces,
}: {
  value: string;
  onChange(id: string): void;
  provinces: Provinces | undefined;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('dash.province')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <optgroup label={t('dash.currentProvinces')}>
          {provinces?.current.nodes.map((p) => (
            <option key={p.id} value={p.id}>
              {placeLabel(i18n, { ...p, validTo: null })}
            </option>
          ))}
        </optgroup>
        {!!provinces?.former.nodes.length && (
          <optgroup label={t('dash.formerProvinces')}>
            {provinces.former.nodes.map((p) => (
              <option key={p.id} value={p.id}>
                {placeLabel(i18n, p)}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}

/**
 * For whom works in no province (the ministry): a province with figures to open the trend and the ranking on, the
 * first compared in the latest year any province has (the former provinces hold the years before 2025).
 */
function useProvinceWithFigures(
  skip: boolean,
  provinces: { data?: Provinces; error?: unknown },
): { id: string; ready: boolean } {
  const [years] = useQuery({ query: YearsQuery, variables: { provinceId: null }, pause: skip });
  const year = years.data?.dashboardYears[0];
  const [compared] = useQuery({
    query: ComparisonQuery,
    variables: { year: year ?? 0 },
    pause: skip || !year,
  });
  const table = compared.data ? readFragment(TableFields, compared.data.provinceComparison) : null;
  // Without any figure (or if they cannot be read), the first province in force.
  const listed = !!provinces.data || !!provinces.error;
  const settled = !years.fetching && (!year || !compared.fetching) && listed;
  return { id: table?.rows[0]?.id ?? provinces.data?.current.nodes[0]?.id ?? '', ready: skip || settled };
}

function YearSelect({
  value,
  onChange,
  label,
  withFigures,
}: {
  value: number;
  onChange(y: number): void;
  label: string;
  /** Given, the years outside it are marked as having no figures (still choosable: a table says so). */
  withFigures?: readonly number[];
}) {
  const { t } = useI18n();
  const id = useId();
  // The last twelve years, and the one shown when it is older.
  const years = [...new Set([...Array.from({ length: 12 }, (_, i) => thisYear() - i), value])].sort(
    (a, b) => b - a,
  );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {withFigures && !withFigures.includes(y) ? t('dash.yearEmpty', { year: y }) : y}
          </option>
        ))}
      </select>
    </div>
  );
}

function MetricSelect({
  metrics,
  value,
  onChange,
  perBlock = false,
}: {
  metrics: Metric[];
  value: Metric;
  onChange(m: Metric): void;
  perBlock?: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('dash.metric')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Metric)}>
        {metrics.map((m) => (
          <option key={m} value={m}>
            {metricLabel(i18n, m, perBlock)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The same table as the screen, in the person's language, for CSV and XLSX. */
function sheetOf(
  i18n: I18n,
  name: string,
  table: Table,
  lead: ('rank' | 'code' | 'name' | 'year')[],
  perBlock = false,
): Sheet {
  const labels = {
    rank: i18n.t('dash.rank'),
    code: i18n.t('dash.codeCol'),
    name: i18n.t('dash.nameCol'),
    year: i18n.t('dash.yearCol'),
  };
  return {
    name,
    header: [...lead.map((l) => labels[l]), ...table.metrics.map((m) => metricLabel(i18n, m, perBlock))],
    rows: table.rows.map((r) => [
      ...lead.map((l) =>
        l === 'rank' ? r.rank : l === 'year' ? r.year : l === 'code' ? (r.code ?? '') : r.name,
      ),
      ...r.values.map((v, i) => metricCell(i18n, table.metrics[i]!, v ?? null, perBlock)),
    ]),
  };
}

function Downloads({ sheet, filename }: { sheet: Sheet; filename: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <div className="actions">
      <button type="button" className="button button-secondary" onClick={() => downloadCsv(sheet, filename)}>
        {t('dash.csv')}
      </button>
      <button
        type="button"
        className="button button-secondary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void downloadXlsx(sheet, filename).finally(() => setBusy(false));
        }}
      >
        {t('dash.xlsx')}
      </button>
    </div>
  );
}

/** A dashboard table's query: failed, loading, without rows (said the same everywhere), or the table. */
function TableStates({
  table,
  children,
  ...query
}: Pick<ComponentProps<typeof QueryStates<Table>>, 'error' | 'refetch' | 'children'> & {
  table: Table | null;
}) {
  const { t } = useI18n();
  return (
    <QueryStates {...query} data={table} isEmpty={(tb) => tb.rows.length === 0} empty={t('dash.empty')}>
      {children}
    </QueryStates>
  );
}

/**
 * A column per figure; the figure on the chart first, beside the name, so that on a phone it is read without
 * scrolling past the others.
 */
function metricColumns(i18n: I18n, metrics: Metric[], charted: Metric, perBlock = false): Column<Row>[] {
  const columns = metrics.map((m, i) => ({
    key: m,
    label: metricLabel(i18n, m, perBlock),
    numeric: true,
    value: (r: Row) => r.values[i] ?? null,
    ...(perBlock &&
      YES_OR_NO.includes(m) && { render: (r: Row) => metricCell(i18n, m, r.values[i] ?? null, true) }),
  }));
  return [...columns.filter((c) => c.key === charted), ...columns.filter((c) => c.key !== charted)];
}

/** A block's figure that is a yes or a no (the province's is the count of the blocks that said yes). */
const YES_OR_NO: readonly Metric[] = ['DOSSIERS_ON_TIME'];

/** A figure's name: one block's own, in a ranking of blocks, or the province's. */
function metricLabel(i18n: I18n, m: Metric, perBlock = false): string {
  return perBlock && YES_OR_NO.includes(m)
    ? i18n.t(`metric.block.${m}` as 'metric.block.DOSSIERS_ON_TIME')
    : i18n.t(`metric.${m}`);
}

/** A figure as a table or a download shows it: a block's yes or no in words, the rest as numbers. */
function metricCell(i18n: I18n, m: Metric, v: number | null, perBlock = false): number | string | null {
  if (v === null || !perBlock || !YES_OR_NO.includes(m)) return v;
  return i18n.t(v ? 'results.yes' : 'results.no');
}

/**
 * Said instead of a chart whose figure no row has (a year recorded from paper documents has no scores): null when
 * there is something to draw.
 */
function nothingToChart(i18n: I18n, rows: Row[], mi: number, metric: string): string | null {
  return rows.some((r) => r.values[mi] != null) ? null : i18n.t('dash.nothingToChart', { metric });
}

/** A block's yes-or-no figure in words: which blocks said yes and which no (a highest and lowest of 1 and 0 told nothing). */
function summarizeYesNo(i18n: I18n, points: { label: string; value: number | null }[]): string {
  const said = (v: number) => points.filter((p) => p.value === v).map((p) => p.label);
  const [yes, no] = [said(1), said(0)];
  if (!yes.length && !no.length) return i18n.t('dash.empty');
  return i18n.t('dash.yesNoSummary', {
    yes: yes.length,
    no: no.length,
    // Names may hold commas ("Khối các sở, ban, ngành").
    yesNames: yes.join('; ') || '–',
    noNames: no.join('; ') || '–',
  });
}

/** "Highest: A (12); lowest: B (3)" — the chart's text alternative in one sentence. */
function summarize(i18n: I18n, points: { label: string; value: number | null }[]): string {
  const known = points.filter((p) => p.value !== null) as { label: string; value: number }[];
  if (!known.length) return i18n.t('dash.empty');
  const sorted = [...known].sort((a, b) => b.value - a.value);
  const hi = sorted[0]!;
  const lo = sorted[sorted.length - 1]!;
  return i18n.locale === 'vi'
    ? `${known.length} giá trị; cao nhất ${hi.label} (${i18n.number(hi.value)}), thấp nhất ${lo.label} (${i18n.number(lo.value)})`
    : `${known.length} values; highest ${hi.label} (${i18n.number(hi.value)}), lowest ${lo.label} (${i18n.number(lo.value)})`;
}

const TREND_COLOURS = [
  '#8f1d1d',
  '#1d4ed8',
  '#047857',
  '#b45309',
  '#6d28d9',
  '#be185d',
  '#0f766e',
  '#374151',
];

function barOption(
  i18n: I18n,
  names: string[],
  values: (number | null)[],
  metric: string,
): EChartsCoreOption {
  const phone = window.matchMedia('(max-width: 40rem)').matches;
  return {
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => i18n.number(v) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => i18n.number(v) } },
    // Names on up to two lines rather than cut: "Khối thi đua các cơ qua…" could be any of several blocks. A
    // former province's "(tỉnh cũ, đến 30/06/2025)" gets a line of its own: ECharts breaks lines after a "/". On
    // a phone the names take less of the width, on more lines, so the bars keep room.
    yAxis: {
      type: 'category',
      data: names,
      inverse: true,
      axisLabel: {
        width: phone ? 110 : 200,
        overflow: 'break',
        lineHeight: 15,
        interval: 0,
        // On a phone "(tỉnh cũ, đến 30/06/2025)" is itself two lines, broken after the comma, not inside the date.
        formatter: (name: string) =>
          name.replace(
            / (\([^()]*\))$/,
            (_, former: string) => `\n${phone ? former.replace(', ', ',\n') : former}`,
          ),
      },
    },
    series: [{ type: 'bar', name: metric, data: values, barMaxWidth: 28, itemStyle: { color: '#8f1d1d' } }],
  };
}

function Comparison() {
  const i18n = useI18n();
  const { t } = i18n;
  const opening = useOpeningYear();
  const { year } = opening;
  const [metric, setMetric] = useState<Metric>('TURNOUT_PERCENT');
  const [res, refetch] = useQuery({ query: ComparisonQuery, variables: { year }, pause: !opening.ready });
  const table = withFormerNames(
    i18n,
    res.data ? readFragment(TableFields, res.data.provinceComparison) : null,
  );
  const mi = table ? Math.max(0, table.metrics.indexOf(metric)) : 0;
  const rows = table
    ? [...table.rows].sort((a, b) => (b.values[mi] ?? -Infinity) - (a.values[mi] ?? -Infinity))
    : [];
  const option = useMemo(
    () =>
      barOption(
        i18n,
        rows.map((r) => r.name),
        rows.map((r) => r.values[mi] ?? null),
        t(`metric.${metric}`),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [res.data, metric, i18n.locale],
  );

  return (
    <section aria-labelledby="comparison-title">
      <h2 id="comparison-title">{t('dash.comparison')}</h2>
      <NoFiguresYet years={opening.noFiguresYet} />
      <div className="filters">
        <YearSelect
          value={year}
          onChange={opening.pick}
          label={t('dash.year')}
          withFigures={opening.withFigures}
        />
        {table && <MetricSelect metrics={table.metrics} value={metric} onChange={setMetric} />}
      </div>
      <TableStates error={res.error} refetch={refetch} table={table}>
        {(table) => (
          <>
            <Downloads
              sheet={sheetOf(i18n, t('dash.comparison'), table, ['code', 'name'])}
              filename={`so-sanh-cac-tinh-${year}`}
            />
            <Chart
              option={option}
              bars={rows.length}
              title={t(`metric.${metric}`)}
              summary={summarize(
                i18n,
                rows.map((r) => ({ label: r.name, value: r.values[mi] ?? null })),
              )}
              empty={nothingToChart(i18n, rows, mi, t(`metric.${metric}`))}
            />
            <SortableTable<Row>
              caption={t('dash.tableCaption', { title: t('dash.comparison'), year })}
              rows={table.rows}
              rowKey={(r) => r.id}
              initialSort={{ key: 'name', dir: 'asc' }}
              columns={[
                // Sorted and exported by its name ("Hà Nội" among the H's); a city shown as one ("TP. Hà Nội").
                {
                  key: 'name',
                  label: t('dash.province'),
                  name: true,
                  value: (r) => r.name,
                  render: (r) => (r.validTo ? r.name : placeLabel(i18n, r)),
                },
                // The charted figure beside the name (a phone reads it without scrolling); the code last.
                ...metricColumns(i18n, table.metrics, metric),
                { key: 'code', label: t('dash.codeCol'), value: (r) => r.code ?? '' },
              ]}
            />
          </>
        )}
      </TableStates>
    </section>
  );
}

function Trend() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [provinces] = useQuery({ query: ProvincesQuery });
  const [provinceId, setProvinceId] = useState<string>(session.provinceId ?? '');
  const [fromYear, setFromYear] = useState(thisYear() - 5);
  const [toYear, setToYear] = useState(thisYear());
  const [includeFormer, setIncludeFormer] = useState(true);
  const [metric, setMetric] = useState<Metric>('TURNOUT_PERCENT');
  const opening = useProvinceWithFigures(!!provinceId, provinces);
  const chosen = provinceId || (opening.ready ? opening.id : '');
  const [res, refetch] = useQuery({
    query: TrendQuery,
    variables: { provinceId: chosen, fromYear, toYear, includeFormer },
    pause: !chosen,
  });
  const table = withFormerNames(i18n, res.data ? readFragment(TableFields, res.data.provinceTrend) : null);
  const mi = table ? Math.max(0, table.metrics.indexOf(metric)) : 0;
  // Named as the province list names it: a former province says so, and until when.
  const current = provinces.data?.current.nodes.find((p) => p.id === chosen);
  const former = provinces.data?.former.nodes.find((p) => p.id === chosen);
  const chosenPlace = current ? { ...current, validTo: null } : former;
  const provinceName = chosenPlace ? placeLabel(i18n, chosenPlace) : '';

  const option = useMemo<EChartsCoreOption>(() => {
    const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
    const byName = new Map<string, Map<number, number | null>>();
    for (const r of table?.rows ?? []) {
      if (!byName.has(r.name)) byName.set(r.name, new Map());
      byName.get(r.name)!.set(r.year, r.values[mi] ?? null);
    }
    return {
      // Colours that read on white (ECharts' own palette has a pale lime and a light yellow), each at least 3:1.
      color: TREND_COLOURS,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => i18n.number(v) },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => i18n.number(v) } },
      series: [...byName.entries()].map(([name, ys]) => ({
        type: 'line',
        name,
        connectNulls: false,
        symbolSize: 8,
        data: years.map((y) => ys.get(y) ?? null),
      })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [res.data, metric, fromYear, toYear, i18n.locale]);

  return (
    <section aria-labelledby="trend-title">
      <h2 id="trend-title">{t('dash.trend')}</h2>
      <div className="filters">
        <ProvinceSelect value={chosen} onChange={setProvinceId} provinces={provinces.data} />
        <YearSelect
          value={fromYear}
          onChange={(y) => setFromYear(Math.min(y, toYear))}
          label={t('dash.fromYear')}
        />
        <YearSelect
          value={toYear}
          onChange={(y) => setToYear(Math.max(y, fromYear))}
          label={t('dash.toYear')}
        />
        {table && <MetricSelect metrics={table.metrics} value={metric} onChange={setMetric} />}
        <label className="check">
          <input
            type="checkbox"
            checked={includeFormer}
            onChange={(e) => setIncludeFormer(e.target.checked)}
          />
          {t('dash.includeFormer')}
        </label>
      </div>
      {/* The ministry receives each province's statutory forms: its viewer downloads them for the chosen one. */}
      {chosenPlace && runsYear(chosenPlace, toYear) && hasRole(session, 'NATIONAL_VIEWER') && (
        <div className="actions dash-forms">
          <StatisticsButton
            key={`${chosen}:${toYear}`}
            year={toYear}
            provinceId={chosen}
            label={t('statistics.downloadOf', { year: toYear, province: provinceName })}
          />
        </div>
      )}
      <TableStates error={res.error} refetch={refetch} table={table}>
        {(table) => (
          <>
            <Downloads
              sheet={sheetOf(i18n, t('dash.trend'), table, ['code', 'name', 'year'])}
              filename={`dien-bien-${fromYear}-${toYear}`}
            />
            {new Set(table.rows.map((r) => r.year)).size === 1 && (
              <p className="muted">{t('dash.trendOneYear', { year: table.rows[0]!.year })}</p>
            )}
            <Chart
              option={option}
              title={`${t(`metric.${metric}`)} – ${provinceName}`}
              summary={summarize(
                i18n,
                table.rows.map((r) => ({ label: `${r.name} ${r.year}`, value: r.values[mi] ?? null })),
              )}
              empty={nothingToChart(i18n, table.rows, mi, t(`metric.${metric}`))}
            />
            <SortableTable<Row>
              caption={t('dash.trendCaption', { province: provinceName, from: fromYear, to: toYear })}
              rows={table.rows}
              rowKey={(r) => `${r.id}:${r.year}`}
              initialSort={{ key: 'year', dir: 'asc' }}
              columns={[
                {
                  key: 'year',
                  label: t('dash.yearCol'),
                  value: (r) => r.year,
                  render: (r) => String(r.year),
                },
                // Sorted and exported by its name ("Hà Nội" among the H's); a city shown as one ("TP. Hà Nội").
                {
                  key: 'name',
                  label: t('dash.province'),
                  name: true,
                  value: (r) => r.name,
                  render: (r) => (r.validTo ? r.name : placeLabel(i18n, r)),
                },
                ...metricColumns(i18n, table.metrics, metric),
              ]}
            />
          </>
        )}
      </TableStates>
    </section>
  );
}

/**
 * The secretariat ranks its own province's blocks, or those of a former province merged into it (the years before
 * the merger are that one's); a ministry viewer, who works in none, picks any province. The ranking is a
 * province's detail, read within it (ProvinceScope sends the chosen one as x-province-id).
 */
function Ranking() {
  const { t } = useI18n();
  const session = useSession();
  const [provinces] = useQuery({ query: ProvincesQuery, pause: !!session.provinceId });
  const known = useLineage();
  const lineage = known.lineage;
  const [picked, setPicked] = useState('');
  const withFigures = useProvinceWithFigures(!!session.provinceId || !!picked, provinces);
  // A merged province without figures of its own opens on its former province's (the years before 2025).
  const opening = useOpeningProvince(known, !session.provinceId || !!picked);
  const provinceId = session.provinceId
    ? picked || (opening.choice?.id ?? '')
    : picked || (withFigures.ready ? withFigures.id : '');
  if (!provinceId && !session.provinceId && withFigures.ready) return <Empty>{t('dash.needProvince')}</Empty>;
  const openedFormer = !picked && opening.choice?.former ? opening.choice : null;
  return (
    <>
      {opening.probes}
      <ProvinceScope provinceId={provinceId}>
        <ProvinceRanking
          provinceId={provinceId}
          pick={setPicked}
          provinces={provinces.data}
          lineage={lineage}
          note={
            openedFormer &&
            t('dash.rankingOpenedFormer', { province: lineage[0]!.label, former: openedFormer.label })
          }
        />
      </ProvinceScope>
    </>
  );
}

function ProvinceRanking({
  provinceId,
  pick,
  provinces,
  lineage,
  note,
}: {
  provinceId: string;
  pick(id: string): void;
  provinces: Provinces | undefined;
  /** The session's province and the former ones merged into it (none for the ministry's viewers). */
  lineage: FormerOrCurrent[];
  /** Why it opened on another province than the session's. */
  note?: string | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [metric, setMetric] = useState<Metric>('MEAN_FINAL_SCORE');
  const chosen = lineage.find((p) => p.id === provinceId);
  const opening = useOpeningYear(
    provinceId,
    chosen ? chosen.validTo : provinces?.former.nodes.find((p) => p.id === provinceId)?.validTo,
  );
  const { year } = opening;
  // A year the chosen province did not run (before or after a merger): said, with the province that ran it.
  const ranElsewhere =
    chosen && !chosen.runsYear(year)
      ? lineage.filter((p) => p.id !== chosen.id && p.runsYear(year)).map((p) => p.label)
      : [];
  // A former province's blocks are said to be its own in the table's caption (a sheet's name takes no "/").
  const title = chosen?.former ? `${t('dash.ranking')} – ${chosen.label}` : t('dash.ranking');
  const [res, refetch] = useQuery({
    query: RankingQuery,
    variables: { provinceId, year, by: metric },
    pause: !provinceId || !opening.ready,
  });
  const table = forReaders(res.data ? readFragment(TableFields, res.data.blockRanking) : null);
  const mi = table ? Math.max(0, table.metrics.indexOf(metric)) : 0;
  const option = useMemo(
    () =>
      barOption(
        i18n,
        (table?.rows ?? []).map((r) => r.name),
        (table?.rows ?? []).map((r) => r.values[mi] ?? null),
        metricLabel(i18n, metric, true),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [res.data, metric, i18n.locale],
  );
  return (
    <section aria-labelledby="ranking-title">
      <h2 id="ranking-title">{t('dash.ranking')}</h2>
      {note && <Alert kind="info">{note}</Alert>}
      <NoFiguresYet years={opening.noFiguresYet} />
      <div className="filters">
        {!session.provinceId && <ProvinceSelect value={provinceId} onChange={pick} provinces={provinces} />}
        {lineage.length > 1 && (
          <SelectField label={t('dash.province')} value={provinceId} onChange={(e) => pick(e.target.value)}>
            {lineage.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </SelectField>
        )}
        <YearSelect
          value={year}
          onChange={opening.pick}
          label={t('dash.year')}
          withFigures={opening.withFigures}
        />
        {table && <MetricSelect metrics={table.metrics} value={metric} onChange={setMetric} perBlock />}
      </div>
      {ranElsewhere.length > 0 && (
        <Alert kind="info">{t('dash.rankingElsewhere', { year, names: ranElsewhere.join('; ') })}</Alert>
      )}
      <TableStates error={res.error} refetch={refetch} table={table}>
        {(table) => (
          <>
            <Downloads
              sheet={sheetOf(i18n, t('dash.ranking'), table, ['rank', 'name'], true)}
              filename={`xep-hang-khoi-${year}`}
            />
            <Chart
              option={option}
              bars={table.rows.length}
              title={metricLabel(i18n, metric, true)}
              summary={(YES_OR_NO.includes(metric) ? summarizeYesNo : summarize)(
                i18n,
                table.rows.map((r) => ({ label: r.name, value: r.values[mi] ?? null })),
              )}
              empty={nothingToChart(i18n, table.rows, mi, metricLabel(i18n, metric, true))}
            />
            <SortableTable<Row>
              caption={t('dash.tableCaption', { title, year })}
              rows={table.rows}
              rowKey={(r) => r.id}
              initialSort={{ key: 'rank', dir: 'asc' }}
              columns={[
                { key: 'rank', label: t('dash.rank'), numeric: true, value: (r) => r.rank ?? null },
                { key: 'name', label: t('dash.block'), name: true, value: (r) => r.name },
                ...metricColumns(i18n, table.metrics, metric, true),
              ]}
            />
          </>
        )}
      </TableStates>
    </section>
  );
}
