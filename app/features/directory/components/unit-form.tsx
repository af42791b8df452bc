import { type FieldMetadata, getInputProps, getSelectProps } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { Field, SelectField } from '~/components/ui/field'
import { type UnitOption, unitOptions } from './user-form'
import { unitKinds } from '#db/schema/enums'

type UnitFields = {
  name: FieldMetadata<string>
  code: FieldMetadata<string>
  kind: FieldMetadata<string>
  parentId: FieldMetadata<number | null | undefined>
}

export function UnitFormFields({ fields, parents }: { fields: UnitFields; parents: UnitOption[] }) {
  const { t } = useTranslation()
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label={t('units.name')} required inputProps={getInputProps(fields.name, { type: 'text' })} errors={fields.name.errors} className="sm:col-span-2" />
      <Field
        label={t('units.code')}
        required
        inputProps={{ ...getInputProps(fields.code, { type: 'text' }), autoCapitalize: 'characters' }}
        errors={fields.code.errors}
        hint={t('units.codeHint')}
      />
      <SelectField
        label={t('units.kind')}
        selectProps={getSelectProps(fields.kind)}
        options={unitKinds.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))}
        placeholder=""
        errors={fields.kind.errors}
      />
      <SelectField
        label={t('units.parent')}
        selectProps={getSelectProps(fields.parentId)}
        options={unitOptions(parents)}
        placeholder={t('common.none')}
        errors={fields.parentId.errors}
        className="sm:col-span-2"
      />
    </div>
  )
}
