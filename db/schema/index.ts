export * from './audit'
export * from './auth'
export * from './units'
export * from './users'
