/**
 * Fixed vocabularies the content is tagged with. Labels live in the dictionaries
 * (`theme.<key>`, `sector.<key>`, `mode.<key>`) so each reads in the visitor's language.
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
export type DeliveryMode = (typeof deliveryModes)[number];

/** The 17 Sustainable Development Goals, by number. */
export const sdgNumbers = Array.from({ length: 17 }, (_, i) => i + 1);
