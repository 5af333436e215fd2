import { awardExclusions, type ExclusionFacts } from './exclusions';
import { formWordsEn, formWordsIn, type ProposalForm } from './forms';
import { blockWords, type BlockKind } from '../block/words';
import { placeWord, placeWordEn, type ProvinceKind } from '../province/title';
import { quotaSeats, type AwardRules, type TieBreak } from './rules';
import { STREAK_RULES, streakStanding, type History, type StreakStanding } from './streaks';
import { round2 } from '../scoring/scoring';

/**
 * The awards engine (domain.md §3): from a block's year — members, final scores, the tallied vote, deferrals and
 * disqualifications — to the block's proposals, the next head and deputy, and for every member an explanation
 * a secretary can read out at the council. Pure and deterministic: the same facts in any order give the same
 * result.
 */

export interface EngineMember {
  unitId: string;
  name: string;
  /** The locked final score, or null without one. */
  final: number | null;
  bonus: number;
  deductions: number;
  /** Share of women among the collective (0–1), or null when unknown; for the women tie-break. */
  womenShare: number | null;
  headIsWoman: boolean;
}

export interface EngineInput {
  year: number;
  members: EngineMember[];
  headUnitId: string | null;
  deputyUnitId: string | null;
  /** The final decision of each contest (elected, or decided by the head and deputy); absent when not voted. */
  votes: { FLAG?: string[]; MERIT?: string[]; NEXT_HEAD?: string[]; NEXT_DEPUTY?: string[] };
  /**
   * R5: the units of a contest that the head and deputy decided after the last round left seats empty (not the
   * block's vote), with the number of rounds held.
   */
  decided?: Partial<
    Record<'FLAG' | 'MERIT' | 'NEXT_HEAD' | 'NEXT_DEPUTY', { unitIds: string[]; rounds: number }>
  >;
  /** R5, R6: ties of votes for a contest's last seats that the tie-break order broke when the vote was counted. */
  voteTieBreaks?: { kind: 'FLAG' | 'MERIT'; among: string[]; chosen: string[]; rule: TieBreak }[];
  /** Discipline processes, inspections or complaints open on the decision date (R8). */
  openDeferrals: ExclusionFacts['openDeferrals'];
  /** Recorded facts that may disqualify (R9); the rule set decides which do. */
  disqualifications: ExclusionFacts['disqualifications'];
  /** R7: members another block already proposed this calendar year. */
  proposedElsewhere?: ExclusionFacts['proposedElsewhere'];
  /** Titles and awards on record for the members, their people and their predecessors (§2 streaks). */
  history?: History;
  /** People of the members registered this year for a title a streak qualifies for. */
  registrations?: { personId: string; unitId: string; fullName: string; title: 'CSTD_PROV' | 'CSTD_NAT' }[];
  /** PROVINCE (the default) or CITY: a centrally-governed city confers "Cờ thi đua của UBND thành phố". */
  provinceKind?: ProvinceKind;
  /** BLOCK (the default) or CLUSTER: a cluster's explanations say "Cụm", "Trưởng cụm". */
  blockKind?: BlockKind;
}

export interface Explanation {
  rule: string;
  /** The line in Vietnamese, as documents print it. */
  text: string;
  /** The same line in English, for the English interface; absent from lines stored before it was written. */
  english?: string;
}

/** BLOCK: chosen by the block's review within its quota (R1–R3); STREAK: the two-year excellence criterion. */
export type ProposalPath = 'BLOCK' | 'STREAK';

export interface TitleCheck {
  personId: string;
  unitId: string;
  title: 'CSTD_PROV' | 'CSTD_NAT';
  met: boolean;
  years: number[];
}

export interface EngineOutput {
  /** `personId` names the person for an individual title; null for a unit's proposal. */
  proposals: { unitId: string; personId: string | null; form: ProposalForm; path: ProposalPath }[];
  nextHeadUnitId: string | null;
  nextDeputyUnitId: string | null;
  explanations: Record<string, Explanation[]>;
  /** The lines about each registered person (also among their unit's). */
  personExplanations: Record<string, Explanation[]>;
  /** Candidates still tied for a last seat after every tie-break: another round decides (R6). */
  unresolvedTies: string[][];
  /** Whether each registered person meets the streak their title needs. */
  titleChecks: TitleCheck[];
}

const TITLE_WORDS = {
  COLL_EXCELLENT: 'Tập thể lao động xuất sắc',
  CSTD_BASE: 'Chiến sĩ thi đua cơ sở',
  CSTD_NAT: 'Chiến sĩ thi đua toàn quốc',
} as const;
const TITLE_ENGLISH = {
  COLL_EXCELLENT: 'Excellent Labour Collective',
  CSTD_BASE: 'Grassroots Emulation Fighter',
  CSTD_NAT: 'National Emulation Fighter',
} as const;
const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
const fmtEn = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });
/** "1 flag", "2 flags". */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** "Sau 2 vòng …" inside a sentence: "sau 2 vòng …". */
const lower = (s: string) => `${s[0]!.toLowerCase()}${s.slice(1)}`;

function tieKey(m: EngineMember, order: readonly TieBreak[]): number[] {
  return order.map((t) =>
    t === 'SCORE'
      ? (m.final ?? -Infinity)
      : t === 'NET_BONUS'
        ? // To hundredths, as the score sheet shows it: 4.1 − 0.1 and 4.2 − 0.2 are equal, and the next rule decides.
          round2(m.bonus - m.deductions)
        : meetsWomenRule(m)
          ? 1
          : 0,
  );
}

/** R6's women rule (law): a woman at the unit's head, or a collective of at least 70% women. */
export const meetsWomenRule = (m: { headIsWoman: boolean; womenShare: number | null }) =>
  m.headIsWoman || (m.womenShare ?? 0) >= 0.7;

/** R6's rules in words, as an explanation or the minutes say why one of equal units was chosen. */
export const TIE_BREAK_WORDS: Record<TieBreak, string> = {
  SCORE: 'điểm tổng kết cao hơn',
  NET_BONUS: 'điểm thưởng trừ điểm trừ cao hơn',
  WOMEN: 'ưu tiên nữ (thủ trưởng là nữ hoặc từ 70% là nữ)',
};
export const TIE_BREAK_ENGLISH: Record<TieBreak, string> = {
  SCORE: 'the higher final score',
  NET_BONUS: 'the higher bonus less deductions',
  WOMEN: 'the priority for women (a woman at its head, or at least 70% women)',
};

/**
 * R5, R6: units tied on votes for the last `seats`, put in the tie-break order. `chosen` take those seats,
 * `tied` stay equal on every rule (another round decides); `rule` is the one that set the last unit chosen apart
 * from the first left out.
 */
export function breakVoteTie(tied: EngineMember[], seats: number, order: readonly TieBreak[]) {
  const { chosen, tie, sorted } = pick(tied, seats, order);
  const last = chosen.at(-1);
  const next = sorted.find((m) => !chosen.includes(m));
  let rule: TieBreak | null = null;
  if (last && next) {
    const [a, b] = [tieKey(last, order), tieKey(next, order)];
    rule = order[a.findIndex((v, i) => v !== b[i])] ?? null;
  }
  return { chosen: chosen.map((m) => m.unitId), tied: tie.map((m) => m.unitId), rule };
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

/**
 * Picks up to `seats` of `candidates` by the tie-break order. Candidates equal on every key at the last seat
 * take none of it: they are returned as a tie for another round.
 */
function pick(candidates: EngineMember[], seats: number, order: readonly TieBreak[]) {
  const sorted = [...candidates].sort(
    (a, b) => compare(tieKey(a, order), tieKey(b, order)) || (a.unitId < b.unitId ? -1 : 1),
  );
  const chosen: EngineMember[] = [];
  let tie: EngineMember[] = [];
  for (let i = 0; i < sorted.length && chosen.length < seats;) {
    const group = sorted.filter((m) => compare(tieKey(m, order), tieKey(sorted[i]!, order)) === 0);
    if (chosen.length + group.length <= seats) chosen.push(...group);
    else {
      tie = group;
      break;
    }
    i += group.length;
  }
  return { chosen, tie, sorted };
}

export function computeAwards(input: EngineInput, rules: AwardRules): EngineOutput {
  const members = [...input.members].sort((a, b) => (a.unitId < b.unitId ? -1 : 1));
  const byId = new Map(members.map((m) => [m.unitId, m]));
  const explanations: Record<string, Explanation[]> = Object.fromEntries(members.map((m) => [m.unitId, []]));
  const say = (unitId: string, rule: string, text: string, english: string) =>
    explanations[unitId]?.push({ rule, text, english });
  const n = members.length;
  const formWords = formWordsIn(input.provinceKind);
  const formEnglish = formWordsEn(input.provinceKind);
  const { block, Block, en } = blockWords(input.blockKind);
  const placeEn = placeWordEn(input.provinceKind);
  const titleWords = (title: keyof typeof TITLE_WORDS | 'CSTD_PROV') =>
    title === 'CSTD_PROV' ? formWords.CSTD_PROV : TITLE_WORDS[title];
  const titleEnglish = (title: keyof typeof TITLE_ENGLISH | 'CSTD_PROV') =>
    title === 'CSTD_PROV' ? `${placeEn} Emulation Fighter` : TITLE_ENGLISH[title];

  // R1, R8, R9: who may be proposed at all.
  const exclusions = awardExclusions(input, rules);
  const excluded = new Set(exclusions.keys());
  for (const [unitId, reasons] of exclusions) for (const r of reasons) say(unitId, r.rule, r.text, r.english);
  const eligible = (id: string) => byId.has(id) && !excluded.has(id);

  // R5, R6: where equal votes for the last seat were told apart by the tie-break order, each unit concerned reads why.
  const names = (ids: string[]) => ids.map((id) => byId.get(id)?.name ?? id).join(', ');
  for (const t of input.voteTieBreaks ?? []) {
    const seat = t.kind === 'FLAG' ? 'suất Cờ thi đua cuối cùng' : 'suất Bằng khen cuối cùng';
    const seatEn = t.kind === 'FLAG' ? 'the last flag seat' : 'the last certificate of merit seat';
    const why = `${TIE_BREAK_WORDS[t.rule]} (thứ tự phân định khi bằng nhau)`;
    const whyEn = `${TIE_BREAK_ENGLISH[t.rule]} (the tie-break order)`;
    for (const id of t.among) {
      const others = names(t.among.filter((x) => x !== id));
      const chosen = t.chosen.includes(id);
      say(
        id,
        'R6',
        chosen
          ? `Bằng số phiếu với ${others} ở ${seat}; được chọn vì ${why}.`
          : `Bằng số phiếu với ${others} ở ${seat}; ${names(t.chosen)} được chọn vì ${why}.`,
        chosen
          ? `Equal votes with ${others} for ${seatEn}; chosen for ${whyEn}.`
          : `Equal votes with ${others} for ${seatEn}; ${names(t.chosen)} chosen for ${whyEn}.`,
      );
    }
  }

  const proposals: EngineOutput['proposals'] = [];
  const unresolvedTies: string[][] = [];
  const proposed = new Set<string>();

  // R1, R2: the flag goes to the units the block voted its leaders, within the quota.
  const flagSeats = quotaSeats(rules.flagQuota, n);
  if (input.votes.FLAG) {
    const voted = [...new Set(input.votes.FLAG)].filter((id) => byId.has(id));
    for (const id of voted.filter((id) => excluded.has(id))) {
      say(
        id,
        'R1',
        `Được ${Block} bình chọn dẫn đầu nhưng không được đề nghị ${formWords.FLAG_PROVINCE} vì lý do trên.`,
        `Voted the ${en}'s leader, but not proposed for ${formEnglish.FLAG_PROVINCE} for the reason above.`,
      );
    }
    const { chosen, tie } = pick(
      voted.filter(eligible).map((id) => byId.get(id)!),
      flagSeats,
      rules.tieBreaks,
    );
    for (const m of chosen) {
      proposals.push({ unitId: m.unitId, personId: null, form: 'FLAG_PROVINCE', path: 'BLOCK' });
      proposed.add(m.unitId);
      const byDecision = decidedBy(input, 'FLAG', m.unitId);
      say(
        m.unitId,
        byDecision ? 'R5, R1, R2' : 'R1, R2',
        `${byDecision?.vi ?? `Được ${Block} bình chọn là đơn vị dẫn đầu`}; đề nghị ${formWords.FLAG_PROVINCE} (${Block} được đề nghị ${flagSeats} Cờ thi đua).`,
        `${byDecision?.en ?? `Voted the ${en}'s leader`}; proposed for ${formEnglish.FLAG_PROVINCE} (the ${en} may propose ${count(flagSeats, 'flag')}).`,
      );
    }
    if (tie.length) {
      unresolvedTies.push(tie.map((m) => m.unitId));
      for (const m of tie)
        say(
          m.unitId,
          'R6',
          'Bằng nhau với đơn vị khác ở mọi tiêu chí phân định cho suất Cờ thi đua cuối cùng: cần bỏ phiếu thêm một vòng.',
          'Equal with another unit on every tie-break rule for the last flag seat: another round is needed.',
        );
    }
  }

  // R3, R7: certificates of merit, by the block's vote when it voted on them, else by score; never to a flag unit.
  const meritSeats = quotaSeats(rules.meritQuota, n);
  const meritPool = (input.votes.MERIT ? [...new Set(input.votes.MERIT)] : members.map((m) => m.unitId))
    .filter((id) => byId.has(id))
    .filter((id) => {
      if (!proposed.has(id)) return true;
      if (input.votes.MERIT?.includes(id))
        say(
          id,
          'R7',
          `Đã được đề nghị Cờ thi đua: mỗi đơn vị chỉ nhận một hình thức đề nghị của ${Block} trong năm.`,
          `Already proposed for the flag: a unit receives one ${en} proposal a year.`,
        );
      return false;
    })
    .filter((id) => eligible(id) && (input.votes.MERIT || byId.get(id)!.final !== null));
  const merit = pick(
    meritPool.map((id) => byId.get(id)!),
    meritSeats,
    rules.tieBreaks,
  );
  const basis = input.votes.MERIT ? `được ${Block} bình chọn` : 'xếp hạng theo điểm';
  const basisEn = input.votes.MERIT ? `Voted by the ${en}` : 'Ranked by score';
  merit.chosen.forEach((m) => {
    proposals.push({ unitId: m.unitId, personId: null, form: 'MERIT_PROVINCE', path: 'BLOCK' });
    proposed.add(m.unitId);
    const score = m.final !== null ? ` (điểm ${fmt(m.final)})` : '';
    const scoreEn = m.final !== null ? ` (score ${fmtEn(m.final)})` : '';
    const byDecision = decidedBy(input, 'MERIT', m.unitId);
    say(
      m.unitId,
      byDecision ? 'R5, R3' : 'R3',
      `${byDecision?.vi ?? `${basis[0]!.toUpperCase()}${basis.slice(1)}`}${score}; đề nghị ${formWords.MERIT_PROVINCE} (${Block} được đề nghị tối đa ${meritSeats} Bằng khen).`,
      `${byDecision?.en ?? basisEn}${scoreEn}; proposed for ${formEnglish.MERIT_PROVINCE} (the ${en} may propose at most ${count(meritSeats, 'certificate', 'certificates')} of merit).`,
    );
  });
  if (merit.tie.length) {
    unresolvedTies.push(merit.tie.map((m) => m.unitId));
    for (const m of merit.tie)
      say(
        m.unitId,
        'R6',
        'Bằng nhau với đơn vị khác ở mọi tiêu chí phân định cho suất Bằng khen cuối cùng: cần bỏ phiếu thêm một vòng.',
        'Equal with another unit on every tie-break rule for the last certificate of merit seat: another round is needed.',
      );
  }
  for (const m of merit.sorted) {
    if (!proposed.has(m.unitId) && !merit.tie.includes(m))
      say(
        m.unitId,
        'R3',
        `Ngoài số ${meritSeats} Bằng khen ${Block} được đề nghị.`,
        `Beyond the ${count(meritSeats, 'certificate')} of merit the ${en} may propose.`,
      );
  }

  // §2: two consecutive years as an Excellent Labour Collective, a criterion of its own beside the block's review.
  const history = input.history ?? { facts: [], links: [] };
  const standing = (target: keyof typeof STREAK_RULES, subjectId: string) =>
    streakStanding(STREAK_RULES[target], subjectId, input.year, history, rules.lineageMode);
  for (const m of members) {
    const s = standing('MERIT_PROVINCE', m.unitId);
    if (!s.met) continue;
    const streak = streakWords('COLL_EXCELLENT', s);
    const streakEn = `${TITLE_ENGLISH.COLL_EXCELLENT} for ${s.years.length} consecutive years (${s.years.join(', ')}${viaEnglish(s, 'UNIT')})`;
    if (excluded.has(m.unitId) || proposals.some((p) => p.unitId === m.unitId && p.form === 'FLAG_PROVINCE'))
      say(
        m.unitId,
        'STREAK',
        `${streak}; không đề nghị thêm ${formWords.MERIT_PROVINCE} theo tiêu chuẩn này.`,
        `${streakEn}; not also proposed for ${formEnglish.MERIT_PROVINCE} on this criterion.`,
      );
    else if (proposed.has(m.unitId))
      say(m.unitId, 'STREAK', `Đồng thời ${lower(streak)}.`, `Also rated ${streakEn}.`);
    else if (rules.meritStreak === 'PROPOSE') {
      proposals.push({ unitId: m.unitId, personId: null, form: 'MERIT_PROVINCE', path: 'STREAK' });
      proposed.add(m.unitId);
      say(
        m.unitId,
        'STREAK',
        `${streak}; đề nghị ${formWords.MERIT_PROVINCE} theo tiêu chuẩn này, ngoài số đề nghị bình xét của ${Block}.`,
        `${streakEn}; proposed for ${formEnglish.MERIT_PROVINCE} on this criterion, beyond the ${en}'s own proposals.`,
      );
    } else
      say(
        m.unitId,
        'STREAK',
        `${streak} (${placeWord(input.provinceKind)} quy định chỉ ghi nhận, không tự đề nghị).`,
        `${streakEn} (the ${input.provinceKind === 'CITY' ? 'city' : 'province'}'s rules record it only, without proposing).`,
      );
  }

  // §2: a registered Emulation Fighter title needs its streak of the title below it. A provincial one that has it
  // goes to the council, which selects among those eligible (R10); a national one is only checked here.
  const titleChecks: TitleCheck[] = [];
  const personExplanations: Record<string, Explanation[]> = {};
  for (const r of [...(input.registrations ?? [])].sort((a, b) =>
    a.personId + a.title < b.personId + b.title ? -1 : 1,
  )) {
    if (!byId.has(r.unitId)) continue;
    const rule = STREAK_RULES[r.title];
    const s = standing(r.title, r.personId);
    titleChecks.push({ personId: r.personId, unitId: r.unitId, title: r.title, met: s.met, years: s.years });
    const lines = (personExplanations[r.personId] ??= []);
    const below = rule.title as 'CSTD_BASE' | 'CSTD_PROV';
    const line = {
      rule: 'STREAK',
      text:
        `${r.fullName} đăng ký ${titleWords(r.title)}: ${s.met ? 'đủ' : 'chưa đủ'} tiêu chuẩn ${rule.years} năm liên tục ` +
        `đạt ${titleWords(below)} (${s.years.length ? `có ${s.years.join(', ')}` : 'chưa có năm nào'}` +
        `${s.lastTargetYear !== null ? `; tính sau lần được tặng năm ${s.lastTargetYear}` : ''}${viaWords(s, 'PERSON')}).`,
      english:
        `${r.fullName} registered for ${titleEnglish(r.title)}: ${s.met ? 'meets' : 'does not yet meet'} the standard of ` +
        `${rule.years} consecutive years as ${titleEnglish(below)} (${s.years.length ? s.years.join(', ') : 'no year yet'}` +
        `${s.lastTargetYear !== null ? `; counted after the award of ${s.lastTargetYear}` : ''}${viaEnglish(s, 'PERSON')}).`,
    };
    lines.push(line);
    say(r.unitId, line.rule, line.text, line.english);
    if (r.title === 'CSTD_PROV' && s.met && !proposals.some((p) => p.personId === r.personId)) {
      proposals.push({ unitId: r.unitId, personId: r.personId, form: 'CSTD_PROV', path: 'STREAK' });
      lines.push({
        rule: 'R10',
        text: `Đề nghị Hội đồng Thi đua – Khen thưởng ${placeWord(input.provinceKind)} xét tặng danh hiệu ${formWords.CSTD_PROV}.`,
        english: `Proposed to the ${placeEn} emulation and commendation council for ${formEnglish.CSTD_PROV}.`,
      });
    }
  }

  // R11: next year's head and deputy.
  const rotation = members
    .map((m) => m.unitId)
    .sort((a, b) => byId.get(a)!.name.localeCompare(byId.get(b)!.name, 'vi') || (a < b ? -1 : 1));
  const after = (id: string | null, skip: (string | null)[]) => {
    const start = id ? rotation.indexOf(id) : -1;
    for (let i = 1; i <= rotation.length; i++) {
      const next = rotation[(start + i + rotation.length) % rotation.length]!;
      if (!skip.includes(next)) return next;
    }
    return null;
  };
  const votedHead = input.votes.NEXT_HEAD?.find((id) => byId.has(id)) ?? null;
  const votedDeputy = (head: string | null) =>
    input.votes.NEXT_DEPUTY?.find((id) => byId.has(id) && id !== head) ?? null;
  let nextHead: string | null;
  let nextDeputy: string | null;
  if (rules.headDeputyMode === 'ROTATION') {
    nextHead = after(input.headUnitId, []);
    nextDeputy = after(nextHead, [nextHead]);
  } else if (rules.headDeputyMode === 'DEPUTY_SUCCEEDS') {
    nextHead = input.deputyUnitId ?? votedHead ?? input.headUnitId;
    nextDeputy = votedDeputy(nextHead) ?? after(nextHead, [nextHead]);
  } else {
    nextHead = votedHead ?? input.headUnitId;
    nextDeputy = votedDeputy(nextHead);
  }
  if (nextHead) {
    const decided = decidedBy(input, 'NEXT_HEAD', nextHead);
    const [how, howEn] =
      rules.headDeputyMode === 'ROTATION'
        ? ['theo luân phiên', 'by rotation']
        : rules.headDeputyMode === 'DEPUTY_SUCCEEDS' && nextHead === input.deputyUnitId
          ? [`Phó ${block} kế nhiệm`, 'the deputy succeeds']
          : nextHead === votedHead
            ? [decided ? lower(decided.vi) : 'được bầu', decided ? lower(decided.en) : 'elected']
            : [`tiếp tục (không bầu được Trưởng ${block} mới)`, 'continues (no new head was elected)'];
    say(
      nextHead,
      'R11',
      `Trưởng ${block} năm ${input.year + 1}: ${how}.`,
      `Head of the ${en} for ${input.year + 1}: ${howEn}.`,
    );
  }
  if (nextDeputy) {
    const voted = nextDeputy === votedDeputy(nextHead);
    const decided = voted ? decidedBy(input, 'NEXT_DEPUTY', nextDeputy) : null;
    say(
      nextDeputy,
      'R11',
      `Phó ${block} năm ${input.year + 1}: ${decided ? lower(decided.vi) : voted ? 'được bầu' : 'theo luân phiên'}.`,
      `Deputy of the ${en} for ${input.year + 1}: ${decided ? lower(decided.en) : voted ? 'elected' : 'by rotation'}.`,
    );
  }

  for (const m of members) {
    if (!explanations[m.unitId]!.length)
      say(
        m.unitId,
        'R1',
        `Không được ${Block} bình chọn đề nghị khen thưởng cấp ${placeWord(input.provinceKind)}.`,
        `Not chosen by the ${en} for a ${placeEn} award.`,
      );
  }
  return {
    proposals,
    nextHeadUnitId: nextHead,
    nextDeputyUnitId: nextDeputy,
    explanations,
    personExplanations,
    unresolvedTies,
    titleChecks,
  };
}

/** Whose earlier record a streak counted: a unit's predecessors, or a person's record before a move. */
const viaWords = (s: StreakStanding, subject: 'UNIT' | 'PERSON') =>
  s.via.length
    ? `; tính cả thành tích ${subject === 'UNIT' ? 'của đơn vị tiền thân' : 'trước đây'}: ${s.via.join(', ')}`
    : '';
const viaEnglish = (s: StreakStanding, subject: 'UNIT' | 'PERSON') =>
  s.via.length
    ? `; counting ${subject === 'UNIT' ? "its predecessors' record" : 'the earlier record'}: ${s.via.join(', ')}`
    : '';

function streakWords(title: 'COLL_EXCELLENT', s: StreakStanding): string {
  return `Đạt danh hiệu ${TITLE_WORDS[title]} ${s.years.length} năm liên tục (${s.years.join(', ')}${viaWords(s, 'UNIT')})`;
}

/** R5's words when the head and deputy, not the block's vote, decided a unit's seat; null when the vote did. */
function decidedBy(
  input: EngineInput,
  kind: 'FLAG' | 'MERIT' | 'NEXT_HEAD' | 'NEXT_DEPUTY',
  unitId: string,
): { vi: string; en: string } | null {
  const d = input.decided?.[kind];
  if (!d?.unitIds.includes(unitId)) return null;
  const { block, Block, en } = blockWords(input.blockKind);
  return {
    vi: `Sau ${d.rounds} vòng bỏ phiếu không đủ đơn vị đạt ngưỡng, Trưởng ${block} và Phó ${block} quyết định, không phải kết quả bỏ phiếu của ${Block}`,
    en: `After ${count(d.rounds, 'round')} left seats unfilled, the ${en}'s head and deputy decided, not the ${en}'s vote`,
  };
}
