import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { useLocation } from 'wouter';
import { graphql } from '../../graphql';
import { BlockKindScope } from '../../i18n/i18n';
import { Loading } from '../../ui/Page';

const BlockKindQuery = graphql(`
  query BlockKind($id: ID!) {
    block(id: $id) {
      id
      kind
    }
  }
`);

const VotingPeriodBlockKindQuery = graphql(`
  query VotingPeriodBlockKind($id: ID!) {
    votingPeriod(id: $id) {
      id
      emulationYear {
        id
        block {
          id
          kind
        }
      }
    }
  }
`);

/**
 * The block a page belongs to, from its address: a block's pages and its years' (/blocks/:id/…), a vote's pages
 * (/voting-periods/:id/…, a block year's vote or the council's).
 */
export function blockPageOf(location: string): { blockId?: string; periodId?: string } {
  const block = /^\/blocks\/([^/]+)/.exec(location)?.[1];
  if (block && block !== 'new') return { blockId: block };
  const period = /^\/voting-periods\/([^/]+)/.exec(location)?.[1];
  return period ? { periodId: period } : {};
}

/**
 * The pages of a block, of its years and of its votes read in the words of its kind: a cluster's (CLUSTER) say
 * "Trưởng cụm", "Về trang cụm" where a block's say "Trưởng khối". A block's page waits (Loading) until the kind is
 * known, so a cluster's never shows a block's words, even for a moment: one small request, answered from the
 * cache (no wait) once any page of the block has read it; a vote's page does not wait (below). A kind that cannot be read (no such block or vote, an error)
 * leaves the page to say so itself, in a block's words.
 */
export function BlockPagesScope({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const { blockId, periodId } = blockPageOf(location);
  const [block] = useQuery({ query: BlockKindQuery, variables: { id: blockId ?? '' }, pause: !blockId });
  const [period] = useQuery({
    query: VotingPeriodBlockKindQuery,
    variables: { id: periodId ?? '' },
    pause: !periodId,
  });
  // Read only for this address: moving from one block's page to another's, the last one's answer may linger.
  const ofBlock = block.data?.block.id === blockId ? block.data?.block : undefined;
  const ofPeriod = period.data?.votingPeriod.id === periodId ? period.data?.votingPeriod : undefined;
  const kind = blockId ? ofBlock?.kind : periodId ? ofPeriod?.emulationYear?.block.kind : null;
  // An error seen while the query still runs may be the last address's. A vote's pages do not wait: the ballot is
  // what a whole conference opens at once, and waiting would also hold back loading its page's code; its few
  // block words ("Trưởng khối năm sau") turn into a cluster's when the kind arrives.
  const waiting = !!blockId && !ofBlock && (block.fetching || !block.error);
  if (waiting) return <Loading />;
  return <BlockKindScope kind={kind}>{children}</BlockKindScope>;
}
