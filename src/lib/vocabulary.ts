/**
 * The site's fixed vocabularies, each defined once: what the content is tagged with, who people
 * are on the platform, and where an application stands. Labels live in the dictionaries
 * (`theme.<key>`, `sector.<key>`, `mode.<key>`, `people.role.<key>`, `account.gender.<key>`,
 * `status.<key>`) so each reads in the visitor's language. Plain lists, no imports: db/schema.ts
 * builds its enums from them without reaching into the domain's rules. The languages are
 * `locales` in i18n/locales.ts.
 */
export const themes = [
  'one-stop-shops',
  'e-services',
  'digitalisation',
  'single-window',
  'transparency-anti-corruption',
  'volunteering-youth',
  'womens-empowerment',
  'statistics',
  'service-standards',
  'mobile-services',
  'south-south-cooperation',
  'administrative-simplification',
  'complaints-feedback',
  'business-services',
] as const;
export type Theme = (typeof themes)[number];

/** Kinds of service-delivery model, the first column the comparison table sorts by. */
export const modelTypes = [
  'one-stop-centres',
  'e-services-portal',
  'business-one-stop-shop',
  'service-standards',
  'complaints-system',
  'simplification-law',
] as const;
export type ModelType = (typeof modelTypes)[number];

export const sectors = [
  'statistics',
  'vocational-training',
  'health',
  'central-banking',
  'capital-markets',
  'agriculture',
  'cotton',
  'tourism',
  'disaster-risk',
  'social-development',
  'diplomacy',
  'occupational-safety',
  'environment',
  'water',
  'public-services',
] as const;
export type Sector = (typeof sectors)[number];

export const deliveryModes = ['online', 'in-person', 'hybrid'] as const;

/** What an account may do: apply (participant), act for one country (focal point), run courses (staff). */
export const roles = ['participant', 'focal-point', 'staff'] as const;
export type Role = (typeof roles)[number];

/** What a profile says of its holder's gender, for the course statistics. */
export const genders = ['female', 'male', 'prefer-not-to-say'] as const;
export type Gender = (typeof genders)[number];

/** Where an application can stand; who may move it where is in application-states.ts. */
export const applicationStatuses = [
  'submitted',
  'endorsed',
  'declined',
  'accepted',
  'waitlisted',
  'rejected',
  'withdrawn',
  'attended',
  'completed',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/**
 * Where a contributed practice can stand (issue 10); the moves between them are in
 * practice-states.ts. Labels: `practice.status.<key>`.
 */
export const practiceStatuses = [
  'draft',
  'submitted',
  'endorsed',
  'returned',
  'in-review',
  'changes-requested',
  'resubmitted',
  'accepted',
  'declined',
  'withdrawn',
] as const;
export type PracticeStatus = (typeof practiceStatuses)[number];

/** Where a practice's national endorsement stands; `none` reads "not endorsed nationally". Labels: `practice.endorsement.<key>`. */
export const practiceEndorsements = ['pending', 'endorsed', 'returned', 'none'] as const;
export type PracticeEndorsement = (typeof practiceEndorsements)[number];
