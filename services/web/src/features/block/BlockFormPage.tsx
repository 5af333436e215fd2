import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useLocation, useParams } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import { Alert, Loading, Page } from '../../ui/Page';
import { useAction } from '../../ui/useAction';

const BlockQuery = graphql(`
  query BlockForm($id: ID!) {
    block(id: $id) {
      id
      name
      kind
      description
    }
  }
`);
const CreateBlock = graphql(`
  mutation CreateBlock($input: CreateBlockInput!) {
    createBlock(input: $input) {
      id
    }
  }
`);
const UpdateBlock = graphql(`
  mutation UpdateBlock($id: ID!, $input: UpdateBlockInput!) {
    updateBlock(id: $id, input: $input) {
      id
      name
      description
    }
  }
`);

/** Creates a block (/blocks/new) or edits its name and description (/blocks/:blockId/edit). */
export default function BlockFormPage() {
  const { blockId } = useParams<{ blockId?: string }>();
  const i18n = useI18n();
  const [, navigate] = useLocation();
  const [res] = useQuery({ query: BlockQuery, variables: { id: blockId ?? '' }, pause: !blockId });
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'BLOCK' | 'CLUSTER'>('BLOCK');
  const [description, setDescription] = useState('');
  const create = useAction(CreateBlock);
  const update = useAction(UpdateBlock);
  const action = blockId ? update : create;
  const block = res.data?.block;
  // The form speaks of the kind chosen: "Tạo cụm thi đua", "Tên cụm" once a cluster is picked.
  const { t } = i18n.forBlock(kind);
  useEffect(() => {
    if (!block) return;
    setName(block.name);
    setKind(block.kind);
    setDescription(block.description ?? '');
  }, [block]);

  if (blockId && res.error)
    return (
      <Page title={t('blocks.edit')}>
        <ApiErrorView error={res.error} />
      </Page>
    );
  if (blockId && !block) return <Loading />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    const checks = {
      name: !trimmed
        ? t('error.field.required', { field: t('field.blockName') })
        : trimmed.length < 2 || trimmed.length > 200
          ? t('blocks.nameInvalid')
          : null,
      description: description.length > 2000 ? t('blocks.descriptionTooLong') : null,
    };
    const done = blockId
      ? await update.run(
          { id: blockId, input: { name: trimmed, description: description.trim() || null } },
          checks,
        )
      : await create.run({ input: { name: trimmed, kind, description: description.trim() || null } }, checks);
    if (done) navigate(`/blocks/${blockId ?? (done as { createBlock: { id: string } }).createBlock.id}`);
  }

  return (
    <Page title={blockId ? t('blocks.editTitle', { name: block!.name }) : t('blocks.create')}>
      <form className="form card" onSubmit={(e) => void submit(e)} noValidate>
        {action.shown.general && <Alert>{action.shown.general}</Alert>}
        <Field
          label={t('blocks.name')}
          value={name}
          required
          autoComplete="off"
          error={action.shown.fields.name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label={t('blocks.kind')}
          value={kind}
          disabled={!!blockId}
          hint={blockId ? t('blocks.kindFixed') : undefined}
          onChange={(e) => setKind(e.target.value as 'BLOCK' | 'CLUSTER')}
        >
          <option value="BLOCK">{t('blockKind.BLOCK')}</option>
          <option value="CLUSTER">{t('blockKind.CLUSTER')}</option>
        </SelectField>
        <TextAreaField
          label={t('blocks.description')}
          value={description}
          error={action.shown.fields.description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={action.busy}>
            {blockId ? t('blocks.save') : t('blocks.create')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => history.back()}>
            {t('app.back')}
          </button>
        </div>
      </form>
    </Page>
  );
}
