import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { canAct, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Loading, Page } from '../../ui/Page';
import { BlockHistory } from './BlockHistory';
import { Members } from './Members';
import { OpenYearForm } from './OpenYearForm';

export const BlockPageQuery = graphql(`
  query BlockPage($id: ID!) {
    block(id: $id) {
      id
      name
      kind
      description
      memberships {
        id
        unitId
        validFrom
        validTo
      }
      years {
        id
        year
        state
        headUnit {
          id
          name
        }
        deputyUnit {
          id
          name
        }
        members {
          unitId
          score {
            rank
            final
          }
        }
      }
    }
  }
`);

/** A block: its members with their dates, its years (history) and, for the secretariat, opening a year. */
export default function BlockPage() {
  const { blockId } = useParams<{ blockId: string }>();
  const { t } = useI18n();
  const admin = canAct(useSession(), 'PROVINCE_ADMIN');
  const [res, refetch] = useQuery({ query: BlockPageQuery, variables: { id: blockId } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  if (res.error)
    return (
      <Page title={t('blocks.block')}>
        <ApiErrorView error={res.error} />
        <p>
          <Link href="/blocks">{t('blocks.backToList')}</Link>
        </p>
      </Page>
    );
  const block = res.data?.block;
  if (!block) return <Loading />;
  return (
    <Page
      title={block.name}
      subtitle={t(`blockKind.${block.kind}`)}
      wide
      actions={
        admin && (
          <Link href={`/blocks/${block.id}/edit`} className="button button-secondary">
            {t('blocks.edit')}
          </Link>
        )
      }
    >
      {block.description && <p className="prewrap">{block.description}</p>}
      <Members block={block} admin={admin} onChange={reload} />
      <BlockHistory block={block} />
      {admin && (
        <OpenYearForm
          key={block.memberships.map((m) => `${m.id}:${m.validTo}`).join()}
          blockId={block.id}
          years={block.years.map((y) => y.year)}
        />
      )}
    </Page>
  );
}
