import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { CardTable } from '../../ui/CardTable';
import { Loading } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { failureReason } from './failure';
import { ImportError, recentImports, type Kind, type PastImport } from './api';

/**
 * The province's last confirmed imports: what was imported, when, by whom and with what result. It is what a
 * reload, or a colleague, finds after an import (the page's own result lasts as long as the page); an import still
 * running is followed here until it ends. `version` changes when the page's own import starts or ends.
 */
export function ImportHistory({ version }: { version: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [jobs, setJobs] = useState<PastImport[] | null>(null);
  const [failure, setFailure] = useState<ImportError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    recentImports().then(
      (list) => live && (setJobs(list), setFailure(null)),
      (e: ImportError) => live && setFailure(e),
    );
    return () => {
      live = false;
    };
  }, [version, attempt]);

  // An import under way (this page's or another's) is read again until it has ended.
  const running = !!jobs?.some((j) => j.status === 'RUNNING');
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => setAttempt((n) => n + 1), 2000);
    return () => clearTimeout(timer);
  }, [running, jobs]);

  const counts = (c: { created: number; updated: number; unchanged: number }) =>
    t('import.counts', { created: c.created, updated: c.updated, unchanged: c.unchanged });
  const outcome = (j: PastImport) =>
    j.status === 'DONE' && j.result
      ? t('import.history.done', { counts: counts(j.result) })
      : j.status === 'RUNNING'
        ? t('import.history.running', { done: i18n.number(j.processedRows), total: i18n.number(j.totalRows) })
        : failed(j);
  const failed = (j: PastImport) => {
    const said = failureReason(i18n, j);
    return (
      <>
        {t('import.history.failed')} – <span lang={said.lang}>{said.text}</span>
      </>
    );
  };

  return (
    <section className="card" aria-labelledby="import-history-title">
      <h2 id="import-history-title">{t('import.history.title')}</h2>
      {failure ? (
        <ApiErrorView error={failure.error} retry={() => setAttempt((n) => n + 1)} />
      ) : !jobs ? (
        <Loading />
      ) : !jobs.length ? (
        <p className="muted">{t('import.history.none')}</p>
      ) : (
        <TableWrap label={t('import.history.title')}>
          <CardTable
            caption={<span className="visually-hidden">{t('import.history.title')}</span>}
            columns={[
              t('import.history.when'),
              t('import.kind'),
              t('import.history.file'),
              t('import.history.by'),
              t('import.history.outcome'),
            ]}
            rows={jobs.map((j) => ({
              key: j.id,
              heading: i18n.dateTime(j.confirmedAt),
              cells: [
                t(`import.kind.${j.kind.toLowerCase() as Kind}`),
                <span key="file" className="import-file-name">
                  {j.fileName}
                </span>,
                j.confirmedByName ?? '—',
                outcome(j),
              ],
            }))}
          />
        </TableWrap>
      )}
    </section>
  );
}
