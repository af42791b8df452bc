import { lazy } from 'react'

/** The directory's components a page loads only when it shows them (their weight stays out of everyone else's page). */
export const PersonPicker = lazy(() => import('./components/people-picker').then((m) => ({ default: m.PersonPicker })))
