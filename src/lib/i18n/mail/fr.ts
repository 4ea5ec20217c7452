import type { MailTexts } from './texts.ts';

/** The platform's mails in French: subject, then the paragraphs between greeting and closing. */
export const french: MailTexts = {
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
    accepted: ({ courseTitle, joining, calendar, letter }) => ({
      subject: frTitled('Candidature acceptée', courseTitle),
      paragraphs: [
        `Nous avons le plaisir de vous informer que votre candidature à ${frCourse(courseTitle)} a été acceptée.`,
        ...frBeforeTheCourse(joining, calendar, letter),
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
    promoted: ({ courseTitle, joining, calendar, letter }) => ({
      subject: frTitled('Candidature acceptée depuis la liste d’attente', courseTitle),
      paragraphs: [
        `Une place s’est libérée dans ${frCourse(courseTitle)}, et votre candidature est passée de la liste d’attente à « acceptée ».`,
        ...frBeforeTheCourse(joining, calendar, letter),
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
    completed: ({ courseTitle, link }) => ({
      subject: frTitled('Votre certificat', courseTitle),
      paragraphs: [
        `Nous vous félicitons d’avoir achevé ${frCourse(courseTitle)}. Votre certificat de réussite est disponible : ouvrez le lien ci-dessous pour le consulter et l’imprimer.`,
        link,
        'Toute personne à qui vous le présentez peut en vérifier l’authenticité grâce au code et à l’adresse web qui y figurent.',
      ],
    }),
    // Issue 11: course evaluation
    evaluation: ({ courseTitle, link }) => ({
      subject: frTitled('Votre avis sur la formation', courseTitle),
      paragraphs: [
        `Nous vous remercions d’avoir participé à ${frCourse(courseTitle)}. Nous vous invitons à nous faire part de votre appréciation : cinq notes et deux brèves questions, soit environ cinq minutes. Vos réponses ne sont communiquées au personnel du SESRIC et à votre point focal national que sous forme de totaux portant sur au moins cinq personnes, jamais avec votre nom.`,
        link || 'Vous trouverez le formulaire dans « Mes candidatures » après vous être connecté(e).',
        'Vous pourrez modifier vos réponses jusqu’à 30 jours après la fin de la formation.',
      ],
    }),
  },
};

function frBeforeTheCourse(joining: string | undefined, calendar: boolean | undefined, letter: boolean | undefined): Array<string | undefined | false> {
  return [
    joining && `Instructions pratiques :\n${joining}`,
    calendar && 'Les dates de la formation figurent dans le fichier de calendrier joint (course.ics), que vous pouvez ajouter à votre agenda.',
    letter && 'Si vous avez besoin d’une lettre d’admission pour une demande de visa ou pour votre employeur, vous pouvez l’imprimer depuis « Mes candidatures » après vous être connecté(e).',
  ];
}

function frTitled(subject: string, courseTitle: string | undefined): string {
  return courseTitle ? `${subject} : ${frQuote(courseTitle)}` : subject;
}

function frCourse(title: string | undefined): string {
  return title ? `la formation ${frQuote(title)}` : 'la formation';
}

function frQuote(title: string): string {
  return `« ${title} »`;
}
