import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import {
  BEFORE_SCORING,
  covenantEditable,
  REGISTRATION_OPEN,
  sheetsToWrite,
  yearPath,
  type Year,
} from './useYear';

/**
 * What the person can do in the year now, each a large link to a screen that does one thing (a phone in
 * hand): sign, register, score; and for whoever runs the year, the covenant and the criteria.
 */
export function YearTasks({
  blockId,
  y,
  standing,
  returned = [],
}: {
  blockId: string;
  y: Year;
  standing: { admin: boolean; mine: string[]; runs: boolean; writable: boolean };
  /** Proposals returned for more material that the reader completes (whoever runs the year, the nominated unit). */
  returned?: { id: string; label: string }[];
}) {
  const { t } = useI18n();
  const { names } = useUnitNames(standing.mine);
  const base = yearPath(blockId, y.year);
  const signed = new Set(y.covenantSignatures.map((s) => s.unitId));
  const tasks: { href: string; label: string }[] = [];
  // A task of one of the person's units says which, when they have several.
  const who = (unit: string) => (standing.mine.length > 1 ? ` – ${unitName(names, unit)}` : '');
  // In a former province (read-only) only reading remains.
  if (standing.writable) {
    if (standing.runs && covenantEditable(y))
      tasks.push({ href: `${base}/covenant`, label: t('tasks.covenant') });
    if (standing.admin && BEFORE_SCORING.includes(y.state))
      tasks.push({ href: `${base}/criteria`, label: t('tasks.criteria') });
    for (const unit of standing.mine) {
      if (y.state === 'OPEN' && !signed.has(unit))
        tasks.push({ href: `${base}/sign`, label: t('tasks.sign') + who(unit) });
      if (REGISTRATION_OPEN.includes(y.state))
        tasks.push({ href: `${base}/titles?unit=${unit}`, label: t('tasks.titles') + who(unit) });
      if (y.state === 'SCORING' && sheetsToWrite(y, unit).length)
        tasks.push({ href: `${base}/sheets?unit=${unit}`, label: t('tasks.sheets') + who(unit) });
    }
    if (standing.admin && y.state === 'OPEN' && signed.size < y.members.length)
      tasks.push({ href: `${base}/sign`, label: t('tasks.signOnBehalf') });
    if (standing.admin && REGISTRATION_OPEN.includes(y.state))
      tasks.push({ href: `${base}/titles`, label: t('tasks.titlesOnBehalf') });
    if (standing.admin && y.state === 'SCORING')
      tasks.push({ href: `${base}/sheets`, label: t('tasks.sheetsOnBehalf') });
    for (const n of returned)
      tasks.push({ href: `/nominations/${n.id}`, label: t('tasks.returned', { what: n.label }) });
  }
  // Once scores are locked the sheets are read: each unit's own (in a former province too), and for appraising the
  // dossier, all the points and evidence each sheet gave.
  if (!REGISTRATION_OPEN.includes(y.state)) {
    for (const unit of standing.mine)
      tasks.push({ href: `${base}/sheets?unit=${unit}`, label: t('tasks.sheetsMine') + who(unit) });
    if (standing.admin) tasks.push({ href: `${base}/sheets`, label: t('tasks.sheetsRead') });
  }
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
