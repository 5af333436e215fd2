import { personRepository, runInTenant } from '@thidua/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createAccount,
  createUnits,
  ok,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
} from '@thidua/testing';

/** One person read and edited through the API: the province's own people only, the tenant's rows only. */
let app: TestApp;
let laoCai: string;
let admin: Account;
let office: { id: string };
let press: { id: string };
let theirs: string;

const PERSON = `query($id: ID!) { person(id: $id) { id fullName gender position unitId unit { id name } } }`;
const UPDATE = `mutation($id: ID!, $v: UpdatePersonInput!) {
  updatePerson(id: $id, input: $v) { id fullName gender position unitId unit { name } } }`;
const CREATE = `mutation($v: CreatePersonInput!) { createPerson(input: $v) { id } }`;

interface Person {
  id: string;
  fullName: string;
  gender: string;
  position: string | null;
  unitId: string;
  unit: { id?: string; name: string };
}

const as = <T = Record<string, unknown>>(who: Account, q: string, v?: Record<string, unknown>) =>
  app.gql<T>(q, v, { token: who.token, provinceId: laoCai });

async function newPerson(unitId: string, fullName: string, position: string | null = null): Promise<string> {
  return ok(
    await as<{ createPerson: { id: string } }>(admin, CREATE, {
      v: { unitId, fullName, gender: 'FEMALE', position },
    }),
  ).createPerson.id;
}

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  laoCai = await provinceId(app.dataSource, '15');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: laoCai });
  const units = await createUnits(app.dataSource, laoCai, ['Văn phòng Tỉnh ủy', 'Báo Lào Cai']);
  [office, press] = [units[0]!, units[1]!];
  const khanhHoa = await provinceId(app.dataSource, '56');
  const [unit] = await createUnits(app.dataSource, khanhHoa, ['Văn phòng Tỉnh ủy']);
  theirs = await runInTenant(app.dataSource, khanhHoa, async () => {
    const p = await personRepository.create({
      unitId: unit!.id,
      fullName: 'Trần Thị Mai',
      gender: 'FEMALE',
      position: 'Chánh Văn phòng',
    });
    return p.id;
  });
});
afterAll(() => app?.close());

describe('person(id)', () => {
  it('answers one of the province’s people with their unit', async () => {
    const id = await newPerson(office.id, 'Nguyễn Thị Hồng Nhung', 'Chánh Văn phòng');
    const { person } = ok(await as<{ person: Person }>(admin, PERSON, { id }));
    expect(person).toEqual({
      id,
      fullName: 'Nguyễn Thị Hồng Nhung',
      gender: 'FEMALE',
      position: 'Chánh Văn phòng',
      unitId: office.id,
      unit: { id: office.id, name: 'Văn phòng Tỉnh ủy' },
    });
  });

  it('answers NOT_FOUND for another province’s person, as unit(id) does for its unit, and for an id that is no id', async () => {
    for (const id of [theirs, 'not-an-id']) {
      const res = await as(admin, PERSON, { id });
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toBe(`Person ${id} was not found`);
      expect(res.data).toBeNull();
    }
    const listed = ok(
      await as<{ persons: { nodes: { id: string }[] } }>(
        admin,
        `{ persons(first: 100, filter: { search: "Tran Thi Mai" }) { nodes { id } } }`,
      ),
    );
    expect(listed.persons.nodes).toEqual([]);
  });

  it('lists a unit’s people as official lists do: by given name, then the whole name', async () => {
    const [unit] = await createUnits(app.dataSource, laoCai, ['Sở Tư pháp']);
    for (const name of ['Nguyễn Văn Ánh', 'Đỗ Thị Bình', 'Lê Văn An', 'Trần Thị An'])
      await newPerson(unit!.id, name);
    const listed = ok(
      await as<{ persons: { nodes: { fullName: string }[] } }>(
        admin,
        `query($u: ID!) { persons(first: 10, filter: { unitId: $u }) { nodes { fullName } } }`,
        { u: unit!.id },
      ),
    ).persons.nodes.map((p) => p.fullName);
    expect(listed).toEqual(['Lê Văn An', 'Trần Thị An', 'Nguyễn Văn Ánh', 'Đỗ Thị Bình']);
  });

  it('is personal data: a national viewer is refused', async () => {
    const viewer = await createAccount(app, 'NATIONAL_VIEWER');
    const id = await newPerson(office.id, 'Lê Thị Hoa');
    const res = await as(viewer, PERSON, { id });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('updatePerson', () => {
  it('corrects the name (found again without diacritics), gender and position, moves the unit, and audits without the name', async () => {
    const id = await newPerson(office.id, 'Nguyen Van Binh', 'Chuyên viên');
    const renamed = ok(
      await as<{ updatePerson: Person }>(admin, UPDATE, {
        id,
        v: { fullName: '  Nguyễn   Văn Bình ', gender: 'MALE', position: 'Phó Chánh Văn phòng' },
      }),
    ).updatePerson;
    expect(renamed).toMatchObject({
      fullName: 'Nguyễn Văn Bình',
      gender: 'MALE',
      position: 'Phó Chánh Văn phòng',
      unitId: office.id,
    });
    const found = ok(
      await as<{ persons: { nodes: { id: string }[] } }>(
        admin,
        `{ persons(first: 10, filter: { search: "nguyen van binh" }) { nodes { id } } }`,
      ),
    );
    expect(found.persons.nodes.map((p) => p.id)).toEqual([id]);

    // Only the fields given change; a null position clears it.
    const moved = ok(
      await as<{ updatePerson: Person }>(admin, UPDATE, { id, v: { unitId: press.id, position: null } }),
    ).updatePerson;
    expect(moved).toMatchObject({
      fullName: 'Nguyễn Văn Bình',
      gender: 'MALE',
      position: null,
      unitId: press.id,
      unit: { name: 'Báo Lào Cai' },
    });
    const inPress = ok(
      await as<{ persons: { nodes: { id: string }[] } }>(
        admin,
        `query($u: ID!) { persons(first: 10, filter: { unitId: $u }) { nodes { id } } }`,
        { u: press.id },
      ),
    );
    expect(inPress.persons.nodes.map((p) => p.id)).toContain(id);

    const events = ok(
      await as<{ auditEvents: { nodes: { action: string; before: unknown; after: unknown }[] } }>(
        admin,
        `query($id: String!) { auditEvents(first: 10, filter: { entityId: $id }) { nodes { action before after } } }`,
        { id },
      ),
    ).auditEvents.nodes;
    expect(events.filter((e) => e.action === 'person.update')).toHaveLength(2);
    expect(events[0]).toMatchObject({
      before: { unitId: office.id, gender: 'MALE' },
      after: { unitId: press.id, gender: 'MALE' },
    });
    expect(JSON.stringify(events)).not.toContain('Bình');
    // The log's reader sees the person named as the record reads now; the log itself never held the name.
    const named = ok(
      await as<{ auditEvents: { nodes: { entityName: string | null }[] } }>(
        admin,
        `query($id: String!) { auditEvents(first: 10, filter: { entityId: $id }) { nodes { entityName } } }`,
        { id },
      ),
    ).auditEvents.nodes;
    expect(new Set(named.map((e) => e.entityName))).toEqual(new Set(['Nguyễn Văn Bình']));
  });

  it('names the field of bad input: a blank or null name, a null gender, an ended or foreign unit', async () => {
    const id = await newPerson(office.id, 'Phạm Thị Thu');
    const field = async (v: Record<string, unknown>) => {
      const res = await as(admin, UPDATE, { id, v });
      return [
        res.errors?.[0]?.extensions?.code,
        (res.errors?.[0]?.extensions?.fields as { field: string }[])?.[0]?.field,
      ];
    };
    expect(await field({ fullName: '   ' })).toEqual(['BAD_USER_INPUT', 'fullName']);
    expect(await field({ fullName: null })).toEqual(['BAD_USER_INPUT', 'fullName']);
    expect(await field({ gender: null })).toEqual(['BAD_USER_INPUT', 'gender']);
    expect(await field({ position: 'x'.repeat(201) })).toEqual(['BAD_USER_INPUT', 'position']);
    expect(await field({ unitId: 'abc' })).toEqual(['BAD_USER_INPUT', 'unitId']);
    const [gone] = await createUnits(app.dataSource, laoCai, ['Ban Dân vận Tỉnh ủy (cũ)']);
    ok(
      await as(admin, `mutation($id: ID!) { updateUnit(id: $id, input: { validTo: "2025-06-30" }) { id } }`, {
        id: gone!.id,
      }),
    );
    expect(await field({ unitId: gone!.id })).toEqual(['BAD_USER_INPUT', 'unitId']);
    const khanhHoa = await provinceId(app.dataSource, '56');
    const [elsewhere] = await createUnits(app.dataSource, khanhHoa, ['Báo Khánh Hòa']);
    expect(await field({ unitId: elsewhere!.id })).toEqual(['NOT_FOUND', 'unitId']);
    // Nothing was changed by the refusals.
    expect(ok(await as<{ person: Person }>(admin, PERSON, { id })).person).toMatchObject({
      fullName: 'Phạm Thị Thu',
      gender: 'FEMALE',
      unitId: office.id,
    });
  });

  it('answers NOT_FOUND for another province’s person and changes nothing', async () => {
    const res = await as(admin, UPDATE, { id: theirs, v: { position: 'Chiếm đoạt' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const khanhHoa = await provinceId(app.dataSource, '56');
    const [kept] = await runInTenant(app.dataSource, khanhHoa, () => personRepository.byIds([theirs]));
    expect(kept?.position).toBe('Chánh Văn phòng');
  });

  it('a unit’s officer edits their own unit’s people only, and moves nobody into a unit they do not manage', async () => {
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: laoCai, unitId: office.id });
    const mine = await newPerson(office.id, 'Đỗ Thị Lan');
    const notMine = await newPerson(press.id, 'Hoàng Văn Nam');
    const own = await as<{ updatePerson: Person }>(officer, UPDATE, {
      id: mine,
      v: { position: 'Chuyên viên' },
    });
    expect(ok(own).updatePerson.position).toBe('Chuyên viên');
    const other = await as(officer, UPDATE, { id: notMine, v: { position: 'Phóng viên' } });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const away = await as(officer, UPDATE, { id: mine, v: { unitId: press.id } });
    expect(away.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Moving is the secretariat's, even for an officer of both units.
    const ofBoth = await createAccount(app, 'UNIT_OFFICER', { provinceId: laoCai, unitId: press.id });
    ok(
      await as(admin, `mutation($v: AssignRoleInput!) { assignRole(input: $v) { id } }`, {
        v: { userId: ofBoth.id, role: 'UNIT_OFFICER', unitId: office.id },
      }),
    );
    const moved = await as(ofBoth, UPDATE, { id: mine, v: { unitId: press.id } });
    expect(moved.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(ok(await as<{ person: Person }>(admin, PERSON, { id: mine })).person.unitId).toBe(office.id);
  });
});
