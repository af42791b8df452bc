/** The programme feature's public surface for the browser side of routes and other features. */
export { ProgrammeItemFields } from './components/programme-item-form'
