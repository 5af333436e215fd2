import { useEffect, useId, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { thisYear, today } from '../block/dates';
import { UnitChooser, type ChosenUnit } from '../unit/UnitChooser';

const BlockChoices = graphql(`
  query PastYearBlocks($search: String) {
    blocks(first: 100, filter: { search: $search }) {
      totalCount
      nodes {
        id
        name
        kind
      }
    }
  }
`);

const RecordPastYear = graphql(`
  mutation RecordPastYear($input: RecordPastYearInput!) {
    recordPastYear(input: $input) {
      id
      year
      block {
        id
        name
      }
    }
  }
`);

/** A block created with a year recorded here is offered at once, even when the list was empty. */
const BLOCKS_CONTEXT = { additionalTypenames: ['Block'] };
const NEW_BLOCK = 'new';
/** A member that year: proposed for the flag or the merit, and the votes each got when the minutes give them. */
type Member = ChosenUnit & { flag: boolean; merit: boolean; flagVotes: string; meritVotes: string };
const CONTESTS = [
  ['FLAG', 'flag', 'flagVotes'],
  ['MERIT', 'merit', 'meritVotes'],
] as const;
const BALLOTS = ['issued', 'returned', 'valid', 'invalid'] as const;
type Ballots = Record<(typeof BALLOTS)[number], string>;

const blank = (year: number) => ({
  blockId: '',
  newName: '',
  newKind: 'BLOCK' as 'BLOCK' | 'CLUSTER',
  year: String(year),
  theme: '',
  headUnitId: '',
  deputyUnitId: '',
  nextHeadUnitId: '',
  nextDeputyUnitId: '',
  heldOn: '',
  place: '',
  chairPerson: '',
  minutes: '',
  sourceReference: '',
});

/**
 * A block's year before the platform, from its minutes, decision or a press article (recordPastYear): the block
 * (or a new one), the members that year, who proposed the flag and the certificates of merit, the conference,
 * and the source. The year is closed at once and its proposals wait for the decision recorded below.
 */
export function PastYearForm({
  year,
  yearProblem,
  onRecorded,
}: {
  /** The year viewed above: the form records it unless the person types another. */
  year: number;
  /** Why the chosen province cannot record a year (another province ran it), or null. */
  yearProblem: (year: number) => string | null;
  onRecorded: (year: number) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [f, setF] = useState(() => blank(year));
  const [blockSearch, setBlockSearch] = useState('');
  const [members, setMembers] = useState<Member[]>([]);
  const [ballots, setBallots] = useState<Ballots>({ issued: '', returned: '', valid: '', invalid: '' });
  const [recorded, setRecorded] = useState<{ blockId: string; name: string; year: number } | null>(null);
  /** Counts the years recorded: the unit search starts afresh for the next one. */
  const [round, setRound] = useState(0);
  useEffect(() => setF((form) => ({ ...form, year: String(year) })), [year]);
  const [blocks] = useQuery({
    query: BlockChoices,
    variables: { search: blockSearch.trim() || null },
    context: BLOCKS_CONTEXT,
  });
  const record = useAction(RecordPastYear);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  // The chosen block's words for its head and deputy: "Trưởng cụm năm đó" for a cluster.
  const kind =
    f.blockId === NEW_BLOCK ? f.newKind : blocks.data?.blocks.nodes.find((b) => b.id === f.blockId)?.kind;
  const words = i18n.forBlock(kind);
  const setMember = (id: string, change: Partial<Member>) =>
    setMembers((ms) => ms.map((m) => (m.id === id ? { ...m, ...change } : m)));

  const counts = BALLOTS.map((k) => ballots[k].trim());
  // Votes cannot exceed the valid ballots when those are given, else the member units, one ballot each (the API
  // says the same).
  const maxVotes =
    counts.every(Boolean) && /^\d{1,4}$/.test(counts[2]!)
      ? Math.min(Number(counts[2]), 1000)
      : Math.max(members.length, 1);
  const badVote = (v: string) => !!v.trim() && (!/^\d{1,4}$/.test(v.trim()) || Number(v) > maxVotes);

  const checks = () => {
    const y = Number(f.year);
    const last = thisYear() - 1;
    const given = counts.filter(Boolean).length;
    const [issued, returned, valid, invalid] = counts.map(Number) as [number, number, number, number];
    const both = members.filter((m) => m.flag && m.merit);
    const heldYear = Number(f.heldOn.slice(0, 4));
    const badVotes = members.find((m) => badVote(m.flagVotes) || badVote(m.meritVotes));
    return {
      'contests.votes': badVotes ? t('past.check.votes', { name: badVotes.name, max: maxVotes }) : null,
      year:
        /^\d{4}$/.test(f.year.trim()) && y >= 2000 && y <= last
          ? yearProblem(y)
          : t('past.check.year', { last }),
      blockId: f.blockId ? null : t('past.check.block'),
      'newBlock.name':
        f.blockId !== NEW_BLOCK || (f.newName.trim().length >= 2 && f.newName.trim().length <= 200)
          ? null
          : t('past.check.blockName'),
      theme: !f.theme.trim() || f.theme.trim().length >= 2 ? null : t('past.check.theme'),
      memberUnitIds: members.length ? null : t('past.check.members'),
      deputyUnitId: f.deputyUnitId && f.deputyUnitId === f.headUnitId ? words.t('past.check.deputy') : null,
      nextDeputyUnitId:
        f.nextDeputyUnitId && f.nextDeputyUnitId === f.nextHeadUnitId ? words.t('past.check.deputy') : null,
      contests: both.length ? t('past.check.both', { names: both.map((m) => m.name).join(', ') }) : null,
      'conference.heldOn': !f.heldOn
        ? t('past.check.heldOn')
        : heldYear !== y && heldYear !== y + 1
          ? t('past.check.heldOnYear', { year: y, next: y + 1 })
          : f.heldOn > today()
            ? t('past.check.heldOnFuture')
            : null,
      'conference.place': f.place.trim().length >= 2 ? null : t('past.check.place'),
      ballots:
        given === 0
          ? null
          : given < 4 || counts.some((c) => !/^\d{1,4}$/.test(c) || Number(c) > 1000)
            ? t('past.check.ballotsAll')
            : returned > issued || valid + invalid !== returned
              ? t('past.check.ballotsSum')
              : null,
      sourceReference: f.sourceReference.trim().length >= 3 ? null : t('past.check.source'),
    };
  };

  // A year recorded from documents is closed at once and cannot be corrected: the person reads it back first.
  const [confirming, setConfirming] = useState(false);
  const review = (e: FormEvent) => {
    e.preventDefault();
    setRecorded(null);
    if (record.check(checks())) setConfirming(true);
  };
  const blockName =
    f.blockId === NEW_BLOCK
      ? f.newName.trim()
      : (blocks.data?.blocks.nodes.find((b) => b.id === f.blockId)?.name ?? '');
  const namesOf = (pick: (m: Member) => boolean) =>
    members
      .filter(pick)
      .map((m) => m.name)
      .join(', ') || t('past.noneProposed');

  const submit = async () => {
    const contests = CONTESTS.map(([kind, elected, votes]) => ({
      kind,
      electedUnitIds: members.filter((m) => m[elected]).map((m) => m.id),
      votes: members
        .filter((m) => m[votes].trim())
        .map((m) => ({ unitId: m.id, votes: Number(m[votes].trim()) })),
    }))
      .filter((c) => c.electedUnitIds.length || c.votes.length)
      .map((c) => ({ ...c, votes: c.votes.length ? c.votes : null }));
    const optional = (s: string) => s.trim() || null;
    const counts = BALLOTS.map((k) => ballots[k].trim());
    const done = await record.run(
      {
        input: {
          ...(f.blockId === NEW_BLOCK
            ? { newBlock: { name: f.newName.trim(), kind: f.newKind } }
            : { blockId: f.blockId }),
          year: Number(f.year),
          theme: optional(f.theme),
          memberUnitIds: members.map((m) => m.id),
          headUnitId: optional(f.headUnitId),
          deputyUnitId: optional(f.deputyUnitId),
          conference: {
            heldOn: f.heldOn,
            place: f.place.trim(),
            chairPerson: optional(f.chairPerson),
            minutes: optional(f.minutes),
          },
          ballots: counts.some(Boolean)
            ? { issued: +counts[0]!, returned: +counts[1]!, valid: +counts[2]!, invalid: +counts[3]! }
            : null,
          contests,
          nextHeadUnitId: optional(f.nextHeadUnitId),
          nextDeputyUnitId: optional(f.nextDeputyUnitId),
          sourceReference: f.sourceReference.trim(),
        },
      },
      checks(),
    );
    setConfirming(false);
    if (done) {
      const y = done.recordPastYear;
      setRecorded({ blockId: y.block.id, name: y.block.name, year: y.year });
      setF(blank(y.year));
      setMembers([]);
      setRound((r) => r + 1);
      setBallots({ issued: '', returned: '', valid: '', invalid: '' });
      onRecorded(y.year);
    }
  };

  const err = (k: string, except?: string) =>
    record.shown.fields[k] ??
    Object.entries(record.shown.fields).find(
      ([field]) => field.startsWith(`${k}.`) && field !== except,
    )?.[1] ??
    null;
  // The page's own check of the votes: said under the table, the wrong boxes marked (the first takes the focus).
  const votesError = record.shown.fields['contests.votes'] ?? null;
  const votesErrorId = useId();
  const memberChoice = (k: 'headUnitId' | 'deputyUnitId' | 'nextHeadUnitId' | 'nextDeputyUnitId') => (
    <SelectField label={words.t(`past.${k}`)} value={f[k]} error={err(k)} onChange={set(k)}>
      <option value="">{t('past.notRecorded')}</option>
      {members.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </SelectField>
  );
  const found = blocks.data?.blocks;

  return (
    <section className="card" aria-labelledby="past-year-title">
      <h2 id="past-year-title">{t('past.yearTitle')}</h2>
      <p className="muted">{t('past.yearIntro')}</p>
      <form className="form" noValidate onSubmit={review}>
        <fieldset className="fieldset">
          <legend>{t('past.blockLegend')}</legend>
          <div className="form-row">
            <Field
              label={t('past.blockSearch')}
              type="search"
              value={blockSearch}
              onChange={(e) => setBlockSearch(e.target.value)}
            />
            <SelectField
              label={t('past.block')}
              value={f.blockId}
              error={err('blockId')}
              hint={found ? t('past.blocksFound', { n: found.totalCount }) : undefined}
              onChange={set('blockId')}
            >
              <option value="">{t('chooser.choose')}</option>
              {found?.nodes.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
              <option value={NEW_BLOCK}>{t('past.newBlock')}</option>
            </SelectField>
          </div>
          {f.blockId === NEW_BLOCK && (
            <div className="form-row">
              <Field
                label={t('past.newBlockName')}
                value={f.newName}
                error={err('newBlock.name') ?? err('newBlock')}
                onChange={set('newName')}
              />
              <SelectField label={t('blocks.kind')} value={f.newKind} onChange={set('newKind')}>
                <option value="BLOCK">{t('blockKind.BLOCK')}</option>
                <option value="CLUSTER">{t('blockKind.CLUSTER')}</option>
              </SelectField>
            </div>
          )}
          <div className="form-row">
            <Field
              label={t('past.year')}
              inputMode="numeric"
              value={f.year}
              error={err('year')}
              onChange={set('year')}
            />
            <Field label={t('past.theme')} value={f.theme} error={err('theme')} onChange={set('theme')} />
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('past.membersLegend')}</legend>
          <p className="muted">{t('past.membersHint')}</p>
          <UnitChooser
            key={round}
            label={t('past.member')}
            addLabel={t('past.addMember')}
            exclude={new Set(members.map((m) => m.id))}
            error={err('memberUnitIds')}
            onAdd={(u) =>
              setMembers((ms) => [...ms, { ...u, flag: false, merit: false, flagVotes: '', meritVotes: '' }])
            }
          />
          {members.length > 0 && (
            <TableWrap label={t('past.membersLegend')}>
              <table className="table">
                <caption>{t('past.membersCaption', { n: members.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('past.member')}</th>
                    <th scope="col">{t('past.flag')}</th>
                    <th scope="col">{t('past.merit')}</th>
                    <th scope="col">{t('past.flagVotes')}</th>
                    <th scope="col">{t('past.meritVotes')}</th>
                    <th scope="col">{t('past.removeMember')}</th>
                  </tr>
                </thead>
                <tbody>
                  {members.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">{m.name}</th>
                      <td>
                        <label className="check">
                          <input
                            type="checkbox"
                            checked={m.flag}
                            onChange={(e) => setMember(m.id, { flag: e.target.checked })}
                          />
                          <span className="visually-hidden">{t('past.flagOf', { name: m.name })}</span>
                        </label>
                      </td>
                      <td>
                        <label className="check">
                          <input
                            type="checkbox"
                            checked={m.merit}
                            onChange={(e) => setMember(m.id, { merit: e.target.checked })}
                          />
                          <span className="visually-hidden">{t('past.meritOf', { name: m.name })}</span>
                        </label>
                      </td>
                      {(['flagVotes', 'meritVotes'] as const).map((k) => (
                        <td key={k}>
                          {/* The wrong count is marked and takes the focus, with the message under the table. */}
                          <input
                            className="input num-input"
                            inputMode="numeric"
                            aria-label={t(`past.${k}Of`, { name: m.name })}
                            aria-invalid={votesError && badVote(m[k]) ? true : undefined}
                            aria-describedby={votesError && badVote(m[k]) ? votesErrorId : undefined}
                            value={m[k]}
                            onChange={(e) => setMember(m.id, { [k]: e.target.value })}
                          />
                        </td>
                      ))}
                      <td>
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={t('past.removeMemberOf', { name: m.name })}
                          onClick={() => setMembers((ms) => ms.filter((x) => x.id !== m.id))}
                        >
                          {t('past.removeMember')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {members.length > 0 && <p className="muted">{t('past.votesHint')}</p>}
          {votesError && (
            <p id={votesErrorId} className="field-error">
              {votesError}
            </p>
          )}
          {err('contests', 'contests.votes') && (
            <p className="field-error">{err('contests', 'contests.votes')}</p>
          )}
          <div className="form-row">
            {memberChoice('headUnitId')}
            {memberChoice('deputyUnitId')}
          </div>
          <div className="form-row">
            {memberChoice('nextHeadUnitId')}
            {memberChoice('nextDeputyUnitId')}
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('past.conferenceLegend')}</legend>
          <div className="form-row">
            <DateField
              label={t('past.heldOn')}
              value={f.heldOn}
              error={err('conference.heldOn')}
              onChange={(value) => setF({ ...f, heldOn: value })}
            />
            <Field
              label={t('past.place')}
              value={f.place}
              error={err('conference.place')}
              onChange={set('place')}
            />
            <Field
              label={t('past.chair')}
              value={f.chairPerson}
              error={err('conference.chairPerson')}
              onChange={set('chairPerson')}
            />
          </div>
          <TextAreaField
            label={t('past.minutes')}
            value={f.minutes}
            error={err('conference.minutes')}
            onChange={set('minutes')}
          />
          <p className="muted">{t('past.ballotsHint')}</p>
          <div className="form-row">
            {BALLOTS.map((k) => (
              <Field
                key={k}
                label={t(`past.ballots.${k}`)}
                inputMode="numeric"
                value={ballots[k]}
                error={k === 'issued' ? err('ballots') : null}
                onChange={(e) => setBallots({ ...ballots, [k]: e.target.value })}
              />
            ))}
          </div>
        </fieldset>

        <Field
          label={t('past.source')}
          hint={t('past.sourceHint')}
          value={f.sourceReference}
          error={err('sourceReference')}
          onChange={set('sourceReference')}
        />
        {record.shown.general && <Alert>{record.shown.general}</Alert>}
        {recorded && (
          <Alert kind="success">
            {t('past.yearRecorded', { block: recorded.name, year: recorded.year })}{' '}
            <Link href={`/blocks/${recorded.blockId}/years/${recorded.year}`}>{t('past.openYear')}</Link>
          </Alert>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={record.busy}>
            {t('past.recordYear')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('past.confirmTitle', { year: f.year.trim(), block: blockName })}
        confirmLabel={t('past.recordYear')}
        busy={record.busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void submit()}
      >
        <ul>
          <li>{t('past.confirmMembers', { n: members.length })}</li>
          <li>{t('past.confirmFlag', { names: namesOf((m) => m.flag) })}</li>
          <li>{t('past.confirmMerit', { names: namesOf((m) => m.merit) })}</li>
        </ul>
        <p>{t('past.confirmBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
