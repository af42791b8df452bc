/** The home feature's public surface for routes, the API, the realtime server and other features. */
export { meetingsWithoutInvitations, nextChairedMeetingReadiness, tasksDueSoon } from './home.server'
