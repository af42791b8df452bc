/** The dashboard feature's public surface for the browser side of routes and other features. */
export { applyScopeCounts } from './task-counts'
