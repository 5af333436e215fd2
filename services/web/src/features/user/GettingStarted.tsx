import { useQuery } from 'urql';
import { Link } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n, type MessageKey } from '../../i18n/i18n';

const StartQuery = graphql(`
  query GettingStarted {
    units(first: 1) {
      totalCount
    }
    blocks(first: 1) {
      totalCount
    }
    officers: users(first: 1, filter: { role: UNIT_OFFICER }) {
      totalCount
    }
    councilMembers: users(first: 1, filter: { role: COUNCIL_MEMBER }) {
      totalCount
    }
    invitations(first: 100, filter: { status: PENDING }) {
      nodes {
        id
        role
      }
    }
  }
`);

interface Step {
  key: 'units' | 'blocks' | 'officers' | 'council';
  href: string;
  done: boolean;
}

/**
 * A province's secretariat that has just started (no units, no blocks, nobody invited) is shown the steps that put
 * the province to work, in their order, each marked once done; the card goes once the units, blocks and officers
 * are there. An officer or a council member invited and not yet accepting counts: the step is the invitation.
 */
export function GettingStarted() {
  const { t } = useI18n();
  const [res] = useQuery({ query: StartQuery, requestPolicy: 'cache-and-network' });
  const d = res.data;
  if (!d) return null;
  const invited = (role: string) => d.invitations.nodes.some((i) => i.role === role);
  const steps: Step[] = [
    { key: 'units', href: '/units', done: d.units.totalCount > 0 },
    { key: 'blocks', href: '/blocks', done: d.blocks.totalCount > 0 },
    { key: 'officers', href: '/users', done: d.officers.totalCount > 0 || invited('UNIT_OFFICER') },
    // The invitation form opens on the council's role (the step before it is the officers').
    {
      key: 'council',
      href: '/users?role=COUNCIL_MEMBER',
      done: d.councilMembers.totalCount > 0 || invited('COUNCIL_MEMBER'),
    },
  ];
  const next = steps.find((s) => !s.done);
  // At work once it has units, blocks and officers: the council's invitations are then the secretariat's own
  // business, not a first step (a province may seat its council later).
  if (!next || steps.slice(0, 3).every((s) => s.done)) return null;
  return (
    <section className="card getting-started" aria-labelledby="getting-started">
      <h2 id="getting-started">{t('start.title')}</h2>
      <p>{t('start.intro')}</p>
      <ol className="start-steps">
        {steps.map((s) => (
          <li key={s.key} className={s.done ? 'step-done' : undefined}>
            <Link href={s.href} aria-current={s === next ? 'step' : undefined}>
              {t(`start.${s.key}` as MessageKey)}
            </Link>
            {s.done ? (
              <span className="start-state"> ✓ {t('steps.done')}</span>
            ) : (
              <p className="hint">{t(`start.${s.key}Hint` as MessageKey)}</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
