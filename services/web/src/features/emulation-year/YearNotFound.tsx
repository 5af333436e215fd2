import { Link } from 'wouter';
import { errorCode } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import { Alert, Page } from '../../ui/Page';
import type { useYear } from './useYear';

/**
 * A block of another province or an address typed wrong (an id or a year that is none) has no block name to title
 * the page with: it is not found, headed as the application's unknown pages are.
 */
export function yearMissing({ res, block }: Pick<ReturnType<typeof useYear>, 'res' | 'block'>): boolean {
  return ['NOT_FOUND', 'BAD_USER_INPUT'].includes(errorCode(res.error) ?? '') || (!!res.data && !block);
}

export function YearNotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('app.notFound')}>
      <Alert>{t('year.notFound')}</Alert>
      <p>
        <Link href="/blocks">{t('year.toBlocks')}</Link>
      </p>
    </Page>
  );
}
