import { siteLink, type MailTexts } from './texts.ts';

/** The platform's mails in English: subject, then the paragraphs between greeting and closing. */
export const english: MailTexts = {
  greeting: (name) => `Dear ${name},`,
  closing: 'Kind regards,\nOIC Public Service Reform Exchange — SESRIC',
  kinds: {
    'verify-email': ({ link }) => ({
      subject: 'Confirm your email address',
      paragraphs: [
        'Thank you for creating an account. To activate it, please confirm your email address by opening the link below. The link is valid for 48 hours.',
        link,
        'If you did not create this account, you can ignore this message.',
      ],
    }),
    'reset-password': ({ link }) => ({
      subject: 'Reset your password',
      paragraphs: [
        'We received a request to reset the password of your account. To choose a new password, open the link below. The link is valid for one hour.',
        link,
        'If you did not ask for this, ignore this message — your password has not changed.',
      ],
    }),
    'set-password': ({ link }) => ({
      subject: 'An account has been created for you',
      paragraphs: [
        'SESRIC staff or your national focal point has created an account for you on the OIC Public Service Reform Exchange. To start using it, choose a password by opening the link below. The link is valid for 7 days.',
        link,
        'If the link has expired, use “Forgot your password?” on the sign-in page to receive a new one.',
      ],
    }),
    'application-received': ({ courseTitle }) => ({
      subject: enTitled('Application received', courseTitle),
      paragraphs: [
        `We have received your application for ${enCourse(courseTitle)}. Your national focal point will review it, and we will write to you when its status changes.`,
        'You can follow your application under “My applications” after signing in.',
      ],
    }),
    endorsed: ({ courseTitle }) => ({
      subject: enTitled('Application endorsed', courseTitle),
      paragraphs: [
        `Your national focal point has endorsed your application for ${enCourse(courseTitle)}. SESRIC programme staff will now review it, and we will write to you with their decision.`,
      ],
    }),
    declined: ({ courseTitle, reason }) => ({
      subject: enTitled('Application not endorsed', courseTitle),
      paragraphs: [
        `Your national focal point has not endorsed your application for ${enCourse(courseTitle)}, so it will not go forward to SESRIC for this course.`,
        reason && `Reason given: ${reason}`,
        'You are welcome to apply for other courses on the platform.',
      ],
    }),
    accepted: ({ courseTitle, joining, calendar, letter }) => ({
      subject: enTitled('Application accepted', courseTitle),
      paragraphs: [
        `We are pleased to inform you that your application for ${enCourse(courseTitle)} has been accepted.`,
        ...enBeforeTheCourse(joining, calendar, letter),
        'You can see the course details under “My applications” after signing in.',
      ],
    }),
    waitlisted: ({ courseTitle }) => ({
      subject: enTitled('Application on the waiting list', courseTitle),
      paragraphs: [
        `All seats in ${enCourse(courseTitle)} are currently taken, so your application has been placed on the waiting list.`,
        'If a seat becomes free, your application may move from the waiting list to accepted; we will write to you if it does.',
      ],
    }),
    rejected: ({ courseTitle, reason }) => ({
      subject: enTitled('Decision on your application', courseTitle),
      paragraphs: [
        `We regret to inform you that your application for ${enCourse(courseTitle)} has not been accepted.`,
        reason && `Reason given: ${reason}`,
        'Thank you for your interest. You are welcome to apply for future courses.',
      ],
    }),
    promoted: ({ courseTitle, joining, calendar, letter }) => ({
      subject: enTitled('Application accepted from the waiting list', courseTitle),
      paragraphs: [
        `A seat has become free in ${enCourse(courseTitle)}, and your application has moved from the waiting list to accepted.`,
        ...enBeforeTheCourse(joining, calendar, letter),
        'You can see the course details under “My applications” after signing in.',
      ],
    }),
    nominated: ({ courseTitle, link, deadline }) => ({
      subject: enTitled('You have been nominated', courseTitle),
      paragraphs: [
        `Your national focal point has nominated you for ${enCourse(courseTitle)}. SESRIC programme staff will review the nomination, and we will write to you with their decision.`,
        link
          ? 'An account has been created for you on the platform. To see your nomination, first choose a password by opening the link below. The link is valid for 7 days.'
          : 'Please sign in to the platform to see the nomination under “My applications”.',
        link,
        deadline && `Please do so by ${deadline}.`,
      ],
    }),
    // Contributed practices (issue 10)
    'practice-submitted': ({ practiceTitle, site }) => ({
      subject: enTitled('Practice received', practiceTitle),
      paragraphs: [
        `We have received your proposal ${enQuote(practiceTitle ?? '')}. The national focal point of its country will be asked to endorse it, then SESRIC will review it. We will write to you when its status changes.`,
        'You can follow it, and read reviewers’ comments, under “My practices”:',
        siteLink(site, 'en', 'account/practices'),
      ],
    }),
    'practice-to-endorse': ({ practiceTitle, site }) => ({
      subject: enTitled('A practice awaits your endorsement', practiceTitle),
      paragraphs: [
        `A practice from your country, ${enQuote(practiceTitle ?? '')}, has been proposed for publication. Please confirm that the national authority endorses this account, or return it with a comment.`,
        'Without an answer within 14 days, SESRIC will review it as “not endorsed nationally”.',
        siteLink(site, 'en', 'focal-point/practices'),
      ],
    }),
    'practice-endorsed': ({ practiceTitle, site }) => ({
      subject: enTitled('Practice endorsed', practiceTitle),
      paragraphs: [
        `Your national focal point has endorsed your proposal ${enQuote(practiceTitle ?? '')}. SESRIC staff will now review it.`,
        siteLink(site, 'en', 'account/practices'),
      ],
    }),
    'practice-returned': ({ practiceTitle, reason, site }) => ({
      subject: enTitled('Practice returned by your focal point', practiceTitle),
      paragraphs: [
        `Your national focal point has returned your proposal ${enQuote(practiceTitle ?? '')} without endorsing it.`,
        reason && `Comment: ${reason}`,
        'You may revise it and submit it again, or withdraw it:',
        siteLink(site, 'en', 'account/practices'),
      ],
    }),
    'practice-to-review': ({ practiceTitle, site }) => ({
      subject: enTitled('A practice is ready for review', practiceTitle),
      paragraphs: [`The practice ${enQuote(practiceTitle ?? '')} is ready for editorial review.`, siteLink(site, 'en', 'staff/practices')],
    }),
    'practice-in-review': ({ practiceTitle, site }) => ({
      subject: enTitled('Practice under review', practiceTitle),
      paragraphs: [`SESRIC staff have begun reviewing your proposal ${enQuote(practiceTitle ?? '')}.`, siteLink(site, 'en', 'account/practices')],
    }),
    'practice-changes-requested': ({ practiceTitle, reason, site }) => ({
      subject: enTitled('Changes requested', practiceTitle),
      paragraphs: [
        `SESRIC staff ask for changes to your proposal ${enQuote(practiceTitle ?? '')} before it can be published.`,
        reason && `What to change: ${reason}`,
        'Please revise it and submit it again:',
        siteLink(site, 'en', 'account/practices'),
      ],
    }),
    'practice-resubmitted': ({ practiceTitle, site }) => ({
      subject: enTitled('A revised practice is ready for review', practiceTitle),
      paragraphs: [`The proposer has revised and resubmitted ${enQuote(practiceTitle ?? '')}. You can see what changed since the last version.`, siteLink(site, 'en', 'staff/practices')],
    }),
    'practice-accepted': ({ practiceTitle, slug, site }) => ({
      subject: enTitled('Practice published', practiceTitle),
      paragraphs: [
        `We are pleased to inform you that your proposal ${enQuote(practiceTitle ?? '')} has been accepted and is now published:`,
        slug ? siteLink(site, 'en', `practices/${slug}`) : undefined,
        'Thank you for sharing your country’s experience.',
      ],
    }),
    'practice-published': ({ practiceTitle, slug, site }) => ({
      subject: enTitled('A practice from your country is published', practiceTitle),
      paragraphs: [`The practice ${enQuote(practiceTitle ?? '')} from your country has been accepted by SESRIC and is now published:`, slug ? siteLink(site, 'en', `practices/${slug}`) : undefined],
    }),
    'practice-declined': ({ practiceTitle, reason, site }) => ({
      subject: enTitled('Practice not accepted', practiceTitle),
      paragraphs: [
        `After review, SESRIC has decided not to publish your proposal ${enQuote(practiceTitle ?? '')}.`,
        reason && `Reason given: ${reason}`,
        siteLink(site, 'en', 'account/practices'),
      ],
    }),
    'practice-withdrawn': ({ practiceTitle }) => ({
      subject: enTitled('Practice withdrawn', practiceTitle),
      paragraphs: [`The proposer has withdrawn the practice ${enQuote(practiceTitle ?? '')}. Nothing more is needed from you.`],
    }),
    completed: ({ courseTitle, link }) => ({
      subject: enTitled('Your certificate', courseTitle),
      paragraphs: [
        `Congratulations on completing ${enCourse(courseTitle)}. Your certificate of completion is ready: open the link below to see and print it.`,
        link,
        'Anyone you show it to can check it with the code and web address printed on it.',
      ],
    }),
    // Issue 11: course evaluation
    evaluation: ({ courseTitle, link }) => ({
      subject: enTitled('How was the course?', courseTitle),
      paragraphs: [
        `Thank you for taking part in ${enCourse(courseTitle)}. Please tell us how it went: five ratings and two short questions, about five minutes. Your answers are shown to SESRIC staff and your national focal point only as totals of five people or more, never with your name.`,
        link || 'You will find the form under “My applications” after signing in.',
        'You can change your answers until 30 days after the course ends.',
      ],
    }),
  },
};

function enBeforeTheCourse(joining: string | undefined, calendar: boolean | undefined, letter: boolean | undefined): Array<string | undefined | false> {
  return [
    joining && `Joining instructions:\n${joining}`,
    calendar && 'The course dates are attached as a calendar file (course.ics) that you can add to your calendar.',
    letter && 'If you need a letter of acceptance for a visa application or your employer, you can print one under “My applications” after signing in.',
  ];
}

function enTitled(subject: string, courseTitle: string | undefined): string {
  return courseTitle ? `${subject}: ${enQuote(courseTitle)}` : subject;
}

function enCourse(title: string | undefined): string {
  return title ? `the course ${enQuote(title)}` : 'the course';
}

function enQuote(title: string): string {
  return `“${title}”`;
}
