import { describe, expect, it } from 'vitest';
import { computeAwards, type EngineInput, type EngineMember } from './engine';
import { engineMember } from './engine-member.fixture';
import { DEFAULT_AWARD_RULES, type AwardRules } from './rules';
import { STREAK_RULES, streakStanding, type AchievementFact } from './streaks';

const unit = engineMember;

/** Khối thi đua 6, Bình Thuận, 2021 (ids are the initials). */
const binhThuan: EngineMember[] = [
  unit('vp', 'Văn phòng Tỉnh ủy', 96),
  unit('tc', 'Ban Tổ chức Tỉnh ủy', 95),
  unit('tg', 'Ban Tuyên giáo Tỉnh ủy', 94),
  unit('kt', 'Ủy ban Kiểm tra Tỉnh ủy', 93),
  unit('dk', 'Đảng ủy Khối cơ quan và doanh nghiệp tỉnh', 92),
  unit('dv', 'Ban Dân vận Tỉnh ủy', 91),
  unit('nc', 'Ban Nội chính Tỉnh ủy', 90),
  unit('tr', 'Trường Chính trị', 89),
  unit('bao', 'Báo Bình Thuận', 88),
];
const base: EngineInput = {
  year: 2021,
  members: binhThuan,
  headUnitId: 'tg',
  deputyUnitId: 'dk',
  votes: {},
  openDeferrals: [],
  disqualifications: [],
};
const run = (input: Partial<EngineInput>, rules: Partial<AwardRules> = {}) =>
  computeAwards({ ...base, ...input }, { ...DEFAULT_AWARD_RULES, ...rules });
const forms = (out: ReturnType<typeof run>) => out.proposals.map((p) => `${p.form}:${p.unitId}`).sort();

describe('the articles', () => {
  it('Bình Thuận 2021: 9/9 for Văn phòng Tỉnh ủy gives it the flag proposal; Đảng ủy Khối elected head', () => {
    const out = run({ votes: { FLAG: ['vp'], NEXT_HEAD: ['dk'], NEXT_DEPUTY: ['tc'] } });
    expect(forms(out)).toEqual(['FLAG_PROVINCE:vp', 'MERIT_PROVINCE:tc', 'MERIT_PROVINCE:tg']);
    expect(out.nextHeadUnitId).toBe('dk');
    expect(out.explanations.vp![0]).toEqual({
      rule: 'R1, R2',
      text: 'Được Khối bình chọn là đơn vị dẫn đầu; đề nghị Cờ thi đua của UBND tỉnh (Khối được đề nghị 1 Cờ thi đua).',
      // The English interface reads the same line in English.
      english:
        "Voted the block's leader; proposed for the provincial emulation flag (the block may propose 1 flag).",
    });
    expect(out.explanations.dk!.map((e) => e.rule)).toContain('R11');
  });

  it('Lào Cai 2023: a block voting two flags, with a two-flag quota', () => {
    const out = run(
      { votes: { FLAG: ['tr', 'vp'], NEXT_HEAD: ['bao'], NEXT_DEPUTY: ['tc'] } },
      { flagQuota: { kind: 'COUNT', value: 2 } },
    );
    expect(
      out.proposals
        .filter((p) => p.form === 'FLAG_PROVINCE')
        .map((p) => p.unitId)
        .sort(),
    ).toEqual(['tr', 'vp']);
    expect([out.nextHeadUnitId, out.nextDeputyUnitId]).toEqual(['bao', 'tc']);
  });

  it('Ninh Thuận 2023: the outgoing head proposed for the flag, two members voted for merit, a new head elected', () => {
    const out = run({
      headUnitId: 'vp',
      deputyUnitId: 'tg',
      votes: { FLAG: ['vp'], MERIT: ['bao', 'kt'], NEXT_HEAD: ['tg'] },
    });
    expect(forms(out)).toEqual(['FLAG_PROVINCE:vp', 'MERIT_PROVINCE:bao', 'MERIT_PROVINCE:kt']);
    expect(out.nextHeadUnitId).toBe('tg');
    expect(out.explanations.bao![0]!.text).toBe(
      'Được Khối bình chọn (điểm 88); đề nghị Bằng khen của Chủ tịch UBND tỉnh (Khối được đề nghị tối đa 2 Bằng khen).',
    );
  });

  it('a cluster of communes: every line speaks of the cluster, never of a block', () => {
    const out = run({
      blockKind: 'CLUSTER',
      votes: { FLAG: ['vp'], MERIT: ['bao', 'kt'], NEXT_HEAD: ['tc'] },
      decided: { MERIT: { unitIds: ['kt'], rounds: 2 } },
      proposedElsewhere: [{ unitId: 'tr', form: 'MERIT_PROVINCE', blockName: 'Cụm thi đua số 2' }],
    });
    const lines = Object.values(out.explanations).flatMap((e) => e.map((x) => x.text));
    // R7 speaks of blocks and clusters together (a unit may be in one of each), never of a block alone.
    expect(lines.filter((t) => /khối/i.test(t.replaceAll('khối, cụm', '')))).toEqual([]);
    expect(out.explanations.vp![0]!.text).toBe(
      'Được Cụm bình chọn là đơn vị dẫn đầu; đề nghị Cờ thi đua của UBND tỉnh (Cụm được đề nghị 1 Cờ thi đua).',
    );
    expect(out.explanations.kt![0]!.text).toMatch(
      /^Sau 2 vòng bỏ phiếu .* Trưởng cụm và Phó cụm quyết định, không phải kết quả bỏ phiếu của Cụm \(điểm 93\)/,
    );
    expect(out.explanations.tc!.map((e) => e.text)).toContain('Trưởng cụm năm 2022: được bầu.');
    expect(out.explanations.tc!.map((e) => e.english)).toContain('Head of the cluster for 2022: elected.');
    expect(out.explanations.kt![0]!.english).toMatch(
      /^After 2 rounds left seats unfilled, the cluster's head and deputy decided, not the cluster's vote \(score 93\)/,
    );
    // Every line has its English, and no English line speaks of a block.
    const english = Object.values(out.explanations).flatMap((e) => e.map((x) => x.english));
    expect(english.every((t) => t && !/block/i.test(t.replaceAll('block or cluster', '')))).toBe(true);
    expect(out.explanations.tr!.map((e) => e.text)).toContain(
      'Đã được Cụm thi đua số 2 đề nghị Bằng khen của Chủ tịch UBND tỉnh trong năm: mỗi đơn vị chỉ nhận một hình thức đề nghị của khối, cụm thi đua trong năm.',
    );
  });
});

describe('rules', () => {
  it('R8: a deferred winner is not proposed, and the reason is shown', () => {
    const out = run({
      votes: { FLAG: ['vp'] },
      openDeferrals: [{ unitId: 'vp', reason: 'INSPECTION', note: 'Quyết định thanh tra số 15/QĐ-TTr' }],
    });
    expect(out.proposals.map((p) => p.unitId)).not.toContain('vp');
    expect(out.explanations.vp![0]).toEqual({
      rule: 'R8',
      text: 'Hoãn xét khen thưởng: đang bị thanh tra (Quyết định thanh tra số 15/QĐ-TTr).',
      english: 'Award review deferred: an inspection is open (Quyết định thanh tra số 15/QĐ-TTr).',
    });
  });

  it('R9: configured disqualifications exclude; others are ignored', () => {
    const facts = [{ unitId: 'tc', reason: 'LATE_DOSSIER' as const, detail: 'nộp ngày 15/12' }];
    expect(run({ disqualifications: facts }).proposals.map((p) => p.unitId)).not.toContain('tc');
    expect(
      run({ disqualifications: facts }, { disqualifications: [] }).proposals.map((p) => p.unitId),
    ).toContain('tc');
    const low = run({}, { disqualifications: ['SCORE_BELOW_MINIMUM'], minimumScore: 95.5 });
    // Only Văn phòng Tỉnh ủy (96) is above 95.5: one certificate of merit, the other seat stays empty.
    expect(forms(low)).toEqual(['MERIT_PROVINCE:vp']);
    expect(low.explanations.tc![0]!.text).toBe('Không đủ điều kiện: điểm 95 thấp hơn mức tối thiểu 95,5.');
  });

  it('R7: a flag unit does not also get a certificate of merit', () => {
    const out = run({ votes: { FLAG: ['vp'], MERIT: ['vp', 'tc'] } });
    expect(forms(out)).toEqual(['FLAG_PROVINCE:vp', 'MERIT_PROVINCE:tc']);
    expect(out.explanations.vp!.map((e) => e.rule)).toEqual(['R1, R2', 'R7']);
  });

  it('R3: 30% of members, rounded down; a share quota for flags too', () => {
    expect(run({}).proposals).toHaveLength(2);
    expect(run({ members: binhThuan.slice(0, 3) }).proposals).toHaveLength(0);
    expect(
      run(
        { votes: { FLAG: ['vp', 'tc', 'tg'] } },
        { flagQuota: { kind: 'SHARE', percent: 20 } },
      ).proposals.filter((p) => p.form === 'FLAG_PROVINCE'),
    ).toHaveLength(1);
  });

  it('threshold not reached (no unit elected): no flag is proposed', () => {
    const out = run({ votes: { FLAG: [] } });
    expect(out.proposals.filter((p) => p.form === 'FLAG_PROVINCE')).toEqual([]);
  });

  it('R6: the women rule breaks a tie of score and net bonus; a tie past every rule needs another round', () => {
    const tied = [
      unit('a', 'Hội Liên hiệp Phụ nữ tỉnh', 90, { womenShare: 0.85 }),
      unit('b', 'Sở Tư pháp', 90),
      unit('c', 'Sở Tài chính', 80),
      unit('d', 'Sở Xây dựng', 70),
    ];
    // 30% of 4 = 1 certificate of merit.
    expect(forms(run({ members: tied, headUnitId: 'c', deputyUnitId: 'd' }))).toEqual(['MERIT_PROVINCE:a']);
    const noWomenRule = run(
      { members: tied, headUnitId: 'c', deputyUnitId: 'd' },
      { tieBreaks: ['SCORE', 'NET_BONUS'] },
    );
    expect(noWomenRule.proposals).toEqual([]);
    expect(noWomenRule.unresolvedTies).toEqual([['a', 'b']]);
  });

  it('R6: bonus − deductions equal to the hundredth is a tie, which the women rule breaks', () => {
    const members = [
      unit('a', 'Hội Liên hiệp Phụ nữ tỉnh', 90, { bonus: 4.1, deductions: 0.1, womenShare: 0.85 }),
      unit('b', 'Sở Tư pháp', 90, { bonus: 4.2, deductions: 0.2 }),
      unit('c', 'Sở Tài chính', 80),
      unit('d', 'Sở Xây dựng', 70),
    ];
    expect(forms(run({ members, headUnitId: 'c', deputyUnitId: 'd' }))).toEqual(['MERIT_PROVINCE:a']);
  });

  it('R5, R6: a tie of votes broken when counted is explained to the units on both sides', () => {
    const out = run({
      votes: { FLAG: ['vp'] },
      voteTieBreaks: [{ kind: 'FLAG', among: ['tc', 'vp'], chosen: ['vp'], rule: 'SCORE' }],
    });
    expect(forms(out)).toContain('FLAG_PROVINCE:vp');
    expect(out.explanations.vp).toContainEqual({
      rule: 'R6',
      text: 'Bằng số phiếu với Ban Tổ chức Tỉnh ủy ở suất Cờ thi đua cuối cùng; được chọn vì điểm tổng kết cao hơn (thứ tự phân định khi bằng nhau).',
      english:
        'Equal votes with Ban Tổ chức Tỉnh ủy for the last flag seat; chosen for the higher final score (the tie-break order).',
    });
    expect(out.explanations.tc).toContainEqual({
      rule: 'R6',
      text: 'Bằng số phiếu với Văn phòng Tỉnh ủy ở suất Cờ thi đua cuối cùng; Văn phòng Tỉnh ủy được chọn vì điểm tổng kết cao hơn (thứ tự phân định khi bằng nhau).',
      english:
        'Equal votes with Văn phòng Tỉnh ủy for the last flag seat; Văn phòng Tỉnh ủy chosen for the higher final score (the tie-break order).',
    });
  });

  it('R11: elected, deputy succeeds, rotation; if none is elected the head stays; head ≠ deputy', () => {
    expect(run({ votes: {} }).nextHeadUnitId).toBe('tg');
    expect(run({ votes: { NEXT_HEAD: ['kt'], NEXT_DEPUTY: ['kt', 'nc'] } })).toMatchObject({
      nextHeadUnitId: 'kt',
      nextDeputyUnitId: 'nc',
    });
    expect(run({}, { headDeputyMode: 'DEPUTY_SUCCEEDS' }).nextHeadUnitId).toBe('dk');
    const rotation = run({}, { headDeputyMode: 'ROTATION' });
    expect(rotation.nextHeadUnitId).not.toBe('tg');
    expect(rotation.nextDeputyUnitId).not.toBe(rotation.nextHeadUnitId);
  });
});

describe('properties, over random blocks', () => {
  /** A small deterministic PRNG so failures reproduce. */
  function random(seed: number) {
    return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  }

  function randomInput(rnd: () => number): { input: EngineInput; rules: AwardRules } {
    const n = 5 + Math.floor(rnd() * 11);
    const members = Array.from({ length: n }, (_, i) =>
      unit(`u${i}`, `Đơn vị ${i}`, 80 + Math.floor(rnd() * 6), {
        bonus: Math.floor(rnd() * 3),
        womenShare: rnd() < 0.3 ? 0.8 : null,
      }),
    );
    const some = (p: number) => members.filter(() => rnd() < p).map((m) => m.unitId);
    return {
      input: {
        year: 2026,
        members,
        headUnitId: 'u0',
        deputyUnitId: 'u1',
        votes: { FLAG: some(0.2), ...(rnd() < 0.5 ? { MERIT: some(0.4) } : {}), NEXT_HEAD: some(0.1) },
        openDeferrals: some(0.2).map((unitId) => ({
          unitId,
          reason: 'COMPLAINT' as const,
          note: 'đơn khiếu nại',
        })),
        disqualifications: some(0.1).map((unitId) => ({
          unitId,
          reason: 'COVENANT_BREACH' as const,
          detail: 'vi phạm',
        })),
        history: {
          facts: [2024, 2025].flatMap((year) =>
            some(0.5).map((subjectId): AchievementFact => ({ subjectId, year, title: 'COLL_EXCELLENT' })),
          ),
          links: [],
        },
      },
      rules: { ...DEFAULT_AWARD_RULES, flagQuota: { kind: 'COUNT', value: 1 + Math.floor(rnd() * 2) } },
    };
  }

  const shuffle = <T>(xs: T[], rnd: () => number) =>
    [...xs]
      .map((x) => [rnd(), x] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, x]) => x);

  it('never exceeds a quota, never proposes a deferred or disqualified unit, one form per unit, order-independent', () => {
    const rnd = random(20251121);
    for (let i = 0; i < 300; i++) {
      const { input, rules } = randomInput(rnd);
      const out = computeAwards(input, rules);
      const n = input.members.length;
      const block = out.proposals.filter((p) => p.path === 'BLOCK');
      expect(block.filter((p) => p.form === 'FLAG_PROVINCE').length).toBeLessThanOrEqual(
        rules.flagQuota.kind === 'COUNT' ? rules.flagQuota.value : n,
      );
      expect(block.filter((p) => p.form === 'MERIT_PROVINCE').length).toBeLessThanOrEqual(
        Math.floor(n * 0.3),
      );
      // Beyond the block's quota only on the two-year criterion, and only for units that meet it.
      for (const p of out.proposals.filter((x) => x.path === 'STREAK')) {
        expect(p.form).toBe('MERIT_PROVINCE');
        expect(
          streakStanding(STREAK_RULES.MERIT_PROVINCE, p.unitId, 2026, input.history!, rules.lineageMode).met,
        ).toBe(true);
      }
      const barred = new Set([...input.openDeferrals, ...input.disqualifications].map((d) => d.unitId));
      expect(out.proposals.filter((p) => barred.has(p.unitId))).toEqual([]);
      expect(new Set(out.proposals.map((p) => p.unitId)).size).toBe(out.proposals.length);
      expect(out.nextHeadUnitId).not.toBe(out.nextDeputyUnitId ?? undefined);
      for (const m of input.members) expect(out.explanations[m.unitId]!.length).toBeGreaterThan(0);

      const shuffled = {
        ...input,
        members: shuffle(input.members, rnd),
        openDeferrals: shuffle(input.openDeferrals, rnd),
        disqualifications: shuffle(input.disqualifications, rnd),
        history: { facts: shuffle([...input.history!.facts], rnd), links: [] },
      };
      expect(computeAwards(shuffled, rules)).toEqual(out);
    }
  });
});

describe('§2 streaks in the engine', () => {
  const excellent = (subjectId: string, ...years: number[]): AchievementFact[] =>
    years.map((year) => ({ subjectId, year, title: 'COLL_EXCELLENT' }));

  it('proposes a member with two consecutive excellent years beside the quota, and says why', () => {
    const out = run({
      votes: { FLAG: ['vp'] },
      history: { facts: [...excellent('nc', 2019, 2020), ...excellent('tc', 2020, 2021)], links: [] },
    });
    expect(out.proposals).toContainEqual({
      unitId: 'nc',
      personId: null,
      form: 'MERIT_PROVINCE',
      path: 'STREAK',
    });
    expect(out.proposals.filter((p) => p.path === 'BLOCK').map((p) => p.unitId)).toEqual(['vp', 'tc', 'tg']);
    expect(out.explanations.nc!.at(-1)).toEqual({
      rule: 'STREAK',
      text:
        'Đạt danh hiệu Tập thể lao động xuất sắc 2 năm liên tục (2019, 2020); đề nghị Bằng khen của Chủ tịch ' +
        'UBND tỉnh theo tiêu chuẩn này, ngoài số đề nghị bình xét của Khối.',
      english:
        "Excellent Labour Collective for 2 consecutive years (2019, 2020); proposed for the provincial chairman's " +
        "certificate of merit on this criterion, beyond the block's own proposals.",
    });
    // Already proposed by the block: the streak supports it, no second form (R7).
    expect(out.explanations.tc!.map((e) => e.rule)).toEqual(['R3', 'STREAK']);
  });

  it('a broken streak, a streak already rewarded, a deferred unit and EXPLAIN mode propose nothing', () => {
    const facts = [
      ...excellent('nc', 2018, 2020),
      ...excellent('kt', 2019, 2020),
      { subjectId: 'kt', year: 2020, title: 'MERIT_PROVINCE' as const },
      ...excellent('dv', 2019, 2020),
      ...excellent('bao', 2020, 2021),
    ];
    const out = run({
      history: { facts, links: [] },
      openDeferrals: [{ unitId: 'dv', reason: 'INSPECTION', note: 'thanh tra năm 2021' }],
    });
    expect(out.proposals.filter((p) => p.path === 'STREAK').map((p) => p.unitId)).toEqual(['bao']);
    expect(out.explanations.dv!.at(-1)!.text).toContain('không đề nghị thêm');
    const explained = run({ history: { facts, links: [] } }, { meritStreak: 'EXPLAIN' });
    expect(explained.proposals.filter((p) => p.path === 'STREAK')).toEqual([]);
    expect(explained.explanations.bao!.at(-1)!.text).toContain('chỉ ghi nhận');
  });

  it('follows a merger: the merged unit keeps the years all its predecessors were excellent', () => {
    // Sở Nội vụ 2021 was formed from two departments merged on 1 March 2021.
    const history = {
      facts: [...excellent('old-a', 2019, 2020), ...excellent('old-b', 2020)],
      links: [
        {
          successorId: 'nc',
          predecessorId: 'old-a',
          predecessorName: 'Sở Nội vụ (cũ)',
          kind: 'MERGE' as const,
          effectiveOn: '2021-03-01',
        },
        {
          successorId: 'nc',
          predecessorId: 'old-b',
          predecessorName: 'Sở Lao động – Thương binh và Xã hội',
          kind: 'MERGE' as const,
          effectiveOn: '2021-03-01',
        },
      ],
    };
    // 2019: only one predecessor excellent → with ALL_PREDECESSORS the streak is 2020 only.
    expect(run({ history }).proposals.filter((p) => p.path === 'STREAK')).toEqual([]);
    const any = run({ history }, { lineageMode: 'ANY_PREDECESSOR' });
    expect(any.proposals).toContainEqual({
      unitId: 'nc',
      personId: null,
      form: 'MERIT_PROVINCE',
      path: 'STREAK',
    });
    expect(any.explanations.nc!.at(-1)!.text).toContain(
      '(2019, 2020; tính cả thành tích của đơn vị tiền thân: Sở Lao động – Thương binh và Xã hội, Sở Nội vụ (cũ))',
    );
  });

  it('checks a registered Emulation Fighter title against the streak below it', () => {
    const base3 = (personId: string, ...years: number[]): AchievementFact[] =>
      years.map((year) => ({ subjectId: personId, year, title: 'CSTD_BASE' }));
    const out = run({
      history: { facts: [...base3('p1', 2019, 2020, 2021), ...base3('p2', 2018, 2020, 2021)], links: [] },
      registrations: [
        { personId: 'p1', unitId: 'vp', fullName: 'Nguyễn Thị Lan', title: 'CSTD_PROV' },
        { personId: 'p2', unitId: 'tc', fullName: 'Trần Văn Hùng', title: 'CSTD_PROV' },
      ],
    });
    expect(out.titleChecks).toEqual([
      { personId: 'p1', unitId: 'vp', title: 'CSTD_PROV', met: true, years: [2019, 2020, 2021] },
      { personId: 'p2', unitId: 'tc', title: 'CSTD_PROV', met: false, years: [2020, 2021] },
    ]);
    expect(out.explanations.vp!.at(-1)!.text).toBe(
      'Nguyễn Thị Lan đăng ký Chiến sĩ thi đua cấp tỉnh: đủ tiêu chuẩn 3 năm liên tục đạt Chiến sĩ thi đua cơ sở (có 2019, 2020, 2021).',
    );
    expect(out.explanations.tc!.at(-1)!.text).toContain('chưa đủ tiêu chuẩn 3 năm liên tục');
    // The eligible person goes to the council (R10); the other does not.
    expect(out.proposals.filter((p) => p.personId)).toEqual([
      { unitId: 'vp', personId: 'p1', form: 'CSTD_PROV', path: 'STREAK' },
    ]);
    expect(out.personExplanations.p1!.map((l) => l.rule)).toEqual(['STREAK', 'R10']);
    expect(out.personExplanations.p2!.map((l) => l.rule)).toEqual(['STREAK']);
  });
});

describe('in a centrally-governed city', () => {
  it("names the forms and the council after the city, as its committee confers them (Hà Nội's, Huế's)", () => {
    const out = run({
      provinceKind: 'CITY',
      votes: { FLAG: ['vp'] },
      history: {
        facts: [2019, 2020, 2021].map((year) => ({ subjectId: 'p1', year, title: 'CSTD_BASE' as const })),
        links: [],
      },
      registrations: [{ personId: 'p1', unitId: 'vp', fullName: 'Nguyễn Thị Lan', title: 'CSTD_PROV' }],
    });
    expect(out.explanations.vp![0]!.text).toBe(
      'Được Khối bình chọn là đơn vị dẫn đầu; đề nghị Cờ thi đua của UBND thành phố (Khối được đề nghị 1 Cờ thi đua).',
    );
    expect(out.explanations.tc![0]!.text).toMatch(/; đề nghị Bằng khen của Chủ tịch UBND thành phố \(/);
    expect(out.personExplanations.p1!.map((l) => l.text)).toEqual([
      'Nguyễn Thị Lan đăng ký Chiến sĩ thi đua thành phố: đủ tiêu chuẩn 3 năm liên tục đạt Chiến sĩ thi đua cơ sở (có 2019, 2020, 2021).',
      'Đề nghị Hội đồng Thi đua – Khen thưởng thành phố xét tặng danh hiệu Chiến sĩ thi đua thành phố.',
    ]);
    expect(JSON.stringify(out)).not.toMatch(/tỉnh(?! ủy)/i);
  });
});
