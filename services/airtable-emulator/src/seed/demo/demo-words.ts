/**
 * Word lists the demo bases compose names from, so records read like real work without
 * shipping any outside data set. Changing a list changes the demo records (not their count).
 */

/** First halves of company names; crossed with COMPANY_KINDS. */
export const COMPANY_STEMS = [
  'Northwind',
  'Bluefin',
  'Cobalt',
  'Summit',
  'Harbor',
  'Granite',
  'Brightline',
  'Evergreen',
  'Redwood',
  'Silverleaf',
  'Ironclad',
  'Meridian',
  'Lakeside',
  'Pioneer',
  'Keystone',
  'Crescent',
  'Atlas',
  'Orchard',
  'Beacon',
  'Falcon',
  'Juniper',
  'Tidewater',
  'Copperfield',
  'Polaris',
] as const;

/** Second halves of company names, with the industry such a company is in. */
export const COMPANY_KINDS = [
  { word: 'Analytics', industry: 'Technology', domain: 'io' },
  { word: 'Software', industry: 'Technology', domain: 'io' },
  { word: 'Health', industry: 'Healthcare', domain: 'com' },
  { word: 'Clinics', industry: 'Healthcare', domain: 'com' },
  { word: 'Capital', industry: 'Financial Services', domain: 'com' },
  { word: 'Insurance', industry: 'Financial Services', domain: 'com' },
  { word: 'Robotics', industry: 'Manufacturing', domain: 'com' },
  { word: 'Industries', industry: 'Manufacturing', domain: 'com' },
  { word: 'Outfitters', industry: 'Retail', domain: 'com' },
  { word: 'Logistics', industry: 'Logistics', domain: 'com' },
  { word: 'Freight', industry: 'Logistics', domain: 'com' },
  { word: 'Energy', industry: 'Energy', domain: 'com' },
  { word: 'Studios', industry: 'Media', domain: 'tv' },
  { word: 'Learning', industry: 'Education', domain: 'org' },
  { word: 'Foods', industry: 'Food & Beverage', domain: 'com' },
] as const;

/** The Industry choices, in the order the select lists them. */
export const INDUSTRIES = [
  'Technology',
  'Healthcare',
  'Financial Services',
  'Manufacturing',
  'Retail',
  'Logistics',
  'Energy',
  'Media',
  'Education',
  'Food & Beverage',
] as const;

/** Countries companies are in, how common each is, and its phone calling code. */
export const COUNTRIES = [
  { name: 'United States', weight: 30, callingCode: '+1' },
  { name: 'United Kingdom', weight: 10, callingCode: '+44' },
  { name: 'Germany', weight: 9, callingCode: '+49' },
  { name: 'France', weight: 7, callingCode: '+33' },
  { name: 'Canada', weight: 7, callingCode: '+1' },
  { name: 'Netherlands', weight: 5, callingCode: '+31' },
  { name: 'Sweden', weight: 4, callingCode: '+46' },
  { name: 'Spain', weight: 4, callingCode: '+34' },
  { name: 'Australia', weight: 5, callingCode: '+61' },
  { name: 'Japan', weight: 4, callingCode: '+81' },
  { name: 'Brazil', weight: 4, callingCode: '+55' },
  { name: 'India', weight: 5, callingCode: '+91' },
] as const;

/** Given names, from several languages since companies are in several countries. */
export const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Amelia',
  'Lucas',
  'Sofia',
  'Mateo',
  'Hannah',
  'Jonas',
  'Chloé',
  'Louis',
  'Priya',
  'Arjun',
  'Yuki',
  'Haruto',
  'Fatima',
  'Omar',
  'Elena',
  'Marco',
  'Ingrid',
  'Lars',
  'Camila',
  'Diego',
  'Grace',
  'Samuel',
  'Aisha',
  'Daniel',
  'Mei',
  'Wei',
  'Zoe',
  'Ethan',
  'Nora',
  'Felix',
  'Isla',
  'Leo',
] as const;

/** Family names, mixed like FIRST_NAMES. */
export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Garcia',
  'Müller',
  'Schmidt',
  'Martin',
  'Bernard',
  'Rossi',
  'Silva',
  'Santos',
  'Patel',
  'Sharma',
  'Tanaka',
  'Sato',
  'Kim',
  'Nguyen',
  'Chen',
  'Wang',
  'Andersson',
  'Johansson',
  'de Vries',
  'Jansen',
  'Brown',
  'Wilson',
  'Taylor',
  'Moreau',
  'Fischer',
  'Novak',
  'Okafor',
  'Haddad',
  "O'Brien",
  'Walsh',
] as const;

/** Job titles of people a sales team talks to. */
export const JOB_TITLES = [
  'CEO',
  'CTO',
  'CFO',
  'VP of Sales',
  'VP of Engineering',
  'Head of Operations',
  'Head of Procurement',
  'IT Director',
  'Data Lead',
  'Product Manager',
  'Operations Manager',
  'Finance Manager',
  'Office Manager',
  'Solutions Architect',
] as const;

/** Tags on contacts. */
export const CONTACT_TAGS = [
  'Decision maker',
  'Champion',
  'Technical',
  'Finance',
  'Newsletter',
  'Event lead',
] as const;

/** Sentences a salesperson might leave in a contact's notes. */
export const CONTACT_NOTES = [
  'Met at the spring trade show; interested in the analytics add-on.',
  'Prefers email over calls. Replies within a day.',
  'Asked for a security questionnaire before the next call.',
  'Budget cycle starts in January.',
  'Introduced us to their procurement team.',
  'Wants a reference customer in the same industry.',
  'On parental leave until next quarter.',
  'Evaluating two competitors; price sensitive.',
  'Very happy with onboarding, open to a case study.',
  'Moved from a previous customer account.',
] as const;

/** What a deal sells; a deal's name is its company and one of these. */
export const DEAL_PRODUCTS = [
  'Platform license',
  'Annual renewal',
  'Analytics add-on',
  'Onboarding package',
  'Enterprise upgrade',
  'Premium support',
  'Pilot',
  'Seat expansion',
  'Data migration',
  'API access tier',
  'Training workshop',
  'Multi-year agreement',
] as const;

/** The sales team, as deal owners. */
export const SALES_REPS = [
  'Alex Romero',
  'Jordan Lee',
  'Taylor Brooks',
  'Sam Okoye',
  'Morgan Fischer',
  'Riley Chen',
] as const;
