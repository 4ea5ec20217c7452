/**
 * Where an application can stand. The account area's state machine decides the moves between
 * them; the seat count only needs to know which states hold a seat.
 */
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

/** An accepted participant keeps the seat through attendance and completion. */
export const seatHoldingStatuses = ['accepted', 'attended', 'completed'] as const satisfies readonly ApplicationStatus[];
