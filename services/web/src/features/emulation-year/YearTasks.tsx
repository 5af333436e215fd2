import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { YEAR_STATES } from './NextStep';
import { BEFORE_SCORING, REGISTRATION_OPEN, sheetsToWrite, yearPath, type Year } from './useYear';

const COVENANT_EDITABLE = ['DRAFT', 'OPEN'];

/**
 * What the person can do in the year now, each a large link to a screen that does one thing (a phone in
 * hand): sign, register, score; and for whoever runs the year, the covenant and the criteria.
 */
export function YearTasks({
  blockId,
  y,
  standing,
}: {
  blockId: string;
  y: Year;
  standing: { admin: boolean; mine: string[]; runs: boolean; writable: boolean };
}) {
  const { t } = useI18n();
  const { names } = useUnitNames(standing.mine);
  const base = yearPath(blockId, y.year);
  const signed = new Set(y.covenantSignatures.map((s) => s.unitId));
  const tasks: { href: string; label: string }[] = [];
  const noSignature = y.covenantSignatures.length === 0;
  // In a former province (read-only) only reading remains.
  if (standing.writable) {
    if (standing.runs && COVENANT_EDITABLE.includes(y.state) && noSignature)
      tasks.push({ href: `${base}/covenant`, label: t('tasks.covenant') });
    if (standing.admin && BEFORE_SCORING.includes(y.state))
      tasks.push({ href: `${base}/criteria`, label: t('tasks.criteria') });
    for (const unit of standing.mine) {
      const who = standing.mine.length > 1 ? ` – ${unitName(names, unit)}` : '';
      if (y.state === 'OPEN' && !signed.has(unit))
        tasks.push({ href: `${base}/sign`, label: t('tasks.sign') + who });
      if (REGISTRATION_OPEN.includes(y.state))
        tasks.push({ href: `${base}/titles?unit=${unit}`, label: t('tasks.titles') + who });
      if (y.state === 'SCORING' && sheetsToWrite(y, unit).length)
        tasks.push({ href: `${base}/sheets?unit=${unit}`, label: t('tasks.sheets') + who });
    }
    if (standing.admin && y.state === 'OPEN' && signed.size < y.members.length)
      tasks.push({ href: `${base}/sign`, label: t('tasks.signOnBehalf') });
    if (standing.admin && REGISTRATION_OPEN.includes(y.state))
      tasks.push({ href: `${base}/titles`, label: t('tasks.titlesOnBehalf') });
    if (standing.admin && y.state === 'SCORING')
      tasks.push({ href: `${base}/sheets`, label: t('tasks.sheetsOnBehalf') });
  }
  // Once scoring is over, the sheets the unit wrote stay a tap away to read (in a former province too).
  if (YEAR_STATES.indexOf(y.state) >= YEAR_STATES.indexOf('SCORES_LOCKED'))
    for (const unit of standing.mine) {
      const who = standing.mine.length > 1 ? ` – ${unitName(names, unit)}` : '';
      tasks.push({ href: `${base}/sheets?unit=${unit}`, label: t('tasks.sheetsMine') + who });
    }
  // Appraising the dossier: the points and evidence each sheet gave, read once scores are locked.
  if (standing.admin && !REGISTRATION_OPEN.includes(y.state))
    tasks.push({ href: `${base}/sheets`, label: t('tasks.sheetsRead') });
  if (!tasks.length) return null;
  return (
    <section className="card" aria-labelledby="year-tasks">
      <h2 id="year-tasks">{t('tasks.title')}</h2>
      <ul className="year-tasks">
        {tasks.map((task) => (
          <li key={task.href + task.label}>
            <Link href={task.href} className="button button-primary button-large button-block">
              {task.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
