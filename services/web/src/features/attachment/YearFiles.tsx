import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Attachments } from './Attachments';

const YearConferenceQuery = graphql(`
  query YearConferenceId($blockId: ID!, $year: Int!) {
    emulationYear(blockId: $blockId, year: $year) {
      id
      conference {
        id
      }
    }
  }
`);

/** A block year's files: the dossier's, and the conference's once it is recorded. */
export function YearFiles({ blockId, year, yearId }: { blockId: string; year: number; yearId: string }) {
  const { t } = useI18n();
  const [res] = useQuery({ query: YearConferenceQuery, variables: { blockId, year } });
  const conferenceId = res.data?.emulationYear?.conference?.id;
  return (
    <>
      <Attachments
        ownerType="EMULATION_YEAR"
        ownerId={yearId}
        title={t('attachment.dossier')}
        notYet={t('attachment.dossierNotYet')}
      />
      {conferenceId && (
        <Attachments ownerType="CONFERENCE" ownerId={conferenceId} title={t('attachment.conference')} />
      )}
    </>
  );
}
