import { useState } from 'react';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { PROVINCE_ROLES, RoleFields, type ProvinceRole } from './RoleFields';

const ChangeRoleMutation = graphql(`
  mutation ChangeRole($id: ID!, $input: ChangeRoleInput!) {
    changeRole(id: $id, input: $input) {
      id
    }
  }
`);

/**
 * One of a person's roles in the province becomes another in one step (an officer moves to another unit, joins
 * the council…): no invitation, and the person is never without either role.
 */
export function ChangeRoleButton({
  assignment,
  roleText,
  name,
  onChanged,
}: {
  assignment: { id: string; role: string };
  /** The role as the list writes it ("Cán bộ thi đua của đơn vị · Sở Y tế"). */
  roleText: string;
  name: string;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const held = PROVINCE_ROLES.find((r) => r === assignment.role) ?? 'UNIT_OFFICER';
  const [role, setRole] = useState<ProvinceRole>(held);
  const [unitId, setUnitId] = useState('');
  // Each opening starts afresh (the unit search too); the units are read only once the dialog has been opened.
  const [opened, setOpened] = useState(0);
  const action = useAction(ChangeRoleMutation);
  const officer = role === 'UNIT_OFFICER';

  async function change(): Promise<boolean> {
    const done = await action.run(
      { id: assignment.id, input: { role, unitId: officer ? unitId || null : null } },
      { unitId: officer && !unitId ? t('error.field.choose', { field: t('field.unitId') }) : null },
    );
    if (done) onChanged();
    return !!done;
  }

  return (
    <ConfirmButton
      label={t('users.changeRole')}
      labelMore={t('users.roleHeld', { role: roleText, name })}
      title={t('users.changeRoleTitle', { name })}
      busy={action.busy}
      error={action.shown.general && <Alert>{action.shown.general}</Alert>}
      onOpen={() => {
        action.reset();
        setRole(held);
        setUnitId('');
        setOpened((n) => n + 1);
      }}
      action={change}
    >
      <p>{t('users.changeRoleBody', { role: roleText })}</p>
      {opened > 0 && (
        <RoleFields
          key={opened}
          role={role}
          unitId={unitId}
          onRole={(r) => {
            setRole(r);
            action.reset();
          }}
          onUnit={(u) => {
            setUnitId(u);
            action.reset();
          }}
          unitError={action.shown.fields.unitId}
        />
      )}
      {action.shown.fields.role && <Alert>{action.shown.fields.role}</Alert>}
    </ConfirmButton>
  );
}
