import { type FieldMetadata, getCollectionProps, getInputProps, getSelectProps } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { CheckboxGroup, Field, SelectField } from '~/components/ui/field'
import { roles } from '#db/schema/enums'

export type UnitOption = { id: number; name: string; depth: number }

/** Indents units by their depth in the tree, so a flat <select> still shows the hierarchy. */
export function unitOptions(units: UnitOption[]) {
  return units.map((u) => ({ value: String(u.id), label: `${'\u00A0\u00A0\u00A0'.repeat(u.depth)}${u.name}` }))
}

type UserFields = {
  fullName: FieldMetadata<string>
  username: FieldMetadata<string>
  email: FieldMetadata<string | null | undefined>
  phone: FieldMetadata<string | null | undefined>
  position: FieldMetadata<string | null | undefined>
  unitId: FieldMetadata<number | null | undefined>
  roles: FieldMetadata<string[]>
  locale: FieldMetadata<string>
}

/** The fields of a user, shared by "add user" and "edit user". */
export function UserFormFields({ fields, units }: { fields: UserFields; units: UnitOption[] }) {
  const { t } = useTranslation()
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('users.fullName')} required inputProps={getInputProps(fields.fullName, { type: 'text' })} errors={fields.fullName.errors} />
        <Field
          label={t('users.username')}
          required
          inputProps={{ ...getInputProps(fields.username, { type: 'text' }), autoCapitalize: 'none', autoComplete: 'off' }}
          errors={fields.username.errors}
          hint={t('user.usernameFormat')}
        />
        <Field label={t('users.position')} inputProps={getInputProps(fields.position, { type: 'text' })} errors={fields.position.errors} />
        <SelectField
          label={t('users.unit')}
          selectProps={getSelectProps(fields.unitId)}
          options={unitOptions(units)}
          placeholder={t('users.noUnit')}
          errors={fields.unitId.errors}
        />
        <Field label={t('users.email')} inputProps={getInputProps(fields.email, { type: 'email' })} errors={fields.email.errors} />
        <Field label={t('users.phone')} inputProps={getInputProps(fields.phone, { type: 'tel' })} errors={fields.phone.errors} />
        <SelectField
          label={t('users.locale')}
          selectProps={getSelectProps(fields.locale)}
          options={[
            { value: 'vi', label: 'Tiếng Việt' },
            { value: 'en', label: 'English' },
          ]}
          errors={fields.locale.errors}
        />
      </div>
      <CheckboxGroup
        legend={t('users.roles')}
        name={fields.roles.name}
        errors={fields.roles.errors}
        items={getCollectionProps(fields.roles, { type: 'checkbox', options: [...roles] }).map((props) => ({
          inputProps: props,
          label: t(`roles.${props.value}`),
        }))}
      />
    </>
  )
}
