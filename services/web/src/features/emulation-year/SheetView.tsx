import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { errorCode } from '../../i18n/errors';
import { EvidenceFiles, type Evidence } from '../attachment/Evidence';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import type { Sheet } from './SheetPage';
import type { Year } from './useYear';

/**
 * A sheet as it was sent, once scores are locked: each criterion's points and evidence, the deductions and the
 * bonus asked for. Read by the secretariat when it appraises the block's dossier, and by the units concerned.
 */
export function SheetView({
  y,
  sheet,
  scorer,
  target,
  evidence,
}: {
  y: Year;
  sheet: Sheet;
  scorer: string;
  target: string;
  /** A member's own sheet: its evidence files, beside its words. */
  evidence?: Evidence;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { names } = useUnitNames([scorer, target]);
  const set = y.criteriaSet!;
  const points = (code: string, list: { code: string; points: number }[]) =>
    list.find((s) => s.code === code)?.points ?? null;
  const sent = (code: string) => sheet.evidence.find((e) => e.code === code);
  const total = criteriaPoints(sheet.scores);
  const rows = (items: { code: string; title: string; maxPoints: number }[], list: typeof sheet.scores) =>
    items.map((c) => {
      const ev = sent(c.code);
      return (
        <tr key={c.code}>
          <th scope="row">
            {c.code}. {c.title}
          </th>
          <td className="num">{i18n.number(points(c.code, list))}</td>
          <td className="num">{i18n.number(c.maxPoints)}</td>
          <td>
            {ev?.text}
            {ev?.links.map((link) => (
              <a key={link} href={link} target="_blank" rel="noopener noreferrer" className="evidence-link">
                {link}
              </a>
            ))}
            {evidence && <EvidenceFiles evidence={evidence} code={c.code} />}
          </td>
        </tr>
      );
    });
  const head = (
    <thead>
      <tr>
        <th scope="col">{t('sheets.criterion')}</th>
        <th scope="col" className="num">
          {t('sheets.points')}
        </th>
        <th scope="col" className="num">
          {t('sheets.maxColumn')}
        </th>
        <th scope="col">{t('sheets.evidence')}</th>
      </tr>
    </thead>
  );
  return (
    <section className="card" aria-labelledby="sheet-sent">
      <h2 id="sheet-sent">
        {scorer === target
          ? t('sheets.selfIntroSent', { unit: unitName(names, target) })
          : t('sheets.crossIntroSent', { scorer: unitName(names, scorer), unit: unitName(names, target) })}
      </h2>
      <p className="muted">
        {t('sheets.sentAt', { at: i18n.dateTime(sheet.submittedAt), v: sheet.version })}
      </p>
      {evidence?.error && errorCode(evidence.error) !== 'NOT_FOUND' && (
        <ApiErrorView error={evidence.error} retry={evidence.reload} />
      )}
      {sheet.onBehalfReason && (
        <Alert kind="info">{t('sheets.sentOnBehalf', { reason: sheet.onBehalfReason })}</Alert>
      )}
      {set.groups.map((g) => (
        <TableWrap key={g.name} label={g.name}>
          <table className="table">
            <caption>{g.name}</caption>
            {head}
            <tbody>{rows(g.criteria, sheet.scores)}</tbody>
          </table>
        </TableWrap>
      ))}
      {sheet.deductions.length > 0 && (
        <TableWrap label={t('sheets.deductions')}>
          <table className="table">
            <caption>{t('sheets.deductions')}</caption>
            {head}
            <tbody>
              {rows(
                set.deductionItems.filter((d) => sheet.deductions.some((x) => x.code === d.code)),
                sheet.deductions,
              )}
            </tbody>
          </table>
        </TableWrap>
      )}
      <dl className="facts">
        <div>
          <dt>{t('sheets.totalLabel')}</dt>
          <dd>
            {i18n.number(total)}/
            {i18n.number(set.groups.flatMap((g) => g.criteria).reduce((s, c) => s + c.maxPoints, 0))}
          </dd>
        </div>
        <div>
          <dt>{t('sheets.bonus')}</dt>
          <dd>{i18n.number(sheet.bonus)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** A sheet's criteria points: what its scorer gave before bonus and deductions. */
export function criteriaPoints(scores: readonly { points: number }[]): number {
  return scores.reduce((sum, s) => sum + s.points, 0);
}
