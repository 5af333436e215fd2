import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useLocation } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { HeadDeputyFields } from '../emulation-year/HeadDeputyFields';
import { thisYear } from './dates';

/** The block's members in the year, and the head and deputy its conference of the year before elected. */
const MembersInYear = graphql(`
  query MembersInYear($id: ID!, $year: Int!, $previous: Int!) {
    block(id: $id) {
      id
      members(year: $year) {
        id
        name
      }
    }
    emulationYear(blockId: $id, year: $previous) {
      id
      awardOutcome {
        nextHeadUnitId
        nextDeputyUnitId
      }
    }
  }
`);
const OpenYear = graphql(`
  mutation OpenEmulationYear($input: OpenEmulationYearInput!) {
    openEmulationYear(input: $input) {
      id
      year
    }
  }
`);

/** The secretariat opens a block's year in draft: its theme and the year's head and deputy units. */
export function OpenYearForm({ blockId, years }: { blockId: string; years: number[] }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  // The first year from this one that the block has not opened: not a year the form would refuse.
  const [year, setYear] = useState(() => {
    let first = thisYear();
    while (years.includes(first)) first++;
    return String(first);
  });
  const [theme, setTheme] = useState('');
  // What the secretariat picked; until it picks, the elected head and deputy (below) stand.
  const [picked, setPicked] = useState<{ head: string; deputy: string } | null>(null);
  const valid = /^\d{4}$/.test(year) && +year >= 2000 && +year <= 2100;
  const [members] = useQuery({
    query: MembersInYear,
    variables: { id: blockId, year: Number(year), previous: Number(year) - 1 },
    pause: !valid,
    // Members change on the same page (the block page remounts this form then): read them afresh.
    requestPolicy: 'network-only',
  });
  const open = useAction(OpenYear);
  const units = members.data?.block.members ?? [];
  // The conference elected next year's head and deputy (a NEXT_HEAD vote): offered as chosen, until changed.
  const elected = members.data?.emulationYear?.awardOutcome;
  const member = (id: string | null | undefined) => (id && units.some((u) => u.id === id) ? id : '');
  const electedHead = member(elected?.nextHeadUnitId);
  const electedDeputy = member(elected?.nextDeputyUnitId);
  const head = picked ? picked.head : electedHead;
  const deputy = picked ? picked.deputy : electedDeputy;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const done = await open.run(
      {
        input: {
          blockId,
          year: Number(year),
          theme: theme.trim() || null,
          headUnitId: head || null,
          deputyUnitId: deputy || null,
        },
      },
      {
        year: !valid ? t('blocks.yearInvalid') : years.includes(Number(year)) ? t('openYear.exists') : null,
        theme: theme.trim() && theme.trim().length < 2 ? t('openYear.themeShort') : null,
        deputyUnitId: head && head === deputy ? t('openYear.sameUnit') : null,
      },
    );
    if (done) navigate(`/blocks/${blockId}/years/${done.openEmulationYear.year}`);
  }

  return (
    <section className="card" aria-labelledby="open-year">
      <h2 id="open-year">{t('openYear.title')}</h2>
      <p className="muted">{t('openYear.intro')}</p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {open.shown.general && <Alert>{open.shown.general}</Alert>}
        <Field
          label={t('blocks.yearCol')}
          inputMode="numeric"
          className="num-input"
          value={year}
          error={open.shown.fields.year}
          onChange={(e) => setYear(e.target.value)}
        />
        <Field
          label={t('year.theme')}
          value={theme}
          maxLength={500}
          error={open.shown.fields.theme}
          onChange={(e) => setTheme(e.target.value)}
        />
        <HeadDeputyFields
          units={units}
          head={head}
          deputy={deputy}
          onHead={(id) => setPicked({ head: id, deputy })}
          onDeputy={(id) => setPicked({ head, deputy: id })}
          errors={open.shown.fields}
        />
        {!picked && (electedHead || electedDeputy) && (
          <p className="muted">{t('openYear.elected', { year: Number(year) - 1 })}</p>
        )}
        <button type="submit" className="button button-primary" disabled={open.busy}>
          {t('openYear.submit')}
        </button>
      </form>
    </section>
  );
}
