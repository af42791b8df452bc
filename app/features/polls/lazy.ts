import { lazy } from 'react'

/** The polls' components a page loads only when it shows them (their weight stays out of everyone else's page). */
export const NewPollForm = lazy(() => import('./components/new-poll-form'))
