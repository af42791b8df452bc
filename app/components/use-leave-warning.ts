import { useBeforeUnload, useBlocker } from '@remix-run/react'
import { useCallback, useState } from 'react'

/**
 * A long form that would lose what was typed: once the user has typed, leaving the page (a link,
 * the back button, a reload, closing the tab) asks first. Sending the form is not leaving it (the
 * next keystroke after a refused submission arms the warning again).
 */
export function useLeaveWarning() {
  const [dirty, setDirty] = useState(false)
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname)
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!dirty) return
        event.preventDefault()
        event.returnValue = ''
      },
      [dirty],
    ),
  )
  return {
    blocker,
    formProps: {
      onInput: () => setDirty(true),
      onSubmitCapture: () => setDirty(false),
    },
  }
}
