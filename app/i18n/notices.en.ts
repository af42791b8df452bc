import type { vi } from './notices'

/** English, checked against the Vietnamese (loaded only for readers who chose English). */
export const en: typeof vi = {
  report: { reminder: { title: '{{report}}: due {{date}}', body: 'The figures are ready in the system; open the report to check and issue it.' } },
  poll: {
    open: { title: 'Confidence poll: {{title}}', body: 'Secret ballot: nobody, not even the server, knows what you chose.' },
    published: { title: 'Confidence poll results published: {{title}}' },
  },
  minutes: {
    taker: { title: 'You keep the minutes of: {{title}}', body: 'Write the minutes during the meeting; the outline fills itself from the meeting room.' },
    submitted: { title: 'Minutes awaiting your approval: {{title}}' },
    returned: { title: 'Minutes returned for completion: {{title}}', body: '{{comment}}' },
    approved: { title: 'Minutes approved ({{number}}): {{title}}' },
  },
  auth: {
    failedAttempts: { title: '{{count}} failed sign-ins to your account since you last signed in', body: 'The latest at {{at}} from {{ip}}. If it was not you, change your password.' },
  },
  meeting: {
    invitation: { title: 'Meeting invitation: {{title}}', title_substitute: 'Meeting invitation (in place of {{original}}): {{title}}', body: 'When: {{when}}', body_place: 'When: {{when}} · Where: {{place}}' },
    substituteProposed: { title: '{{original}} proposes {{substitute}} in their place: {{title}}', body: 'The substitute sees the meeting and its documents only once the Office confirms.' },
    substituteRefused: { title: 'The Office did not accept your substitute: {{title}}', body: 'Please answer the invitation again.' },
    postponed: { title: 'Meeting postponed: {{title}}', body: 'Reason: {{reason}}' },
    cancelled: { title: 'Meeting cancelled: {{title}}', body: 'Reason: {{reason}}' },
  },
  conclusion: { issued: { title: 'Conclusion notice {{number}}: tasks for your unit', title_leader: 'Conclusion notice {{number}}: tasks you follow', body: '{{summary}}' } },
  document: { newVersion: { title: 'A document has a new version: {{title}}', body: '{{note}}' } },
  documents: { distributed: { title: 'Meeting documents: {{title}}', body: '{{list}}' } },
  task: {
    before: { title: '{{days}} working days to a task’s deadline', body: '{{content}} — due {{deadline}}' },
    due: { title: 'A task is due today', body: '{{content}} — due {{deadline}}' },
    escalated: { title: 'Task overdue: {{unit}}', body: '{{content}} — due {{deadline}}, {{days}} days overdue' },
    progress: { title: 'Progress report: {{content}}', body: '{{text}}' },
    obstacle: { title: 'Obstacle reported, your view needed: {{content}}', body: '{{text}}' },
    contribution: { title: 'Coordinating unit’s contribution: {{content}}', body: '{{text}}' },
    extension_requested: { title: 'Extension requested, awaiting decision: {{content}}', body: '{{text}}' },
    extension_approved: { title: 'Extension approved: {{content}}', body: '{{text}}' },
    extension_rejected: { title: 'Extension refused: {{content}}', body: '{{text}}' },
    completion_declared: { title: 'Completion declared, awaiting acceptance: {{content}}', body: '{{text}}' },
    completion_accepted: { title: 'Completion accepted: {{content}}', body: '{{text}}' },
    completion_returned: { title: 'Completion report returned: {{content}}', body: '{{text}}' },
    lead_reassigned: { title: 'Lead unit reassigned: {{content}}', body: '{{text}}' },
  },
}
