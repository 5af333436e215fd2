import { readFragment } from 'gql.tada';
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { graphql, type ResultOf } from '../../graphql';
import { readOnlyHere, useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Choice } from '../../ui/Choice';
import { Field } from '../../ui/Field';
import { Alert, Loading, Page } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { DocumentDownloads } from './DocumentDownloads';
import { useFormerProvinces } from '../province/useFormerProvinces';

const LayoutFields = graphql(`
  fragment CertificateLayoutFields on CertificateLayout {
    paper
    isDefault
    fields {
      field
      x
      y
      size
      width
      align
      bold
      italic
    }
  }
`);

const LayoutQuery = graphql(
  `
    query CertificateLayoutPage {
      certificateLayout {
        ...CertificateLayoutFields
      }
      awardDecisions(first: 1) {
        id
        numberText
        decisionDate
      }
    }
  `,
  [LayoutFields],
);

const SetLayout = graphql(
  `
    mutation SetCertificateLayout($input: CertificateLayoutInput!) {
      setCertificateLayout(input: $input) {
        ...CertificateLayoutFields
      }
    }
  `,
  [LayoutFields],
);

const ResetLayout = graphql(
  `
    mutation ResetCertificateLayout {
      resetCertificateLayout {
        ...CertificateLayoutFields
      }
    }
  `,
  [LayoutFields],
);

type Layout = ResultOf<typeof LayoutFields>;
type Paper = Layout['paper'];
type Align = Layout['fields'][number]['align'];
interface Row {
  field: Layout['fields'][number]['field'];
  x: string;
  y: string;
  size: string;
  width: string;
  align: Align;
  bold: boolean;
  italic: boolean;
}

/** The blank lies landscape: width along the long side, as packages/documents' PAPER_MM turned. */
const SHEET_MM: Record<Paper, { width: number; height: number }> = {
  A4: { width: 297, height: 210 },
  A3: { width: 420, height: 297 },
};
/** The API's bounds (services/gateway/src/modules/documents/certificate-layout.ts checkLayout). */
const SIZE = { min: 6, max: 72 };
const MIN_WIDTH = 10;

const num = (s: string) => (s.trim() === '' ? NaN : Number(s.trim().replace(',', '.')));
const inRange = (v: number, min: number, max: number) => Number.isFinite(v) && v >= min && v <= max;
/** The form's rows from the API's layout, numbers written as the person writes them (148,5 in Vietnamese). */
const rowsOf = (layout: Layout, number: (v: number, digits: number) => string): Row[] =>
  layout.fields.map((f) => ({
    field: f.field,
    x: number(f.x, 2),
    y: number(f.y, 2),
    size: number(f.size, 2),
    width: f.width === null ? '' : number(f.width, 2),
    align: f.align,
    bold: f.bold,
    italic: f.italic,
  }));

/**
 * Where the province's pre-printed certificate blank (A4 or A3, landscape) takes each printed field, in mm from
 * the blank's left and top edges: the secretariat measures its blank and sets them here; the certificates of
 * every decision print there. Returning to the platform's default is asked first.
 */
export default function CertificateLayoutPage() {
  const { t } = useI18n();
  const [res, refetch] = useQuery({ query: LayoutQuery });
  const [saved, setSaved] = useState<'saved' | 'reset' | null>(null);
  const title = t('certLayout.title');
  // A former province's layout is read (its certificates print with it); it is not changed any more.
  const readOnly = readOnlyHere(useSession());
  if (res.error)
    return (
      <Page title={title}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!res.data) return <Loading />;
  const layout = readFragment(LayoutFields, res.data.certificateLayout);
  const latest = res.data.awardDecisions[0] ?? null;
  return (
    <Page title={title} subtitle={t('certLayout.intro')} wide>
      <Alert kind="info">{layout.isDefault ? t('certLayout.isDefault') : t('certLayout.isOwn')}</Alert>
      {saved && <Alert kind="success">{t(`certLayout.done.${saved}`)}</Alert>}
      {readOnly ? (
        <Alert kind="info">{t('app.readOnly')}</Alert>
      ) : (
        <LayoutForm
          // A new form from what the API keeps, after a save or a reset.
          key={JSON.stringify(layout)}
          layout={layout}
          onDone={(what) => {
            setSaved(what);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
      <section className="card" aria-labelledby="cert-preview">
        <h2 id="cert-preview">{t('certLayout.preview')}</h2>
        {latest ? (
          <>
            <p>{t('certLayout.previewIntro', { number: latest.numberText })}</p>
            <DocumentDownloads kind="certificates" id={latest.id} />
            <p className="muted">
              <Link href={`/award-decisions/${latest.id}`}>
                {t('certLayout.previewDecision', { number: latest.numberText })}
              </Link>
            </p>
          </>
        ) : (
          <p className="muted">{t('certLayout.previewNone')}</p>
        )}
        {/* Sample words on the blank: before the first decision, or to try a change without a real one. */}
        <p>{t('certLayout.sampleIntro')}</p>
        <DocumentDownloads kind="certificates" id="sample" label={t('certLayout.sample')} />
      </section>
    </Page>
  );
}

function LayoutForm({ layout, onDone }: { layout: Layout; onDone: (what: 'saved' | 'reset') => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  // The examples name this province, not another one.
  const place = useFormerProvinces()[0]?.name || '…';
  const save = useAction(SetLayout);
  const reset = useAction(ResetLayout);
  const [paper, setPaper] = useState<Paper>(layout.paper);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(layout, i18n.number));
  const sheet = SHEET_MM[paper];
  const setRow = (i: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  // Each check says what the field takes, so the same words serve the API's refusal of that field.
  const says = {
    x: t('certLayout.check.x', { max: sheet.width, paper }),
    y: t('certLayout.check.y', { max: sheet.height, paper }),
    size: t('certLayout.check.size', SIZE),
    width: t('certLayout.check.width', { min: MIN_WIDTH, max: sheet.width }),
  };
  const checks: Record<string, string | null> = {};
  rows.forEach((r, i) => {
    checks[`fields.${i}.x`] = inRange(num(r.x), 0, sheet.width) ? null : says.x;
    checks[`fields.${i}.y`] = inRange(num(r.y), 0, sheet.height) ? null : says.y;
    checks[`fields.${i}.size`] = inRange(num(r.size), SIZE.min, SIZE.max) ? null : says.size;
    checks[`fields.${i}.width`] =
      r.width.trim() === '' || inRange(num(r.width), MIN_WIDTH, sheet.width) ? null : says.width;
  });
  const err = (i: number, key: keyof typeof says) =>
    save.shown.fields[`fields.${i}.${key}`] ? says[key] : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const done = await save.run(
      {
        input: {
          paper,
          fields: rows.map((r) => ({
            field: r.field,
            x: num(r.x),
            y: num(r.y),
            size: num(r.size),
            width: r.width.trim() === '' ? null : num(r.width),
            align: r.align,
            bold: r.bold,
            italic: r.italic,
          })),
        },
      },
      checks,
    );
    if (done) onDone('saved');
  }

  return (
    <section className="card" aria-labelledby="cert-layout">
      <h2 id="cert-layout">{t('certLayout.edit')}</h2>
      <p>{t('certLayout.editIntro')}</p>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Choice
          label={t('certLayout.paper')}
          value={paper}
          onChange={(e) => setPaper(e.target.value as Paper)}
          options={['A4', 'A3']}
          prefix="certLayout.paper"
          error={save.shown.fields.paper}
        />
        <SheetSketch paper={paper} rows={rows} />
        {rows.map((r, i) => (
          <fieldset key={r.field} className="fieldset">
            <legend>{t(`certLayout.field.${r.field}`)}</legend>
            <p className="field-hint">{t(`certLayout.fieldHint.${r.field}`, { place })}</p>
            <div className="cert-field-row">
              <Field
                label={t('certLayout.x')}
                inputMode="decimal"
                required
                value={r.x}
                error={err(i, 'x')}
                onChange={(e) => setRow(i, { x: e.target.value })}
              />
              <Field
                label={t('certLayout.y')}
                inputMode="decimal"
                required
                value={r.y}
                error={err(i, 'y')}
                onChange={(e) => setRow(i, { y: e.target.value })}
              />
              <Field
                label={t('certLayout.size')}
                inputMode="decimal"
                required
                value={r.size}
                error={err(i, 'size')}
                onChange={(e) => setRow(i, { size: e.target.value })}
              />
              <Field
                label={t('certLayout.width')}
                inputMode="decimal"
                value={r.width}
                error={err(i, 'width')}
                onChange={(e) => setRow(i, { width: e.target.value })}
              />
              <Choice
                label={t('certLayout.align')}
                value={r.align}
                onChange={(e) => setRow(i, { align: e.target.value as Align })}
                options={['center', 'left']}
                prefix="certLayout.align"
                error={save.shown.fields[`fields.${i}.align`]}
              />
            </div>
            <div className="actions">
              <label className="check">
                <input
                  type="checkbox"
                  checked={r.bold}
                  onChange={(e) => setRow(i, { bold: e.target.checked })}
                />
                <span>{t('certLayout.bold')}</span>
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={r.italic}
                  onChange={(e) => setRow(i, { italic: e.target.checked })}
                />
                <span>{t('certLayout.italic')}</span>
              </label>
            </div>
          </fieldset>
        ))}
        {save.shown.general && <Alert>{save.shown.general}</Alert>}
        {Object.keys(save.shown.fields).some((k) => k.startsWith('fields.')) && (
          <Alert>{t('certLayout.fixFields')}</Alert>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={save.busy}>
            {save.busy ? t('confirm.busy') : t('certLayout.save')}
          </button>
          {!layout.isDefault && (
            <ConfirmButton
              label={t('certLayout.reset')}
              title={t('certLayout.resetTitle')}
              danger
              busy={reset.busy}
              error={reset.shown.general && <Alert>{reset.shown.general}</Alert>}
              action={async () => {
                const done = await reset.run({});
                if (done) onDone('reset');
                return !!done;
              }}
            >
              <p>{t('certLayout.resetBody', { paper: t(`certLayout.paper.${layout.paper}`) })}</p>
            </ConfirmButton>
          )}
        </div>
      </form>
    </section>
  );
}

/** pdfkit sizes text in points; the sketch is drawn in millimetres. */
const PT_MM = 25.4 / 72;

/**
 * The blank drawn to scale with each field's name where it would print (and its wrapping width as a line), so a
 * number typed wrong shows as a field out of place before anything is printed.
 */
function SheetSketch({ paper, rows }: { paper: Paper; rows: Row[] }) {
  const { t } = useI18n();
  const { width, height } = SHEET_MM[paper];
  const label = t('certLayout.sketch', { paper: t(`certLayout.paper.${paper}`) });
  return (
    <figure className="cert-sketch">
      <svg viewBox={`-4 -4 ${width + 8} ${height + 8}`} role="img" aria-label={label}>
        <rect x={0} y={0} width={width} height={height} className="cert-sheet" />
        {rows.map((r) => {
          const [x, y, size, w] = [num(r.x), num(r.y), num(r.size), num(r.width)];
          if (![x, y, size].every(Number.isFinite)) return null;
          const centre = r.align === 'center';
          const start = centre && Number.isFinite(w) ? x - w / 2 : x;
          return (
            <g key={r.field}>
              {Number.isFinite(w) && <line x1={start} x2={start + w} y1={y} y2={y} className="cert-span" />}
              <text
                x={x}
                y={y}
                fontSize={Math.max(size, 6) * PT_MM}
                fontWeight={r.bold ? 700 : 400}
                fontStyle={r.italic ? 'italic' : 'normal'}
                textAnchor={centre ? 'middle' : 'start'}
                dominantBaseline="hanging"
              >
                {t(`certLayout.field.${r.field}`)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">{label}</figcaption>
    </figure>
  );
}
