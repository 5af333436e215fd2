import type { ResultOf } from 'gql.tada';
import { useQuery, type UseQueryExecute, type UseQueryState } from 'urql';
import { Link, useParams } from 'wouter';
import { ProvinceScope } from '../../app/ProvinceScope';
import { graphql } from '../../graphql';
import { ProvinceKindScope, useI18n } from '../../i18n/i18n';
import { Page } from '../../ui/Page';
import { QueryStates } from '../../ui/QueryStates';
import { InvitationsList } from '../user/InvitationsList';
import { InviteForm } from '../user/InviteForm';

const ProvinceQuery = graphql(`
  query PlatformProvince($id: ID!) {
    province(id: $id) {
      id
      name
      code
      kind
      isCurrent
    }
  }
`);

/**
 * A province already on the list (the 34 in force are there from the start) is brought into use by inviting its
 * secretariat: the platform's operator, who holds no role in it, invites through the province's own client (its
 * x-province-id), and the person sets their own password from the e-mailed link. Its invitations follow below.
 */
export default function ProvinceAccountsPage() {
  const { id } = useParams<{ id: string }>();
  const [res, refetch] = useQuery({ query: ProvinceQuery, variables: { id } });
  // A city's page, and the invitations sent from it, in the city's words ("thường trực thi đua thành phố").
  return (
    <ProvinceKindScope kind={res.data?.province?.kind ?? null}>
      <AccountsOf res={res} refetch={refetch} />
    </ProvinceKindScope>
  );
}

function AccountsOf({
  res,
  refetch,
}: {
  res: UseQueryState<ResultOf<typeof ProvinceQuery>>;
  refetch: UseQueryExecute;
}) {
  const { t } = useI18n();
  const province = res.data?.province;
  return (
    <Page
      title={province ? t('platform.accountsTitle', { name: province.name }) : t('platform.accounts')}
      subtitle={t('platform.accountsIntro')}
      wide
      actions={
        <Link href="/platform/provinces" className="button button-secondary">
          {t('onboard.back')}
        </Link>
      }
    >
      <QueryStates error={res.error} refetch={refetch} data={province}>
        {(p) =>
          p.isCurrent ? (
            <ProvinceScope provinceId={p.id}>
              <InviteForm firstRole="PROVINCE_ADMIN" />
              <InvitationsList />
            </ProvinceScope>
          ) : (
            <p className="muted">{t('platform.accountsFormer')}</p>
          )
        }
      </QueryStates>
    </Page>
  );
}
