import type { EmulationYear } from '@thidua/db';
import { renderPdf, submission, voteMinutes } from '@thidua/documents';
import type { GraphQLContext } from '../../context';
import { filesOf, storeGeneratedDocument } from '../attachment/attachment.service';
import { canSeeResults } from '../voting/voting.service';
import { submissionData, voteMinutesData } from './gather';

const PDF = 'application/pdf';

/**
 * When the head unit submits the block's dossier, the documents it consists of are generated once and stored
 * with it (Law 06/2022/QH15, Art. 84: the submission and the minutes of the vote): what was submitted is what
 * stays, whatever is corrected later. Runs in the submitting request's transaction.
 */
export async function storeDossierDocuments(ctx: GraphQLContext, year: EmulationYear): Promise<void> {
  const periods = (await ctx.loaders.periodsOfYear.load(year.id)).filter((p) => p.kind === 'BLOCK');
  const attached = (
    await filesOf(ctx, { ownerType: 'EMULATION_YEAR', ownerId: year.id, subject: null, yearId: year.id })
  )
    .filter((a) => !a.generated)
    .map((a) => a.name);
  const last = periods.sort((a, b) => b.round - a.round)[0];
  if (last && (await canSeeResults(ctx, last))) {
    const minutes = await renderPdf(voteMinutes(await voteMinutesData(ctx, last.id)));
    await storeGeneratedDocument(ctx, { emulationYearId: year.id }, 'Biên bản kiểm phiếu.pdf', minutes, PDF);
    attached.push('Biên bản kiểm phiếu (do hệ thống lập)');
  }
  const paper = await renderPdf(submission(await submissionData(ctx, year.id, attached)));
  await storeGeneratedDocument(
    ctx,
    { emulationYearId: year.id },
    'Tờ trình đề nghị khen thưởng.pdf',
    paper,
    PDF,
  );
}
