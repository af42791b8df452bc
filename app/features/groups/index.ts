/** Participant groups' public surface for the browser side of routes. */
export { groupFormSchema, type GroupInput } from './schemas'
export { GroupForm } from './components/group-form'
