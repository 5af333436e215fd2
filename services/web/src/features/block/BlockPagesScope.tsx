import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { useLocation } from 'wouter';
import { graphql } from '../../graphql';
import { BlockKindScope } from '../../i18n/i18n';

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
 * "Trưởng cụm", "Về trang cụm" where a block's say "Trưởng khối". The kind is read beside the page's own query
 * (one small request, cached between the block's pages); until it is known the page reads a block's words.
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
  const kind = blockId
    ? block.data?.block.kind
    : periodId
      ? period.data?.votingPeriod.emulationYear?.block.kind
      : null;
  return <BlockKindScope kind={kind}>{children}</BlockKindScope>;
}
