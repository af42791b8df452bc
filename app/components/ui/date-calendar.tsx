import type { CalendarDate } from '@internationalized/date'
import type { RefObject } from 'react'
import { Button, Calendar, CalendarCell, CalendarGrid, Dialog, Heading, I18nProvider, Popover } from 'react-aria-components'
import { useTranslation } from 'react-i18next'

/**
 * The month view of a date field (ui/date-field.tsx), in Vietnamese: a popover under the field with
 * a calendar grid, closed by choosing a day, Escape or a click outside. Its own chunk: the field
 * loads it the first time the calendar button is pointed at, focused or pressed.
 */
export default function DateCalendar({ triggerRef, isOpen, value, onChange, onClose }: { triggerRef: RefObject<HTMLDivElement | null>; isOpen: boolean; value: CalendarDate | null; onChange: (day: CalendarDate) => void; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <I18nProvider locale="vi-VN">
      <Popover triggerRef={triggerRef} isOpen={isOpen} onOpenChange={(open) => (open ? null : onClose())} placement="bottom start" className="rounded-md border border-stone-300 bg-white p-3 shadow-lg">
        <Dialog aria-label={t('dates.calendar')} className="outline-none">
          <Calendar autoFocus value={value} onChange={onChange}>
            <header className="mb-2 flex items-center justify-between gap-2">
              <Button slot="previous" className="rounded px-2 py-1 hover:bg-stone-100" aria-label={t('dates.previousMonth')}>
                ‹
              </Button>
              <Heading className="text-base font-semibold capitalize" />
              <Button slot="next" className="rounded px-2 py-1 hover:bg-stone-100" aria-label={t('dates.nextMonth')}>
                ›
              </Button>
            </header>
            <CalendarGrid className="border-separate border-spacing-1">
              {(date) => <CalendarCell date={date} className="flex h-9 w-9 cursor-pointer items-center justify-center rounded outline-none data-[outside-month]:text-stone-400 data-[selected]:bg-brand-600 data-[selected]:text-white data-[focus-visible]:ring-2 data-[focus-visible]:ring-blue-700 hover:bg-stone-100" />}
            </CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </I18nProvider>
  )
}
