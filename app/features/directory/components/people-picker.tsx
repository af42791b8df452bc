import { type ReactNode, useEffect, useId, useState } from 'react'
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Tag, TagGroup, TagList, Text } from 'react-aria-components'
import { useTranslation } from 'react-i18next'
import { ErrorList } from '~/components/ui/field'

export type PersonChoice = { id: number; fullName: string; position: string | null; unitName: string | null }

/**
 * Matches from the server's people search (`/people/search`, without diacritics: "duc" finds
 * "Đức"), asked once the user has stopped typing for a moment; the latest answer wins.
 */
function usePeopleSearch(text: string, role?: string) {
  const [answer, setAnswer] = useState<{ q: string; people: PersonChoice[] }>({ q: '', people: [] })
  const q = text.trim()
  useEffect(() => {
    if (!q) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      fetch(`/people/search?${new URLSearchParams({ q, ...(role ? { role } : {}) })}`, { signal: controller.signal, headers: { Accept: 'application/json' } })
        .then((res) => (res.ok ? (res.json() as Promise<{ people: PersonChoice[] }>) : { people: [] }))
        .then((data) => setAnswer({ q, people: data.people }))
        .catch(() => {
          if (!controller.signal.aborted) setAnswer({ q, people: [] })
        })
    }, 200)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [q, role])
  // Until the answer for what is typed now arrives, the picker says it is searching.
  return { found: q && answer.q === q ? answer.people : [], loading: q !== '' && answer.q !== q }
}

const inputClass = 'block min-h-10 w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900 aria-[invalid=true]:border-red-700'

function PersonOption({ person }: { person: PersonChoice }) {
  return (
    <ListBoxItem id={person.id} textValue={person.fullName} className="cursor-pointer px-3 py-2 outline-none data-[focused]:bg-brand-600 data-[focused]:text-white">
      <span className="block font-medium">{person.fullName}</span>
      <span className="block text-sm opacity-80">{[person.position, person.unitName].filter(Boolean).join(' · ')}</span>
    </ListBoxItem>
  )
}

/** The parts both pickers share inside their combobox: label, search box, suggestions. */
function ComboParts({ label, invalid, empty, children }: { label: string; invalid: boolean; empty: string; children?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <>
      <Label className="mb-1 block text-sm font-medium text-stone-800">{label}</Label>
      <div className="flex gap-1">
        <Input className={inputClass} placeholder={t('people.typeToSearch')} aria-invalid={invalid || undefined} />
        <Button className="min-h-10 rounded-md border border-stone-400 bg-white px-3" aria-label={t('people.showMatches')}>
          ▾
        </Button>
      </div>
      {children}
      <Popover className="max-h-80 w-[--trigger-width] overflow-auto rounded-md border border-stone-300 bg-white shadow-lg">
        <ListBox aria-label={t('people.suggestions', { label })} className="outline-none" renderEmptyState={() => <p className="px-3 py-2 text-sm text-stone-600">{empty}</p>}>
          {(person: PersonChoice) => <PersonOption person={person} />}
        </ListBox>
      </Popover>
    </>
  )
}

/**
 * Choosing several people (members, guests): an accessible combobox that searches name, position
 * and unit on the server, and the chosen people as removable tags. The form receives one hidden
 * `name` field per chosen person, as a multiple <select> would send.
 */
export function PeoplePicker({ label, name, defaultValue, hint, errors, role }: { label: string; name: string; defaultValue: PersonChoice[]; hint?: string; errors?: string[]; role?: string }) {
  const { t } = useTranslation()
  const id = useId()
  const [chosen, setChosen] = useState<PersonChoice[]>(defaultValue)
  const [text, setText] = useState('')
  const { found, loading } = usePeopleSearch(text, role)
  const options = found.filter((p) => !chosen.some((c) => c.id === p.id))
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div>
      <ComboBox
        aria-describedby={[hint ? `${id}-hint` : '', errorId ?? ''].filter(Boolean).join(' ') || undefined}
        items={options}
        inputValue={text}
        onInputChange={setText}
        selectedKey={null}
        onSelectionChange={(key) => {
          const person = options.find((p) => p.id === key)
          if (!person) return
          setChosen((list) => [...list, person])
          setText('')
        }}
        menuTrigger="input"
        // Open on an empty list only to say "searching" or "nobody matches": after a choice it closes.
        allowsEmptyCollection={text.trim() !== ''}
        className="group"
      >
        <ComboParts label={label} invalid={Boolean(errorId)} empty={loading ? t('people.searching') : text.trim() ? t('people.noMatch') : t('people.typeToSearch')}>
          {hint ? (
            <Text slot="description" id={`${id}-hint`} className="mt-1 block text-sm text-stone-600">
              {hint}
            </Text>
          ) : null}
        </ComboParts>
      </ComboBox>
      <ErrorList id={errorId} errors={errors} />
      <TagGroup onRemove={(keys) => setChosen((list) => list.filter((p) => !keys.has(p.id)))} className="mt-2">
        <Label className="sr-only">{t('people.chosen', { label })}</Label>
        <TagList items={chosen} className="flex flex-wrap gap-2" renderEmptyState={() => <span className="text-sm text-stone-600">{t('people.noneChosen')}</span>}>
          {(person) => (
            <Tag id={person.id} textValue={person.fullName} className="flex items-center gap-1 rounded-full border border-stone-300 bg-stone-100 py-1 pl-3 pr-1 text-sm outline-none data-[focus-visible]:ring-2 data-[focus-visible]:ring-brand-600">
              <span>
                {person.fullName}
                {person.position ? <span className="text-stone-600"> · {person.position}</span> : null}
              </span>
              <Button slot="remove" aria-label={t('people.remove', { name: person.fullName })} className="rounded-full px-2 text-stone-700 hover:bg-stone-300">
                ×
              </Button>
            </Tag>
          )}
        </TagList>
      </TagGroup>
      {chosen.map((p) => (
        <input key={p.id} type="hidden" name={name} value={p.id} />
      ))}
    </div>
  )
}

/**
 * Choosing one person (chair, presenter, secretary): the same search; the chosen person's name
 * stays in the box and one hidden `name` field carries the id (empty when none).
 */
export function PersonPicker({ label, name, defaultValue, errors, role, id: givenId }: { label: string; name: string; defaultValue: PersonChoice | null; errors?: string[]; role?: string; id?: string }) {
  const { t } = useTranslation()
  const fallbackId = useId()
  const id = givenId ?? fallbackId
  const [chosen, setChosen] = useState<PersonChoice | null>(defaultValue)
  const [text, setText] = useState(defaultValue?.fullName ?? '')
  const searching = text !== (chosen?.fullName ?? '')
  const { found, loading } = usePeopleSearch(searching ? text : '', role)
  const options = chosen && !found.some((p) => p.id === chosen.id) ? [chosen, ...found] : found
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div>
      <ComboBox
        id={id}
        aria-describedby={errorId}
        items={options}
        inputValue={text}
        onInputChange={(value) => {
          setText(value)
          if (!value) setChosen(null)
        }}
        selectedKey={chosen?.id ?? null}
        onSelectionChange={(key) => {
          // The combobox clears its selection when the text changes: the choice goes, what was typed stays.
          if (key === null) {
            setChosen(null)
            return
          }
          const person = options.find((p) => p.id === key)
          if (!person) return
          setChosen(person)
          setText(person.fullName)
        }}
        menuTrigger="input"
        allowsEmptyCollection
      >
        <ComboParts label={label} invalid={Boolean(errorId)} empty={loading ? t('people.searching') : t('people.noMatch')} />
      </ComboBox>
      <input type="hidden" name={name} value={chosen?.id ?? ''} />
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}
