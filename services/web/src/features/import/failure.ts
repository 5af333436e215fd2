import type { I18n } from '../../i18n/i18n';
import { saidIn } from '../../i18n/saidIn';
import type { Job } from './api';

/**
 * Why a failed import wrote nothing, in the reader's language where the server wrote it so. A failure without a
 * message was cut off by its server stopping: the transaction went with it.
 */
export function failureReason(i18n: I18n, job: Pick<Job, 'error' | 'errorEnglish'>) {
  return job.error
    ? saidIn(i18n.locale, { text: job.error, english: job.errorEnglish })
    : { text: i18n.t('import.interrupted'), lang: i18n.locale };
}
