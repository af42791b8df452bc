/** The reports' public surface for the browser side of routes. */
export { ReportView } from './components/report-view'

export type { ReportFigures } from './figures.server'
