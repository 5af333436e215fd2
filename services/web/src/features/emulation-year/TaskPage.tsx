import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Empty, Loading, Page } from '../../ui/Page';
import { useStanding, useYear, yearPath, type Year } from './useYear';
import { YearNotFound, yearMissing } from './YearNotFound';

/**
 * The frame of a year's task screen (sign, register, score, covenant, criteria): the year is read once, a
 * missing year or block says so, and a link leads back to the year.
 */
export function TaskPage({
  blockId,
  year,
  title,
  children,
}: {
  blockId: string;
  year: string;
  /** Or worked out from the year and the person's standing in it (a page that writes for some, reads for others). */
  title: string | ((y: Year | null, standing: ReturnType<typeof useStanding>) => string);
  children: (y: Year, standing: ReturnType<typeof useStanding>, reload: () => void) => ReactNode;
}) {
  const { t } = useI18n();
  const { res, block, y, reload } = useYear(blockId, year);
  const standing = useStanding(y);
  const heading = typeof title === 'function' ? title(y ?? null, standing) : title;
  const back = (
    <Link href={yearPath(blockId, year)} className="button button-secondary">
      {t('tasks.backToYear')}
    </Link>
  );
  if (yearMissing({ res, block })) return <YearNotFound />;
  if (res.error)
    return (
      <Page title={heading}>
        <ApiErrorView error={res.error} retry={reload} />
      </Page>
    );
  if (!block) return <Loading />;
  return (
    <Page title={heading} subtitle={t('year.title', { block: block.name, year })} actions={back}>
      {y ? children(y, standing, reload) : <Empty>{t('year.notOpened')}</Empty>}
    </Page>
  );
}
