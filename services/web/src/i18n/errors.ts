import type { CombinedError } from '@urql/core';
import { sentenceCase, type I18n, type MessageKey } from './i18n';

/** An error as the API sends it: a stable code, and for bad input the fields it concerns. */
export interface ApiError {
  message: string;
  extensions?: {
    code?: string;
    fields?: { field: string; message: string }[];
    retryAfter?: string;
    /** A wrong password close to the sign-in lock: the tries left, and how long the lock lasts. */
    attemptsLeft?: number;
    lockMinutes?: number;
    /** Why a CONFLICT was refused, where the API names it (removeRecordedYear). */
    reason?: string;
  };
}

/** What a form shows: one message for the whole, and one beside each field the API named. */
export interface Shown {
  general: string | null;
  fields: Record<string, string>;
}

/** The API's errors of a failed operation (GraphQL errors, or the network). */
export function apiErrors(error: CombinedError | null | undefined): ApiError[] | 'network' | null {
  if (!error) return null;
  if (error.graphQLErrors.length)
    return error.graphQLErrors.map((e) => ({
      message: e.message,
      extensions: e.extensions as ApiError['extensions'],
    }));
  return 'network';
}

export function errorCode(error: CombinedError | null | undefined): string | null {
  const errs = apiErrors(error);
  if (!errs) return null;
  return errs === 'network' ? 'NETWORK' : (errs[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
}

/**
 * The API speaks English to developers; people read Vietnamese (or English). Known field messages are
 * translated; the code gives the general sentence; the field's own words are kept only as a last resort.
 */
export function fieldMessage(i18n: I18n, field: string, message: string): string {
  const name = fieldName(i18n, field);
  if (/is required/.test(message)) return i18n.t('error.field.required', { field: name });
  const most = /choose at most (\d+)/.exec(message);
  if (most) return i18n.t('error.field.atMost', { n: most[1]! });
  if (/chosen twice/.test(message)) return i18n.t('error.field.twice');
  if (/is not a candidate/.test(message)) return i18n.t('error.field.notCandidate');
  if (/own unit/.test(message)) return i18n.t('error.field.selfVote');
  if (/head and deputy must be different/.test(message)) return i18n.t('error.field.headIsDeputy');
  const beforeRegistration = /must not be before the registration deadline (\d{4}-\d{2}-\d{2})/.exec(message);
  if (beforeRegistration)
    return i18n.t('error.field.scoringBeforeRegistration', { date: i18n.date(beforeRegistration[1]!) });
  // createProvince's first account and a reused code (province.resolver.ts).
  if (/^an account with the email .* already exists/.test(message)) return i18n.t('error.field.emailTaken');
  if (/without 'Tỉnh' or 'Thành phố'/.test(message)) return i18n.t('onboard.check.nameKind');
  const reused = /^code (\d{2}) was used by the former (.+): give the date/.exec(message);
  if (reused) return i18n.t('error.field.codeReused', { code: reused[1]!, name: reused[2]! });
  const quota = /seats exceed .*= (\d+)$|quota for the year, set by the secretariat: (\d+)/.exec(message);
  if (quota) return i18n.t('error.field.quota', { n: (quota[1] ?? quota[2])! });
  const candidates = /more seats than the (\d+) candidates/.exec(message);
  if (candidates) return i18n.t('error.field.seatsOverCandidates', { n: candidates[1]! });
  if (/a minute from now/.test(message)) return i18n.t('error.field.future');
  if (/must differ from the current password/.test(message)) return i18n.t('account.samePassword');
  if (/must not be in the future/.test(message)) return i18n.t('error.field.notAfterToday');
  // recordConference's dates (conference.resolver.ts checkConference).
  const season = /the (\d{4}) year-end conference is held between (\S+) and (\S+)/.exec(message);
  if (season)
    return i18n.t('error.field.conferenceSeason', {
      year: season[1]!,
      from: i18n.date(season[2]!),
      to: i18n.date(season[3]!),
    });
  if (/must be on or after heldOn/.test(message)) return i18n.t('conference.check.endedOn');
  const proposed = /^must be on or after the conference of (\d{4}) \((\d{4}-\d{2}-\d{2})\)/.exec(message);
  if (proposed)
    return i18n.t('error.field.beforeConference', { year: proposed[1]!, date: i18n.date(proposed[2]!) });
  const years = /^must be (\d{4}) to (\d{4})$/.exec(message);
  if (years) return i18n.t('error.field.yearRange', { from: years[1]!, to: years[2]! });
  // updateUnit's end (unit.resolver.ts): not before the unit began.
  const began = /^must not be before validFrom \((\d{4}-\d{2}-\d{2})\)$/.exec(message);
  if (began) return i18n.t('error.field.endBeforeStart', { date: i18n.date(began[1]!) });
  const notAfter = /^must be on or before (\d{4}-\d{2}-\d{2})$/.exec(message);
  if (notAfter) return i18n.t('error.field.notAfterDate', { date: i18n.date(notAfter[1]!) });
  const r13 = /dossier deadline \(R13: .*\) falls before the conference ends on \S+: hold it by (\S+),/.exec(
    message,
  );
  if (r13) return i18n.t('error.field.conferenceAfterDeadline', { date: i18n.date(r13[1]!) });
  const between = /must be between (\d{4}-\d{2}-\d{2}) and (\d{4}-\d{2}-\d{2})/.exec(message);
  if (between)
    return i18n.t('error.field.dateBetween', { from: i18n.date(between[1]!), to: i18n.date(between[2]!) });
  // createProvince's predecessors (province.resolver.ts checkPredecessors).
  const later = /^(.+) began on (\d{4}-\d{2}-\d{2}), not before/.exec(message);
  if (later) return i18n.t('error.field.predecessorLater', { name: later[1]!, date: i18n.date(later[2]!) });
  const merged = /^(.+) is already merged into another province/.exec(message);
  if (merged) return i18n.t('error.field.predecessorMerged', { name: merged[1]! });
  const ended = /^(.+) already ended on (\d{4}-\d{2}-\d{2})/.exec(message);
  if (ended) return i18n.t('error.field.predecessorEnded', { name: ended[1]!, date: i18n.date(ended[2]!) });
  const stillOpen = /deferral opened on (\d{4}-\d{2}-\d{2}) is still open/.exec(message);
  if (stillOpen) return i18n.t('error.field.deferralOpen', { date: i18n.date(stillOpen[1]!) });
  if (/already before a council session/.test(message)) return i18n.t('error.field.inCouncilSession');
  // registerTitle: a collective is "xuất sắc" or "tiên tiến" in a year (domain titles.ts OTHER_GRADE).
  const grade = /^([A-Z_]+) is registered: a unit registers one of \S+ and ([A-Z_]+)$/.exec(message);
  if (grade)
    return i18n.t('error.field.otherGrade', {
      registered: i18n.t(`title.${grade[1]}` as MessageKey),
      asked: i18n.t(`title.${grade[2]}` as MessageKey),
    });
  const numberTaken = /^(\S+) of (\d{4}) is already recorded$/.exec(message);
  if (numberTaken)
    return i18n.t('error.field.decisionNumberTaken', { number: numberTaken[1]!, year: numberTaken[2]! });
  if (/number must be from 1 to 99999/.test(message)) return i18n.t('decisions.check.number');
  if (/conference dates are fixed once voting opened/.test(message))
    return i18n.t('error.field.conferenceDatesFixed');
  // The secretariat acting for a unit (common/acting.ts assertActsFor, the ballot's castsOnBehalf).
  if (/only on its behalf: say why/.test(message)) return i18n.t('acting.reasonShort');
  if (/not a member unit voting in this period/.test(message)) return i18n.t('error.field.notVotingUnit');
  const webhook = field === 'url' ? webhookMessage(i18n, message) : null;
  if (webhook) return webhook;
  const history = historyMessage(i18n, message);
  if (history) return history;
  // The import's refusals of a file (modules/import) are said in both languages: "Tệp trống … The file is …".
  const file = field === 'file' ? /^(.*?\.) (The file .*)$/s.exec(message) : null;
  if (file) return i18n.locale === 'en' ? file[2]! : file[1]!;
  const account = accountMessage(i18n, field, message);
  if (account) return account;
  if (i18n.locale === 'en') return message;
  // The field's name opens the sentence here ("thư điện tử" → "Thư điện tử không hợp lệ.").
  return sentenceCase(i18n.t('error.field.invalid', { field: name }));
}

/** A webhook's address refused (domain notifications/webhook.ts checkWebhookTarget). */
function webhookMessage(i18n: I18n, message: string): string | null {
  if (/does not resolve/.test(message)) return i18n.t('error.field.webhookNotResolved');
  if (/must be an https:\/\/ URL/.test(message)) return i18n.t('error.field.webhookHttps');
  if (/must be an http\(s\) URL|is not a URL/.test(message)) return i18n.t('error.field.webhookScheme');
  if (/webhooks go to public endpoints only/.test(message)) return i18n.t('error.field.webhookPrivate');
  return null;
}

/** Lineage and history from documents (the gateway's lineage and history modules). */
function historyMessage(i18n: I18n, message: string): string | null {
  if (/cannot continue itself/.test(message)) return i18n.t('error.field.lineageSelf');
  if (/has exactly one predecessor/.test(message)) return i18n.t('error.field.lineageOne');
  if (/a former province it absorbed/.test(message)) return i18n.t('error.field.lineageProvince');
  if (/must not be after this year/.test(message)) return i18n.t('error.field.afterThisYear');
  const past = /a past year is before (\d{4})/.exec(message);
  if (past) return i18n.t('error.field.pastYear', { year: past[1]! });
  const gone = /^(.+) was not in force in (\d{4})/.exec(message);
  if (gone) return i18n.t('error.field.notInForce', { name: gone[1]!, year: gone[2]! });
  const twice = /one proposal form a year \(R7\): (.+)$/.exec(message);
  if (twice) return i18n.t('error.field.oneForm', { names: twice[1]! });
  const years = /one emulation year; these are of (.+)$/.exec(message);
  if (years) return i18n.t('error.field.councilOneYear', { years: years[1]! });
  // The year's owner (history/province-years.ts) is said in both languages: "Năm 2023 thuộc … The year 2023 …".
  const owner = /^(Năm \d{4} .*?\.) (The year .*)$/s.exec(message);
  if (owner) return i18n.locale === 'en' ? owner[2]! : owner[1]!;
  return null;
}

/**
 * Passwords (the policy of packages/domain/src/auth/password.ts: the reason, the policy being the field's hint) and the emailed
 * links of invitations and password resets.
 */
function accountMessage(i18n: I18n, field: string, message: string): string | null {
  if (field === 'token')
    return i18n.t(/invitation/.test(message) ? 'error.link.invitation' : 'error.link.reset');
  // changeRole to the role already held (user.service.ts).
  if (/is the role the person holds/.test(message)) return i18n.t('error.field.sameRole');
  if (!/^(password|newPassword|currentPassword)$/.test(field)) return null;
  if (/is not your current password/.test(message)) return i18n.t('error.password.wrongCurrent');
  if (/at most \d+ characters/.test(message)) return i18n.t('error.password.long');
  // The reason comes before the colon; the policy after it names every reason ("not a common password"), so only
  // the reason is matched. The policy itself is the field's hint beside the error, not repeated in it.
  const reason = message.split(':')[0]!;
  if (/must be at least/.test(reason))
    return i18n.t('error.password.short', { n: /at least (\d+) characters/.exec(reason)?.[1] ?? 10 });
  if (/common password/.test(reason)) return i18n.t('error.password.common');
  if (/repetition or a sequence/.test(reason)) return i18n.t('error.password.pattern');
  if (/your (email|name)/.test(reason)) return i18n.t('error.password.personal');
  return null;
}

/** The field in words: its own ("input.0.year" by its last part, "year"), never the API's path. */
function fieldName(i18n: I18n, field: string): string {
  for (const f of [field, field.split('.').pop()!]) {
    const key = `field.${f}` as MessageKey;
    const t = i18n.t(key);
    if (t !== key) return t;
  }
  return i18n.t('field.value');
}

/** removeRecordedYear's refusals, by `extensions.reason`. */
const REMOVAL_REFUSED: Record<string, MessageKey> = {
  PROPOSALS: 'past.remove.refusedProposals',
  FILES: 'past.remove.refusedFiles',
  CLOSING: 'past.remove.refusedClosing',
  IN_USE: 'past.remove.refusedInUse',
};

/** openCouncilVote's refusal (council.resolver.ts): the members it needs and has. */
const COUNCIL_TOO_SMALL = /^The council needs at least (\d+) members.*\(it has (\d+)\)/;

export function showErrors(i18n: I18n, errors: ApiError[] | 'network' | null): Shown {
  if (!errors) return { general: null, fields: {} };
  if (errors === 'network') return { general: i18n.t('error.network'), fields: {} };
  const fields: Record<string, string> = {};
  let general: string | null = null;
  for (const e of errors) {
    const code = e.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    const named = e.extensions?.fields ?? [];
    for (const f of named) fields[f.field] ??= fieldMessage(i18n, f.field, f.message);
    if (named.length) continue;
    // A duplicate name (common/names.ts) is a conflict about one field: say so beside it, naming the one it matches.
    const sameName = /The name is the same as the existing (unit|block|cluster) "(.+?)" \(/.exec(e.message);
    if (code === 'CONFLICT' && sameName) {
      const key = {
        unit: 'error.field.nameTakenUnit',
        block: 'error.field.nameTaken',
        cluster: 'error.field.nameTakenCluster',
      } as const;
      fields.name ??= i18n.t(key[sameName[1] as keyof typeof key], { name: sameName[2]! });
      continue;
    }
    // A new block recorded from documents (recordPastYear) under the name of one the province has.
    const blockExists = /^a block named "(.+)" already exists: give its blockId/.exec(e.message);
    if (code === 'CONFLICT' && blockExists) {
      fields['newBlock.name'] ??= i18n.t('error.blockExists', { name: blockExists[1]! });
      continue;
    }
    if (
      code === 'CONFLICT' &&
      /is already recorded from|on the platform \(|already has a year/.test(e.message)
    ) {
      fields.year ??= i18n.t('error.yearRecorded');
      continue;
    }
    // A year recorded from documents that something rests on stays (history.resolver.ts removeRecordedYear).
    const stays = REMOVAL_REFUSED[e.extensions?.reason ?? ''];
    if (code === 'CONFLICT' && stays) {
      general ??= i18n.t(stays);
      continue;
    }
    // One province's secretariat does not disable an account with roles elsewhere (user.service.ts).
    if (code === 'CONFLICT' && /^the account also holds roles outside this province/.test(e.message)) {
      general ??= i18n.t('error.accountElsewhere');
      continue;
    }
    // A province keeps one secretariat officer at least (user.service.ts revokeRole, changeRole).
    if (code === 'CONFLICT' && /last secretariat role/.test(e.message)) {
      general ??= i18n.t('error.lastSecretariat');
      continue;
    }
    // The same invitation asked for again (invitation.resolver.ts): nothing was sent.
    const invitedAlready = /^an invitation to (\S+) is already open since (\d{4}-\d{2}-\d{2}):/.exec(
      e.message,
    );
    if (code === 'CONFLICT' && invitedAlready) {
      fields.email ??= i18n.t('error.invitationPending', {
        email: invitedAlready[1]!,
        date: i18n.date(invitedAlready[2]!),
      });
      continue;
    }
    const nameTaken = /^a province named "(.+)" exists \(code (\d{2})\)$/.exec(e.message);
    if (code === 'CONFLICT' && nameTaken) {
      fields.name ??= i18n.t('error.provinceNameTaken', { name: nameTaken[1]!, code: nameTaken[2]! });
      continue;
    }
    const codeTaken = /^code (\S+) is in use by (.+)$/.exec(e.message);
    if (code === 'CONFLICT' && codeTaken) {
      fields.code ??= i18n.t('error.provinceCodeTaken', { code: codeTaken[1]!, name: codeTaken[2]! });
      continue;
    }
    // A unit is in one block (or one cluster) at a time (block.resolver.ts addBlockMember).
    const inBlock = /the unit is already in a (block|cluster) on that date/.exec(e.message);
    if (code === 'CONFLICT' && inBlock) {
      fields.unitId ??= i18n.t(inBlock[1] === 'block' ? 'error.alreadyInBlock' : 'error.alreadyInCluster');
      continue;
    }
    // A second test to a webhook receiver while the first is still being sent (webhook.resolver.ts sendTestWebhook).
    if (code === 'CONFLICT' && /^A test event to this receiver is still being sent/.test(e.message)) {
      general ??= i18n.t('error.webhookTestPending');
      continue;
    }
    // A second ballot for a unit (castBallot): the secretariat entering ballots on units' behalf is told beside the unit.
    if (code === 'CONFLICT' && /has already voted in this period/.test(e.message)) {
      fields.unitId ??= i18n.t('error.alreadyVoted');
      continue;
    }
    // The same title for the same unit (or person) in the year (registration.resolver.ts).
    if (code === 'CONFLICT' && /^[A-Z_]+ is already registered$/.test(e.message)) {
      fields.title ??= i18n.t('error.titleRegistered');
      continue;
    }
    const recorded = /^decision (\S+) of (\d{4}) is already recorded/.exec(e.message);
    if (code === 'CONFLICT' && recorded) {
      fields.numberText ??= i18n.t('error.decisionRecorded', { number: recorded[1]!, year: recorded[2]! });
      continue;
    }
    if (code === 'CONFLICT' && /already has an account in this province/.test(e.message)) {
      fields.email ??= i18n.t('error.invitationHasAccount');
      continue;
    }
    if (code === 'CONFLICT' && /already open for another role/.test(e.message)) {
      fields.email ??= i18n.t('error.invitationOpen');
      continue;
    }
    if (code === 'UNAUTHENTICATED' && /email or password/i.test(e.message))
      general ??= e.extensions?.attemptsLeft
        ? i18n.t('error.wrongPasswordAttempts', {
            n: e.extensions.attemptsLeft,
            minutes: e.extensions.lockMinutes ?? 15,
          })
        : i18n.t('error.wrongPassword');
    else if (code === 'UNAUTHENTICATED' && /account is disabled/.test(e.message))
      general ??= i18n.t('error.accountDisabled');
    else if (code === 'RATE_LIMITED' && /password reset/.test(e.message) && e.extensions?.retryAfter)
      general ??= i18n.t('error.resetRateLimited', { time: i18n.dateTime(e.extensions.retryAfter) });
    // A former province (the gateway's provinceAccess): its data is read-only, said as such, not as a missing role.
    else if (code === 'FORBIDDEN' && /its data is read-only/.test(e.message))
      general ??= i18n.t('app.readOnly');
    else if (code === 'FORBIDDEN' && /count is not published yet/.test(e.message))
      general ??= i18n.t('error.minutesNotPublished');
    else if (code === 'PRECONDITION_FAILED' && COUNCIL_TOO_SMALL.test(e.message)) {
      const [, needed, has] = COUNCIL_TOO_SMALL.exec(e.message)!;
      general ??= i18n.t('error.councilTooSmall', { needed: needed!, has: has! });
    } else if (code === 'RATE_LIMITED' && e.extensions?.retryAfter)
      general ??= i18n.t('error.RATE_LIMITED_UNTIL', { time: i18n.dateTime(e.extensions.retryAfter) });
    else {
      const key = `error.${code}` as MessageKey;
      general ??= i18n.t(key) === key ? i18n.t('error.INTERNAL_SERVER_ERROR') : i18n.t(key);
    }
  }
  return { general, fields };
}
