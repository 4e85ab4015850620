/**
 * Word lists for the Project tracker demo base (people's names come from demo-words.ts).
 */

/** The projects, in table order. */
export const PROJECT_NAMES = [
  'Website relaunch',
  'Mobile app v2',
  'Data warehouse migration',
  'Customer portal',
  'SOC 2 audit',
  'Onboarding revamp',
  'Pricing page experiment',
  'Support chatbot',
  'Holiday marketing campaign',
  'Billing system upgrade',
  'Design system',
  'Partner API',
] as const;

/** First words of task names; crossed with TASK_OBJECTS. */
export const TASK_VERBS = [
  'Draft',
  'Review',
  'Implement',
  'Test',
  'Design',
  'Document',
  'Fix',
  'Migrate',
  'Set up',
  'Plan',
  'Benchmark',
  'Clean up',
  'Prototype',
  'Estimate',
  'Ship',
] as const;

/** What a task works on. */
export const TASK_OBJECTS = [
  'login flow',
  'pricing table',
  'API rate limits',
  'onboarding emails',
  'CI pipeline',
  'database indexes',
  'release notes',
  'user interviews',
  'error tracking',
  'search filters',
  'invoice export',
  'access controls',
  'landing page copy',
  'dashboard charts',
  'backup policy',
  'checkout page',
] as const;

/** Roles on the team. */
export const PEOPLE_ROLES = [
  'Engineer',
  'Designer',
  'Product manager',
  'QA engineer',
  'Data analyst',
  'Engineering manager',
] as const;

/** Tags on tasks. */
export const TASK_TAGS = [
  'Frontend',
  'Backend',
  'Design',
  'Docs',
  'QA',
  'Infra',
  'Research',
] as const;

/** Files people attach to tasks: a name stem and its MIME type and extension. */
export const ATTACHMENT_KINDS = [
  { stem: 'spec', extension: 'pdf', type: 'application/pdf' },
  {
    stem: 'brief',
    extension: 'docx',
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  { stem: 'mockup', extension: 'png', type: 'image/png' },
  { stem: 'screenshot', extension: 'png', type: 'image/png' },
  { stem: 'export', extension: 'csv', type: 'text/csv' },
  { stem: 'photo', extension: 'jpg', type: 'image/jpeg' },
] as const;
