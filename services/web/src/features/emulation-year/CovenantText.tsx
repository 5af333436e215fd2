import { useI18n } from '../../i18n/i18n';
import { Empty } from '../../ui/Page';
import type { Year } from './useYear';

/** The covenant's numbered items as the members read and sign them, with the year's theme when asked for. */
export function CovenantText({ y, theme = false }: { y: Year; theme?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {theme && y.theme && (
        <p>
          <strong>{t('year.theme')}:</strong> {y.theme}
        </p>
      )}
      {y.covenantItems.length === 0 ? (
        <Empty>{t('covenant.empty')}</Empty>
      ) : (
        <ol className="covenant-items">
          {y.covenantItems.map((i) => (
            <li key={i.position}>{i.text}</li>
          ))}
        </ol>
      )}
    </>
  );
}
