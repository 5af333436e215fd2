import { awardRepository, baseSalaryRepository, type Nomination } from '@thidua/db';
import { baseSalaryOn, prizeMoney, type AwardForm } from '@thidua/domain';
import { badInput, missingRef } from '../../common/errors';

/** The nominations a decision names, each present in this province and in one of the statuses it may decide. */
export async function decidableNominations(
  nominationIds: readonly string[],
  allowed: readonly Nomination['status'][],
): Promise<{ ids: string[]; nominations: Nomination[] }> {
  const ids = [...new Set(nominationIds)];
  const nominations = await awardRepository.nominationsByIds(ids);
  for (const id of ids) {
    const n = nominations.find((x) => x.id === id);
    if (!n) throw missingRef('nominationIds', 'Nomination', id);
    if (!allowed.includes(n.status))
      throw badInput('nominationIds', `nomination ${id} is ${n.status}, not ${allowed.join(' or ')}`);
  }
  return { ids, nominations };
}

/**
 * A decision's annexed items: each nomination with its prize money, the form's multiplier × the base salary in
 * force on the decision's date (the platform's table), and that salary's first day, kept with the decision; no
 * salary in force is the date's fault.
 */
export async function decisionItems(nominations: readonly Nomination[], decisionDate: string) {
  const { rules } = await awardRepository.rulesFor(Number(decisionDate.slice(0, 4)));
  const salaries = await baseSalaryRepository.list();
  const inForce = baseSalaryOn(salaries, decisionDate);
  if (!inForce) throw badInput('decisionDate', `No base salary in force on ${decisionDate}`);
  return {
    baseSalaryFrom: inForce.effectiveFrom,
    items: nominations.map((n) => ({
      nominationId: n.id,
      unitId: n.unitId,
      personId: n.personId,
      form: n.form,
      prizeVnd: prizeMoney(n.form as AwardForm, decisionDate, rules, salaries),
    })),
  };
}
