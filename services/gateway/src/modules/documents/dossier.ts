import type { EmulationYear } from '@thidua/db';
import { conferenceMinutes, renderPdf, submission, voteMinutes } from '@thidua/documents';
import type { GraphQLContext } from '../../context';
import { storeGeneratedDocument } from '../attachment/attachment.service';
import { yearConference } from '../conference/conference.service';
import { conferenceMinutesData, countedLastRound, submissionData, voteMinutesData } from './gather';

const PDF = 'application/pdf';

/**
 * When the head unit submits the block's dossier, the documents it consists of are generated once and stored
 * with it (Law 06/2022/QH15, Art. 84: the submission, the conference's and the vote's minutes, as the submission
 * lists them): what was submitted is what stays, whatever is corrected later. Runs in the submitting request's
 * transaction.
 */
export async function storeDossierDocuments(ctx: GraphQLContext, year: EmulationYear): Promise<void> {
  const store = async (name: string, pdf: Promise<Buffer>) =>
    storeGeneratedDocument(ctx, { emulationYearId: year.id }, name, await pdf, PDF);
  const conference = await yearConference(ctx, year.id);
  if (conference)
    await store(
      'Biên bản hội nghị tổng kết.pdf',
      renderPdf(conferenceMinutes(await conferenceMinutesData(ctx, conference.id))),
    );
  const last = await countedLastRound(ctx, year.id);
  if (last)
    await store('Biên bản kiểm phiếu.pdf', renderPdf(voteMinutes(await voteMinutesData(ctx, last.id))));
  await store('Tờ trình đề nghị khen thưởng.pdf', renderPdf(submission(await submissionData(ctx, year.id))));
}
