import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { Link } from 'wouter';
import { graphql } from '../../graphql';
import { apiErrors, showErrors, type Shown } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import { Choice } from '../../ui/Choice';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { Field } from '../../ui/Field';
import { Alert, Page } from '../../ui/Page';
import { showFirstError } from '../../ui/useAction';
import { today } from '../block/dates';
import { PredecessorsField } from './PredecessorsField';

const CreateProvince = graphql(`
  mutation OnboardProvince($input: CreateProvinceInput!) {
    createProvince(input: $input) {
      id
      name
    }
  }
`);

/** The provinces in force with a code: one taken is said beside the field, before the confirmation. */
const ProvincesWithCode = graphql(`
  query ProvincesWithCode($code: String!) {
    provinces(filter: { code: $code, current: true }, first: 10) {
      nodes {
        id
        name
      }
    }
  }
`);

const NONE: Shown = { general: null, fields: {} };

/** As the gateway's (domain province/title.ts): a name typed with its kind would read "tỉnh Tỉnh Lào Cai". */
const NAME_WITH_KIND = /^\s*(tỉnh\s|thành phố\s|tp\.|tp\s)/iu;

/**
 * Onboarding a province: the province and the invitation of its first secretariat (PROVINCE_ADMIN in it) in one
 * request, both or neither: a province is never left without the person who runs it. That person sets their own
 * password from the e-mailed link; the operator never knows it.
 */
export default function OnboardPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [f, setF] = useState({
    code: '',
    name: '',
    kind: 'PROVINCE',
    validFrom: '',
    predecessors: [] as { id: string; name: string }[],
    fullName: '',
    email: '',
  });
  const [done, setDone] = useState<{ id: string; name: string; email: string } | null>(null);
  // "Tạo tỉnh Hoàng Liên?", not "Tạo Hoàng Liên?": the new place is named with its kind wherever it is read back.
  const named = (name: string) =>
    t(f.kind === 'CITY' ? 'onboard.cityNamed' : 'onboard.provinceNamed', { name });
  const [shown, setShown] = useState<Shown>(NONE);
  const [confirming, setConfirming] = useState(false);
  // A refusal takes the person to the first field to fix (as useAction does): the fields are above the button.
  const form = useRef<HTMLFormElement>(null);
  const refused = useRef(false);
  useEffect(() => {
    if (refused.current && form.current) showFirstError(form.current);
    refused.current = false;
  }, [shown]);
  const [creatingProvince, createProvince] = useMutation(CreateProvince);
  const busy = creatingProvince.fetching;
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  // As the gateway's createProvince: years on the platform start in 2000; more than a year ahead is a slip.
  const [y, m, d] = today().split('-').map(Number) as [number, number, number];
  const latest = new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);

  const checks = {
    code: /^(?!00)\d{2}$/.test(f.code.trim()) ? null : t('onboard.check.code'),
    name:
      f.name.trim().length < 2 || f.name.trim().length > 100
        ? t('onboard.check.name')
        : NAME_WITH_KIND.test(f.name.normalize('NFC'))
          ? t('onboard.check.nameKind')
          : null,
    validFrom: (f.validFrom ? f.validFrom >= '2000-01-01' && f.validFrom <= latest : !f.predecessors.length)
      ? null
      : t(f.validFrom ? 'onboard.check.validFrom' : 'onboard.check.mergerDate', {
          from: i18n.date('2000-01-01'),
          to: i18n.date(latest),
        }),
    fullName: f.fullName.trim().length >= 2 ? null : t('onboard.check.fullName'),
    email: !f.email.trim()
      ? t('onboard.check.emailMissing')
      : /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(f.email.trim())
        ? null
        : t('onboard.check.email'),
  };
  const client = useClient();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bad = Object.fromEntries(Object.entries(checks).filter((x): x is [string, string] => !!x[1]));
    if (!bad.code) {
      // As the gateway checks it (a predecessor's code may pass to the province it becomes): said now, not after
      // a confirmation that says "cannot be deleted" of a province that cannot be created.
      const code = f.code.trim();
      const found = await client
        .query(ProvincesWithCode, { code }, { requestPolicy: 'network-only' })
        .toPromise();
      const taken = found.data?.provinces.nodes.find((p) => !f.predecessors.some((x) => x.id === p.id));
      if (taken) bad.code = t('error.provinceCodeTaken', { code, name: taken.name });
    }
    refused.current = Object.keys(bad).length > 0;
    setShown({ general: null, fields: bad });
    if (!refused.current) setConfirming(true);
  };

  async function run() {
    const res = await createProvince({
      input: {
        code: f.code.trim(),
        name: f.name.trim(),
        kind: f.kind as 'PROVINCE' | 'CITY',
        validFrom: f.validFrom || null,
        predecessorIds: f.predecessors.map((p) => p.id),
        firstAdmin: { email: f.email.trim(), fullName: f.fullName.trim() },
      },
    });
    setConfirming(false);
    if (res.error || !res.data) {
      refused.current = true;
      setShown(prefixed(prefixed(showErrors(i18n, apiErrors(res.error)), 'input.'), 'firstAdmin.'));
      return;
    }
    setShown(NONE);
    setDone({
      ...res.data.createProvince,
      name: named(res.data.createProvince.name),
      email: f.email.trim().toLowerCase(),
    });
  }

  const err = (k: string) => shown.fields[k] ?? null;
  return (
    <Page title={t('onboard.title')} subtitle={t('onboard.intro')}>
      {done ? (
        <>
          <Alert kind="success">{t('onboard.done', { name: done.name, email: done.email })}</Alert>
          <p>
            <Link href={`/platform/provinces/${done.id}/accounts`}>
              {t('onboard.invitations', { name: done.name })}
            </Link>
          </p>
          <Link href="/platform/provinces">{t('onboard.back')}</Link>
        </>
      ) : (
        <form ref={form} className="form" noValidate onSubmit={(e) => void submit(e)}>
          <fieldset>
            <legend>{t('onboard.province')}</legend>
            <Field
              label={t('platform.code')}
              inputMode="numeric"
              value={f.code}
              error={err('code')}
              onChange={set('code')}
            />
            <Field
              label={t('platform.name')}
              hint={t('onboard.nameHint')}
              value={f.name}
              error={err('name')}
              onChange={set('name')}
            />
            <Choice
              label={t('platform.kind')}
              prefix="platform.kind"
              options={['PROVINCE', 'CITY']}
              value={f.kind}
              onChange={set('kind')}
            />
            <DateField
              label={t('onboard.validFrom')}
              min="2000-01-01"
              max={latest}
              value={f.validFrom}
              error={err('validFrom')}
              onChange={(value) => setF({ ...f, validFrom: value })}
            />
            <PredecessorsField
              chosen={f.predecessors}
              onChange={(predecessors) => setF({ ...f, predecessors })}
              error={err('predecessorIds')}
            />
          </fieldset>
          <fieldset>
            <legend>{t('onboard.account')}</legend>
            <Field
              label={t('onboard.fullName')}
              value={f.fullName}
              error={err('fullName')}
              onChange={set('fullName')}
            />
            <Field
              label={t('onboard.email')}
              hint={t('onboard.emailHint')}
              type="email"
              autoComplete="off"
              value={f.email}
              error={err('email')}
              onChange={set('email')}
            />
          </fieldset>
          {shown.general && <Alert>{shown.general}</Alert>}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('onboard.submit')}
            </button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('onboard.confirmTitle', { name: named(f.name.trim()) })}
        confirmLabel={t('onboard.submit')}
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void run()}
      >
        <p>
          {t('onboard.confirmBody', {
            name: f.name.trim(),
            code: f.code.trim(),
            email: f.email.trim(),
          })}
        </p>
        {f.predecessors.length > 0 && f.validFrom && (
          <p>
            {t('onboard.confirmMerger', {
              names: f.predecessors.map((p) => p.name).join(', '),
              date: i18n.date(dayBefore(f.validFrom)),
              name: named(f.name.trim()),
            })}
          </p>
        )}
      </ConfirmDialog>
    </Page>
  );
}

/** The API names fields of `input`; the form's fields are the bare names. */
function prefixed(s: Shown, prefix: string): Shown {
  return {
    general: s.general,
    fields: Object.fromEntries(
      Object.entries(s.fields).map(([k, v]) => [k.startsWith(prefix) ? k.slice(prefix.length) : k, v]),
    ),
  };
}

/** The predecessors' last day: the eve of the new province's first (provinceRepository.create). */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
