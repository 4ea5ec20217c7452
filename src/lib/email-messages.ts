import { nameForMail } from './names.ts';

export const emailKinds = [
  'verify-email',
  'reset-password',
  'set-password',
  'application-received',
  'endorsed',
  'declined',
  'accepted',
  'waitlisted',
  'rejected',
  'promoted',
  'nominated',
] as const;

export type EmailKind = (typeof emailKinds)[number];

export type EmailLanguage = 'en' | 'fr' | 'ar';

export interface EmailValues {
  /** The recipient's full name, for the greeting. */
  name: string;
  /** The one link the recipient should open; required by the account kinds. */
  link?: string;
  /** The course title, already in the recipient's language where a translation exists. */
  courseTitle?: string;
  /** Why an application was declined or rejected, as written by the person who decided. */
  reason?: string;
  /** By when a nominee should set their password or sign in, already formatted for the reader. */
  deadline?: string;
}

export interface EmailMessage {
  subject: string;
  text: string;
}

/** The subject and the paragraphs between the greeting and the closing. */
interface Draft {
  subject: string;
  paragraphs: Array<string | false | undefined>;
}

interface Language {
  greeting(name: string): string;
  closing: string;
  kinds: Record<EmailKind, (values: EmailValues) => Draft>;
}

/** These kinds are useless without their link, so a missing one is a bug in the caller. */
const needsLink: ReadonlySet<EmailKind> = new Set(['verify-email', 'reset-password', 'set-password']);

const english: Language = {
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
    accepted: ({ courseTitle }) => ({
      subject: enTitled('Application accepted', courseTitle),
      paragraphs: [
        `We are pleased to inform you that your application for ${enCourse(courseTitle)} has been accepted.`,
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
    promoted: ({ courseTitle }) => ({
      subject: enTitled('Application accepted from the waiting list', courseTitle),
      paragraphs: [
        `A seat has become free in ${enCourse(courseTitle)}, and your application has moved from the waiting list to accepted.`,
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
  },
};

const french: Language = {
  greeting: (name) => `Bonjour ${name},`,
  closing: 'Cordialement,\nÉchange OCI sur la réforme du service public — SESRIC',
  kinds: {
    'verify-email': ({ link }) => ({
      subject: 'Confirmez votre adresse électronique',
      paragraphs: [
        'Merci d’avoir créé un compte. Pour l’activer, veuillez confirmer votre adresse électronique en ouvrant le lien ci-dessous. Ce lien est valable 48 heures.',
        link,
        'Si vous n’avez pas créé ce compte, vous pouvez ignorer ce message.',
      ],
    }),
    'reset-password': ({ link }) => ({
      subject: 'Réinitialisation de votre mot de passe',
      paragraphs: [
        'Nous avons reçu une demande de réinitialisation du mot de passe de votre compte. Pour choisir un nouveau mot de passe, ouvrez le lien ci-dessous. Ce lien est valable une heure.',
        link,
        'Si vous n’avez rien demandé, ignorez ce message — votre mot de passe n’a pas été modifié.',
      ],
    }),
    'set-password': ({ link }) => ({
      subject: 'Un compte a été créé pour vous',
      paragraphs: [
        'L’équipe du SESRIC ou votre point focal national a créé pour vous un compte sur l’Échange OCI sur la réforme du service public. Pour l’utiliser, choisissez un mot de passe en ouvrant le lien ci-dessous. Ce lien est valable 7 jours.',
        link,
        'Si le lien a expiré, utilisez « Mot de passe oublié ? » sur la page de connexion pour en recevoir un nouveau.',
      ],
    }),
    'application-received': ({ courseTitle }) => ({
      subject: frTitled('Candidature reçue', courseTitle),
      paragraphs: [
        `Nous avons bien reçu votre candidature à ${frCourse(courseTitle)}. Votre point focal national va l’examiner, et nous vous écrirons lorsque son statut changera.`,
        'Vous pouvez suivre votre candidature dans « Mes candidatures » après vous être connecté(e).',
      ],
    }),
    endorsed: ({ courseTitle }) => ({
      subject: frTitled('Candidature appuyée', courseTitle),
      paragraphs: [
        `Votre point focal national a appuyé votre candidature à ${frCourse(courseTitle)}. L’équipe du programme du SESRIC va maintenant l’examiner, et nous vous ferons part de sa décision.`,
      ],
    }),
    declined: ({ courseTitle, reason }) => ({
      subject: frTitled('Candidature non appuyée', courseTitle),
      paragraphs: [
        `Votre point focal national n’a pas appuyé votre candidature à ${frCourse(courseTitle)} ; elle ne sera donc pas transmise au SESRIC pour cette formation.`,
        reason && `Motif indiqué : ${reason}`,
        'Vous pouvez présenter votre candidature à d’autres formations sur la plateforme.',
      ],
    }),
    accepted: ({ courseTitle }) => ({
      subject: frTitled('Candidature acceptée', courseTitle),
      paragraphs: [
        `Nous avons le plaisir de vous informer que votre candidature à ${frCourse(courseTitle)} a été acceptée.`,
        'Vous trouverez les détails de la formation dans « Mes candidatures » après vous être connecté(e).',
      ],
    }),
    waitlisted: ({ courseTitle }) => ({
      subject: frTitled('Candidature sur liste d’attente', courseTitle),
      paragraphs: [
        `Toutes les places de ${frCourse(courseTitle)} sont actuellement attribuées ; votre candidature a donc été placée sur liste d’attente.`,
        'Si une place se libère, votre candidature pourra passer de la liste d’attente à « acceptée » ; nous vous écrirons le cas échéant.',
      ],
    }),
    rejected: ({ courseTitle, reason }) => ({
      subject: frTitled('Décision concernant votre candidature', courseTitle),
      paragraphs: [
        `Nous avons le regret de vous informer que votre candidature à ${frCourse(courseTitle)} n’a pas été retenue.`,
        reason && `Motif indiqué : ${reason}`,
        'Nous vous remercions de votre intérêt et vous invitons à présenter votre candidature à de prochaines formations.',
      ],
    }),
    promoted: ({ courseTitle }) => ({
      subject: frTitled('Candidature acceptée depuis la liste d’attente', courseTitle),
      paragraphs: [
        `Une place s’est libérée dans ${frCourse(courseTitle)}, et votre candidature est passée de la liste d’attente à « acceptée ».`,
        'Vous trouverez les détails de la formation dans « Mes candidatures » après vous être connecté(e).',
      ],
    }),
    nominated: ({ courseTitle, link, deadline }) => ({
      subject: frTitled('Vous avez été proposé(e)', courseTitle),
      paragraphs: [
        `Votre point focal national vous a proposé(e) pour ${frCourse(courseTitle)}. L’équipe du programme du SESRIC va examiner cette proposition, et nous vous ferons part de sa décision.`,
        link
          ? 'Un compte a été créé pour vous sur la plateforme. Pour consulter cette proposition, choisissez d’abord un mot de passe en ouvrant le lien ci-dessous. Ce lien est valable 7 jours.'
          : 'Veuillez vous connecter à la plateforme pour consulter cette proposition dans « Mes candidatures ».',
        link,
        deadline && `Merci de le faire avant le ${deadline}.`,
      ],
    }),
  },
};

const arabic: Language = {
  greeting: (name) => `السيد/السيدة ${name}،\nتحية طيبة وبعد،`,
  closing: 'مع خالص التحية،\nمنصة منظمة التعاون الإسلامي لتبادل تجارب إصلاح الخدمة العامة — سيسرك',
  kinds: {
    'verify-email': ({ link }) => ({
      subject: 'تأكيد عنوان بريدك الإلكتروني',
      paragraphs: [
        'شكرًا لإنشائك حسابًا على المنصة. لتفعيل الحساب، يُرجى تأكيد عنوان بريدك الإلكتروني بفتح الرابط التالي، وهو صالح لمدة 48 ساعة.',
        link,
        'إذا لم تكن أنت من أنشأ هذا الحساب، فيمكنك تجاهل هذه الرسالة.',
      ],
    }),
    'reset-password': ({ link }) => ({
      subject: 'إعادة تعيين كلمة المرور',
      paragraphs: [
        'تلقّينا طلبًا لإعادة تعيين كلمة المرور لحسابك. لاختيار كلمة مرور جديدة، افتح الرابط التالي، وهو صالح لمدة ساعة واحدة.',
        link,
        'إذا لم تطلب ذلك، فتجاهل هذه الرسالة — لم تتغيّر كلمة مرورك.',
      ],
    }),
    'set-password': ({ link }) => ({
      subject: 'أُنشئ حساب باسمك على المنصة',
      paragraphs: [
        'أنشأ فريق سيسرك أو منسّق الاتصال الوطني في بلدك حسابًا باسمك على منصة منظمة التعاون الإسلامي لتبادل تجارب إصلاح الخدمة العامة. لبدء استخدامه، اختر كلمة المرور بفتح الرابط التالي، وهو صالح لمدة 7 أيام.',
        link,
        'إذا انتهت صلاحية الرابط، فاستخدم «نسيت كلمة المرور؟» في صفحة تسجيل الدخول للحصول على رابط جديد.',
      ],
    }),
    'application-received': ({ courseTitle }) => ({
      subject: arTitled('تم استلام طلبك', courseTitle),
      paragraphs: [
        `تم استلام طلبك للمشاركة في ${arCourse(courseTitle)}. سيراجعه منسّق الاتصال الوطني في بلدك، وسنراسلك عند تغيّر حالته.`,
        'يمكنك متابعة طلبك في صفحة «طلباتي» بعد تسجيل الدخول.',
      ],
    }),
    endorsed: ({ courseTitle }) => ({
      subject: arTitled('تأييد طلبك', courseTitle),
      paragraphs: [
        `أيّد منسّق الاتصال الوطني في بلدك طلبك للمشاركة في ${arCourse(courseTitle)}. وسيراجع فريق البرنامج في سيسرك الطلب الآن، وسنراسلك بقراره.`,
      ],
    }),
    declined: ({ courseTitle, reason }) => ({
      subject: arTitled('عدم تأييد طلبك', courseTitle),
      paragraphs: [
        `لم يؤيّد منسّق الاتصال الوطني في بلدك طلبك للمشاركة في ${arCourse(courseTitle)}، ولذلك لن يُحال الطلب إلى سيسرك لهذه الدورة.`,
        reason && `السبب المذكور: ${reason}`,
        'يسعدنا أن تتقدّم بطلبات للمشاركة في دورات أخرى على المنصة.',
      ],
    }),
    accepted: ({ courseTitle }) => ({
      subject: arTitled('قبول طلبك', courseTitle),
      paragraphs: [
        `يسرّنا إبلاغك بقبول طلبك للمشاركة في ${arCourse(courseTitle)}.`,
        'يمكنك الاطلاع على تفاصيل الدورة في صفحة «طلباتي» بعد تسجيل الدخول.',
      ],
    }),
    waitlisted: ({ courseTitle }) => ({
      subject: arTitled('إدراج طلبك في قائمة الانتظار', courseTitle),
      paragraphs: [
        `جميع المقاعد في ${arCourse(courseTitle)} محجوزة حاليًا، ولذلك أُدرج طلبك في قائمة الانتظار.`,
        'إذا شغر مقعد، فقد يُنقل طلبك من قائمة الانتظار إلى الطلبات المقبولة، وسنراسلك إن حدث ذلك.',
      ],
    }),
    rejected: ({ courseTitle, reason }) => ({
      subject: arTitled('قرار بشأن طلبك', courseTitle),
      paragraphs: [
        `نأسف لإبلاغك بأن طلبك للمشاركة في ${arCourse(courseTitle)} لم يُقبل.`,
        reason && `السبب المذكور: ${reason}`,
        'نشكرك على اهتمامك، ويسعدنا أن تتقدّم بطلبات للمشاركة في الدورات القادمة.',
      ],
    }),
    promoted: ({ courseTitle }) => ({
      subject: arTitled('قبول طلبك من قائمة الانتظار', courseTitle),
      paragraphs: [
        `شغر مقعد في ${arCourse(courseTitle)}، فنُقل طلبك من قائمة الانتظار إلى الطلبات المقبولة.`,
        'يمكنك الاطلاع على تفاصيل الدورة في صفحة «طلباتي» بعد تسجيل الدخول.',
      ],
    }),
    nominated: ({ courseTitle, link, deadline }) => ({
      subject: arTitled('ترشيحك للمشاركة في دورة', courseTitle),
      paragraphs: [
        `رشّحك منسّق الاتصال الوطني في بلدك للمشاركة في ${arCourse(courseTitle)}. وسيراجع فريق البرنامج في سيسرك الترشيح، وسنراسلك بقراره.`,
        link
          ? 'أُنشئ حساب باسمك على المنصة. للاطلاع على ترشيحك، اختر أولًا كلمة المرور بفتح الرابط التالي، وهو صالح لمدة 7 أيام.'
          : 'يُرجى تسجيل الدخول إلى المنصة للاطلاع على الترشيح في صفحة «طلباتي».',
        link,
        deadline && `يُرجى القيام بذلك في موعد أقصاه ${deadline}.`,
      ],
    }),
  },
};

const languages: Record<EmailLanguage, Language> = { en: english, fr: french, ar: arabic };

/**
 * One of the platform's messages in the recipient's language: a greeting with their name, what
 * happened and what to do next, the link on a line of its own, and the platform's closing.
 */
export function emailMessage(kind: EmailKind, language: EmailLanguage, values: EmailValues): EmailMessage {
  if (needsLink.has(kind) && !values.link) throw new Error(`the "${kind}" email needs a link`);
  const { greeting, closing, kinds } = languages[language];
  const { subject, paragraphs } = kinds[kind](values);
  const body = paragraphs.filter((paragraph): paragraph is string => Boolean(paragraph));
  return { subject, text: [greeting(nameForMail(values.name)), ...body, closing].join('\n\n') + '\n' };
}

// A subject names the course when it is known, as the text does.
function enTitled(subject: string, courseTitle: string | undefined): string {
  return courseTitle ? `${subject}: ${enQuote(courseTitle)}` : subject;
}
function frTitled(subject: string, courseTitle: string | undefined): string {
  return courseTitle ? `${subject} : ${frQuote(courseTitle)}` : subject;
}
function arTitled(subject: string, courseTitle: string | undefined): string {
  return courseTitle ? `${subject}: ${arQuote(courseTitle)}` : subject;
}

function enQuote(title: string): string {
  return `“${title}”`;
}
function frQuote(title: string): string {
  return `« ${title} »`;
}
function arQuote(title: string): string {
  return `«${title}»`;
}

function enCourse(title: string | undefined): string {
  return title ? `the course ${enQuote(title)}` : 'the course';
}
function frCourse(title: string | undefined): string {
  return title ? `la formation ${frQuote(title)}` : 'la formation';
}
function arCourse(title: string | undefined): string {
  return title ? `الدورة ${arQuote(title)}` : 'الدورة';
}
