import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { saidIn } from '../../i18n/saidIn';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { FileField } from '../../ui/Field';
import { Alert, Page } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { failureReason } from './failure';
import { ImportHistory } from './ImportHistory';
import {
  checkFile,
  confirmImport,
  ImportError,
  KINDS,
  readJob,
  type Counts,
  type Job,
  type Kind,
} from './api';

/**
 * The secretariat onboards its province from spreadsheets, one kind at a time in the order they refer to each
 * other: download the template, upload the filled file for a dry run, read its problems by row and column, and
 * confirm; the import then runs in one transaction while the page follows its progress.
 */
export default function ImportPage() {
  const i18n = useI18n();
  const { t } = i18n;
  // A page that links here may say what to import (`/import?kind=persons` from the people's list).
  const asked = new URLSearchParams(useSearch()).get('kind');
  const [kind, setKind] = useState<Kind>(KINDS.find((k) => k === asked) ?? 'units');
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [failure, setFailure] = useState<ImportError | null>(null);
  const [busy, setBusy] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  // A new picker (its key) forgets the file chosen: the same file chosen again is then a change the input hears.
  const [picker, setPicker] = useState({ key: 0, focus: false });
  const [, navigate] = useLocation();
  function forgetFile(focus: boolean) {
    setFile(null);
    setPicker((p) => ({ key: p.key + 1, focus }));
  }

  // The button pressed is disabled while the file is read, which drops the keyboard's focus: it goes to what the
  // check (or the import) found, and back to the button when the request was refused.
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const checkButton = useRef<HTMLButtonElement>(null);
  const settled = job && job.status !== 'RUNNING' ? `${job.id}:${job.status}` : null;
  useEffect(() => {
    if (settled) resultHeading.current?.focus();
  }, [settled]);
  useEffect(() => {
    if (failure && !busy) checkButton.current?.focus();
  }, [failure, busy]);

  // Follows a running import until it has finished.
  useEffect(() => {
    if (job?.status !== 'RUNNING') return;
    const timer = setTimeout(() => {
      readJob(job.id).then(setJob, (e: ImportError) => setFailure(e));
    }, 500);
    return () => clearTimeout(timer);
  }, [job]);

  async function act(work: () => Promise<Job>) {
    setBusy(true);
    setFailure(null);
    try {
      setJob(await work());
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      if (e.limitBytes) {
        setFileError(t('import.tooLarge', { size: i18n.number(e.limitBytes / 1024 / 1024, 1) }));
      } else setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFileError(null);
    // A result on screen is of the file as it was checked: a new check replaces it, or says why it could not.
    setJob(null);
    if (!file) return setFileError(t('import.chooseFile'));
    // Read now, as it is: the browser refuses to send a file saved again since it was chosen (fixed after the
    // check, the usual way), and asks for it to be chosen again.
    let content: File;
    setBusy(true);
    try {
      content = new File([await file.arrayBuffer()], file.name, { type: file.type });
    } catch {
      setBusy(false);
      forgetFile(true);
      return setFileError(t('import.fileChanged', { file: file.name }));
    }
    void act(() => checkFile(kind, content));
  }

  const counts = (c: Counts) =>
    t('import.counts', { created: c.created, updated: c.updated, unchanged: c.unchanged });
  const writes = job?.plan ? job.plan.created + job.plan.updated : 0;

  return (
    <Page title={t('import.title')} subtitle={t('import.subtitle')} wide>
      <form onSubmit={(e) => void submit(e)} className="import-form" noValidate>
        <div className="field">
          <label htmlFor="import-kind">{t('import.kind')}</label>
          <select
            id="import-kind"
            value={kind}
            onChange={(e) => {
              const next = e.target.value as Kind;
              setKind(next);
              setJob(null);
              setFailure(null);
              setFileError(null);
              // A file chosen for another kind is not this one's; the address names the kind read now.
              forgetFile(false);
              navigate(`/import?kind=${next}`, { replace: true });
            }}
          >
            {KINDS.map((k, i) => (
              <option key={k} value={k}>
                {i + 1}. {t(`import.kind.${k}`)}
              </option>
            ))}
          </select>
          <p className="field-hint">{t(`import.hint.${kind}`)}</p>
        </div>
        <p className="import-templates">
          {t('import.template')}{' '}
          <a href={`/import/templates/${kind}.xlsx`} download className="link-tap">
            {t('import.templateXlsx')}
          </a>{' '}
          ·{' '}
          <a href={`/import/templates/${kind}.csv`} download className="link-tap">
            {t('import.templateCsv')}
          </a>
        </p>
        <FileField
          key={picker.key}
          autoFocus={picker.focus}
          label={t('import.file')}
          hint={t('import.fileHint')}
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          error={fileError}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setJob(null);
            setFileError(null);
          }}
        />
        <button
          ref={checkButton}
          type="submit"
          className="button button-primary"
          disabled={busy || job?.status === 'RUNNING'}
        >
          {t('import.check')}
        </button>
      </form>

      {failure && <ApiErrorView error={failure.error} />}

      {job && (
        <section className="import-result" aria-labelledby="import-result-title">
          <h2 id="import-result-title" ref={resultHeading} tabIndex={-1}>
            {t('import.resultTitle', { file: job.fileName, rows: i18n.number(job.totalRows) })}
          </h2>
          {job.status === 'CHECKED' && job.problemCount === 0 && job.plan && (
            <>
              <Alert kind="info">
                <p>{t('import.ready', { counts: counts(job.plan) })}</p>
                {!!job.plan.notes?.length && (
                  <>
                    <p>{t('import.notes')}</p>
                    <ul>
                      {job.plan.notes.map((note, i) => {
                        const said = saidIn(i18n.locale, {
                          text: note,
                          english: job.plan?.notesEnglish?.[i],
                        });
                        return (
                          <li key={note} lang={said.lang}>
                            {said.text}
                          </li>
                        );
                      })}
                    </ul>
                  </>
                )}
                <p>{t('import.nothingYet')}</p>
              </Alert>
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => act(() => confirmImport(job))}
              >
                {t('import.confirm')}
              </button>
            </>
          )}
          {job.status === 'RUNNING' && (
            <div role="status">
              <p>
                {t('import.running', { done: i18n.number(job.processedRows), total: i18n.number(writes) })}
              </p>
              <progress
                max={Math.max(writes, 1)}
                value={job.processedRows}
                aria-label={t('import.progress')}
              />
            </div>
          )}
          {job.status === 'DONE' && job.result && (
            <Alert kind="success">
              <p>{t('import.done', { counts: counts(job.result) })}</p>
            </Alert>
          )}
          {job.status === 'FAILED' && (
            <Alert>
              <FailureReason job={job} />
            </Alert>
          )}
          {job.problemCount > 0 && <Problems job={job} />}
        </section>
      )}
      {/* Read again as this page's import starts and ends. */}
      <ImportHistory version={job && job.status !== 'CHECKED' ? `${job.id}:${job.status}` : ''} />
    </Page>
  );
}

function Problems({ job }: { job: Job }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <>
      <Alert>
        <p>{t('import.problems', { n: i18n.number(job.problemCount) })}</p>
        {job.problems.length < job.problemCount && (
          <p>{t('import.problemsFirst', { n: i18n.number(job.problems.length) })}</p>
        )}
      </Alert>
      <TableWrap label={t('import.problemsTable')}>
        <table className="table">
          <caption>{t('import.problemsTable')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.row')}
              </th>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.message')}</th>
            </tr>
          </thead>
          <tbody>
            {job.problems.map((p, i) => {
              const said = saidIn(i18n.locale, { text: p.message, english: p.english });
              return (
                <tr key={i}>
                  <td className="num">{p.row}</td>
                  {/* The template's header, as the file has it. */}
                  <td lang="vi">{p.column}</td>
                  <td lang={said.lang}>{said.text}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

/** Why a failed import wrote nothing, in the reader's language where the server wrote it so. */
function FailureReason({ job }: { job: Job }) {
  const i18n = useI18n();
  const said = failureReason(i18n, job);
  return <p lang={said.lang}>{said.text}</p>;
}
