/** The polls' public surface for the browser side of routes. */
export { BallotForm, MyBallotCheck } from './components/ballot-form'
export { ballotBodySchema, campaignFormSchema, parseCandidates, pollIntentSchema, tokenBodySchema } from './schemas'
export { formatPercent } from './tally'
