import { describe, expect, it } from 'vitest';
import { renderVotingNotice } from './templates';

const notice = {
  body: 'Khối thi đua 6',
  year: 2026,
  round: 1,
  deadline: new Date('2026-12-05T09:30:00Z'),
  council: false,
};

describe('voting notices', () => {
  it('speak Vietnamese, with the deadline in Vietnam time', () => {
    expect(renderVotingNotice('voting.opened', notice)).toEqual({
      title: 'Mở bỏ phiếu',
      body: 'Khối thi đua 6 bình xét thi đua năm 2026 (vòng 1): đã mở bỏ phiếu, hạn chót 16:30 ngày 05/12/2026.',
    });
  });

  it('fall back to English, and address the council', () => {
    expect(
      renderVotingNotice(
        'voting.reminder',
        { ...notice, body: 'The provincial council', council: true },
        'en',
      ).body,
    ).toBe(
      'The provincial council vote on award proposals: your unit has not voted yet; the deadline is 05/12/2026, 16:30.',
    );
  });
});
