import { useState } from 'react';
import { useQuery } from 'urql';
import { hasRole, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Page';

/** A few at a time: the person narrows the search rather than scrolling the province's accounts. */
const SecretaryUsersQuery = graphql(`
  query SecretaryUsers($search: String!) {
    users(first: 8, filter: { search: $search }) {
      nodes {
        id
        fullName
        email
        disabledAt
      }
      totalCount
    }
  }
`);

export interface Chosen {
  id: string;
  /** The account's full name (null only when the account could not be read). */
  label: string | null;
}

/**
 * The conference secretary's account (recordConference's secretaryUserId): whoever holds it may confirm a paper
 * count in the deputy's place. Only the secretariat may search the province's accounts (the users query); the
 * head unit keeps the account the secretariat chose.
 */
export function SecretaryPicker({
  chosen,
  onChoose,
  error,
}: {
  chosen: Chosen | null;
  onChoose: (user: Chosen | null, fullName?: string) => void;
  error?: string | null;
}) {
  const { t } = useI18n();
  // The province's secretariat only: a platform admin's user search spans every province.
  const secretariat = hasRole(useSession(), 'PROVINCE_ADMIN');
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [res, refetch] = useQuery({
    query: SecretaryUsersQuery,
    variables: { search },
    pause: !secretariat || search.length < 2,
  });
  const [tooShort, setTooShort] = useState(false);
  const find = () => {
    const s = typed.trim();
    setTooShort(s.length < 2);
    if (s.length >= 2) setSearch(s);
  };
  const users = res.data?.users.nodes.filter((u) => !u.disabledAt) ?? [];

  return (
    <fieldset className="fieldset" aria-describedby="secretary-account-hint">
      <legend>{t('conference.secretaryAccount')}</legend>
      <p id="secretary-account-hint" className="field-hint">
        {t('conference.secretaryAccountHint')}
      </p>
      {chosen ? (
        <div className="actions">
          <p>
            <strong>
              {chosen.label
                ? t('conference.secretaryChosen', { user: chosen.label })
                : t('conference.secretaryLinked')}
            </strong>
          </p>
          {secretariat && (
            <button type="button" className="button button-secondary" onClick={() => onChoose(null)}>
              {t('conference.secretaryClear')}
            </button>
          )}
        </div>
      ) : (
        !secretariat && <p>{t('conference.secretaryAsk')}</p>
      )}
      {error && <p className="field-error">{error}</p>}
      {secretariat && (
        <>
          <div className="filters">
            <Field
              label={t('conference.secretarySearch')}
              value={typed}
              error={tooShort ? t('conference.secretarySearchShort') : null}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                // Enter searches here instead of recording the whole conference.
                if (e.key === 'Enter') {
                  e.preventDefault();
                  find();
                }
              }}
            />
            <button type="button" className="button button-secondary" onClick={find}>
              {t('conference.secretaryFind')}
            </button>
          </div>
          {search.length >= 2 &&
            (res.error ? (
              <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
            ) : res.fetching || !res.data ? (
              <Loading />
            ) : users.length === 0 ? (
              <p role="status">{t('conference.secretaryNone', { search })}</p>
            ) : (
              <>
                <p role="status" className="muted">
                  {res.data.users.totalCount > users.length
                    ? t('conference.secretaryMore', { n: res.data.users.totalCount, shown: users.length })
                    : t('conference.secretaryFound', { n: users.length })}
                </p>
                <ul className="link-list">
                  {users.map((u) => (
                    <li key={u.id}>
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-pressed={chosen?.id === u.id}
                        onClick={() =>
                          onChoose({ id: u.id, label: `${u.fullName} (${u.email})` }, u.fullName)
                        }
                      >
                        {t('conference.secretaryPick', { name: u.fullName, email: u.email })}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            ))}
        </>
      )}
    </fieldset>
  );
}
