import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useParams } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { TextAreaField } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { CovenantView } from './CovenantView';
import { TaskPage } from './TaskPage';
import { covenantEditable, yearPath, type Year } from './useYear';

const SetItems = graphql(`
  mutation SetCovenantItems($id: ID!, $items: [String!]!) {
    setCovenantItems(emulationYearId: $id, items: $items) {
      position
      text
    }
  }
`);

/** The head unit (or the secretariat) writes the covenant's numbered items before anyone signs. */
export default function CovenantPage() {
  const { blockId, year } = useParams<{ blockId: string; year: string }>();
  const { t } = useI18n();
  return (
    <TaskPage
      blockId={blockId}
      year={year}
      title={(y, standing) =>
        t(y && standing.runs && covenantEditable(y) ? 'covenant.editTitle' : 'covenant.title')
      }
    >
      {(y, standing, reload) =>
        // Whoever cannot edit it (now or any more) still reads the covenant and its signatures here; who writes
        // it is said only while it can still be written.
        !standing.runs ? (
          <>
            {covenantEditable(y) && (
              <Alert kind="info">{t(standing.writable ? 'covenant.notYours' : 'app.readOnly')}</Alert>
            )}
            <CovenantView y={y} theme />
          </>
        ) : !covenantEditable(y) ? (
          <>
            <Alert kind="info">{t('covenant.frozen')}</Alert>
            <CovenantView y={y} theme />
          </>
        ) : (
          <CovenantEditor blockId={blockId} y={y} onSaved={reload} />
        )
      }
    </TaskPage>
  );
}

function CovenantEditor({ blockId, y, onSaved }: { blockId: string; y: Year; onSaved: () => void }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [items, setItems] = useState(() =>
    y.covenantItems.length ? y.covenantItems.map((i) => i.text) : [''],
  );
  const save = useAction(SetItems);
  // An item added is where the keyboard goes: it is typed into next, not skipped past to "Lưu giao ước".
  const list = useRef<HTMLOListElement>(null);
  const added = useRef<number | null>(null);
  useEffect(() => {
    if (added.current === null) return;
    list.current?.querySelectorAll('textarea')[added.current]?.focus();
    added.current = null;
  }, [items]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checks = Object.fromEntries(
      items.map((text, i) => [`items.${i}`, text.trim() ? null : t('covenant.itemEmpty')]),
    );
    const done = await save.run(
      { id: y.id, items: items.map((i) => i.trim()) },
      { ...checks, items: items.length > 50 ? t('covenant.tooMany') : null },
    );
    if (done) {
      onSaved();
      // The year page says it was saved, with the count, above the covenant it now shows.
      navigate(`${yearPath(blockId, y.year)}?covenantSaved=${items.length}`);
    }
  }
  const move = (from: number, to: number) => {
    const next = [...items];
    next.splice(to, 0, next.splice(from, 1)[0]!);
    setItems(next);
    save.reset();
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate>
      <p>{t('covenant.intro')}</p>
      {(save.shown.general ?? save.shown.fields.items) && (
        <Alert>{save.shown.general ?? save.shown.fields.items}</Alert>
      )}
      <ol className="covenant-edit" ref={list}>
        {items.map((text, i) => (
          <li key={i}>
            <TextAreaField
              label={t('covenant.item', { n: i + 1 })}
              value={text}
              rows={2}
              error={save.shown.fields[`items.${i}`]}
              onChange={(e) => {
                setItems(items.map((x, j) => (j === i ? e.target.value : x)));
                // A refusal about an item no longer holds once it is edited.
                if (save.shown.fields[`items.${i}`]) save.reset();
              }}
            />
            {items.length > 1 && (
              <div className="actions">
                {i > 0 && (
                  <button type="button" className="button button-secondary" onClick={() => move(i, i - 1)}>
                    {t('covenant.moveUp', { n: i + 1 })}
                  </button>
                )}
                {i < items.length - 1 && (
                  <button type="button" className="button button-secondary" onClick={() => move(i, i + 1)}>
                    {t('covenant.moveDown', { n: i + 1 })}
                  </button>
                )}
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => {
                    setItems(items.filter((_, j) => j !== i));
                    save.reset();
                  }}
                >
                  {t('covenant.removeItem', { n: i + 1 })}
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            added.current = items.length;
            setItems([...items, '']);
          }}
        >
          {t('covenant.addItem')}
        </button>
        <button type="submit" className="button button-primary" disabled={save.busy}>
          {t('covenant.save')}
        </button>
      </div>
    </form>
  );
}
