import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useI18n } from '../i18n/i18n';

/**
 * A chart drawn by ECharts (loaded when the first chart shows), as an image with a text alternative: the
 * summary in its label, and the same figures in the table beside it.
 */
export function Chart({
  option,
  summary,
  title,
  bars,
  empty,
}: {
  option: EChartsCoreOption;
  summary: string;
  title: string;
  /** A bar chart's number of bars: each gets room for a name on two lines (34 provinces need more than 22rem). */
  bars?: number;
  /** Said instead of the chart when it has no value to draw (an empty frame of axes told nothing). */
  empty?: string | null;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let chart: {
      setOption(o: EChartsCoreOption, notMerge: boolean): void;
      dispose(): void;
      resize(): void;
    } | null = null;
    const onResize = () => chart?.resize();
    void import('./echarts').then(({ echarts }) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
      chart.setOption(
        {
          // Patterns for those who do not tell the colours apart; the text alternative is ours (aria-label below,
          // in the reader's language), which ECharts' own English description would otherwise overwrite.
          aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
          textStyle: { fontFamily: 'Be Vietnam Pro, system-ui, sans-serif' },
          animation: false,
          ...option,
        },
        true,
      );
      setReady(true);
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [option, empty]);

  if (empty)
    return (
      <figure>
        <figcaption>{title}</figcaption>
        <p className="muted">{empty}</p>
      </figure>
    );
  return (
    <figure>
      <figcaption>{title}</figcaption>
      <div
        ref={ref}
        className="chart"
        style={bars ? { height: `max(22rem, ${bars * 2.4 + 3}rem)` } : undefined}
        role="img"
        aria-label={t('dash.chartAlt', { metric: title, summary })}
      >
        {!ready && <p className="loading">{t('dash.chartLoading')}</p>}
      </div>
    </figure>
  );
}
