/** The dashboard feature's public surface for routes, the API, the realtime server and other features. */
export { applyScopeCounts, byUnitOrder } from './task-counts'
export { conclusionView, documentsView, meetingView, notificationsView, readinessView, taskScopePage, taskScopeView, taskView, type DocumentsView, type TaskScopeView } from './views.server'
export { dashboardLive } from './realtime.server'
