import { auditRepository, type BallotReceipt } from '@thidua/db';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { BallotReceiptType } from './voting.types';

/**
 * A unit's receipt says when the secretariat cast its ballot for it, and why: the unit reads on its own pages that
 * it did not vote itself. The reason lives where the cast put it, in the audit log (never what was voted).
 */
@Resolver(() => BallotReceiptType)
export class BallotReceiptResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Cast by the secretariat on the unit's behalf: the reason it gave; null when the unit cast it.",
  })
  async onBehalfReason(
    @Root() receipt: BallotReceipt & { onBehalfReason?: string | null },
  ): Promise<string | null> {
    // Just cast: the mutation knows (and a unit's own cast has committed, so nothing more is read).
    if (receipt.onBehalfReason !== undefined) return receipt.onBehalfReason;
    return auditRepository.ballotCastOnBehalf(receipt.votingPeriodId, receipt.voterId);
  }
}
