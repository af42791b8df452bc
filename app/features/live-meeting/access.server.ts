/**
 * Who may do what in the meeting room (this feature's permissions.server.ts and the meetings'
 * rules, applied through authorize()). Entering — the delegate's view and its socket room — is viewing the meeting:
 * its chair and participants (confirmed substitutes included), the Office and those who oversee.
 * Running it — opening, the agenda, the floor, votes, attendance, the console — is the meeting's
 * chair and the Office. Voting and speaking are the model's rules (present, entitled), checked on
 * every request.
 */
export { canViewMeeting as canEnterHall } from '~/features/meetings/index.server'
export { canRunSession } from './permissions.server'
