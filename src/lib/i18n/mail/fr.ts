import { siteLink, type MailTexts } from './texts.ts';

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
    // Contributed practices (issue 10)
    'practice-submitted': ({ practiceTitle, site }) => ({
      subject: frTitled('Pratique reçue', practiceTitle),
      paragraphs: [
        `Nous avons bien reçu votre proposition ${frQuote(practiceTitle ?? '')}. Le point focal national de son pays sera invité à l’approuver, puis le SESRIC l’examinera. Nous vous écrirons lorsque son statut changera.`,
        'Vous pouvez en suivre l’avancement et lire les commentaires des examinateurs à la rubrique « Mes pratiques » :',
        siteLink(site, 'fr', 'account/practices'),
      ],
    }),
    'practice-to-endorse': ({ practiceTitle, site }) => ({
      subject: frTitled('Une pratique attend votre approbation', practiceTitle),
      paragraphs: [
        `Une pratique de votre pays, ${frQuote(practiceTitle ?? '')}, a été proposée pour publication. Nous vous prions de confirmer que l’autorité nationale approuve ce récit, ou de la renvoyer accompagnée d’un commentaire.`,
        'À défaut de réponse dans un délai de 14 jours, le SESRIC l’examinera avec la mention « non approuvée au niveau national ».',
        siteLink(site, 'fr', 'focal-point/practices'),
      ],
    }),
    'practice-endorsed': ({ practiceTitle, site }) => ({
      subject: frTitled('Pratique approuvée', practiceTitle),
      paragraphs: [
        `Votre point focal national a approuvé votre proposition ${frQuote(practiceTitle ?? '')}. Le personnel du SESRIC va maintenant l’examiner.`,
        siteLink(site, 'fr', 'account/practices'),
      ],
    }),
    'practice-returned': ({ practiceTitle, reason, site }) => ({
      subject: frTitled('Pratique renvoyée par votre point focal', practiceTitle),
      paragraphs: [
        `Votre point focal national vous a renvoyé la proposition ${frQuote(practiceTitle ?? '')} sans l’approuver.`,
        reason && `Commentaire : ${reason}`,
        'Vous pouvez la réviser et la soumettre de nouveau, ou la retirer :',
        siteLink(site, 'fr', 'account/practices'),
      ],
    }),
    'practice-to-review': ({ practiceTitle, site }) => ({
      subject: frTitled('Une pratique est prête pour l’examen', practiceTitle),
      paragraphs: [`La pratique ${frQuote(practiceTitle ?? '')} est prête pour l’examen éditorial.`, siteLink(site, 'fr', 'staff/practices')],
    }),
    'practice-in-review': ({ practiceTitle, site }) => ({
      subject: frTitled('Pratique en cours d’examen', practiceTitle),
      paragraphs: [`Le personnel du SESRIC a commencé l’examen de votre proposition ${frQuote(practiceTitle ?? '')}.`, siteLink(site, 'fr', 'account/practices')],
    }),
    'practice-changes-requested': ({ practiceTitle, reason, site }) => ({
      subject: frTitled('Modifications demandées', practiceTitle),
      paragraphs: [
        `Le personnel du SESRIC demande des modifications à votre proposition ${frQuote(practiceTitle ?? '')} avant sa publication.`,
        reason && `Modifications demandées : ${reason}`,
        'Nous vous prions de la réviser et de la soumettre de nouveau :',
        siteLink(site, 'fr', 'account/practices'),
      ],
    }),
    'practice-resubmitted': ({ practiceTitle, site }) => ({
      subject: frTitled('Une pratique révisée est prête pour l’examen', practiceTitle),
      paragraphs: [`L’auteur de la proposition ${frQuote(practiceTitle ?? '')} l’a révisée et soumise de nouveau. Les modifications depuis la version précédente peuvent être consultées.`, siteLink(site, 'fr', 'staff/practices')],
    }),
    'practice-accepted': ({ practiceTitle, slug, site }) => ({
      subject: frTitled('Pratique publiée', practiceTitle),
      paragraphs: [
        `Nous avons le plaisir de vous informer que votre proposition ${frQuote(practiceTitle ?? '')} a été acceptée et qu’elle est désormais publiée :`,
        slug ? siteLink(site, 'fr', `practices/${slug}`) : undefined,
        'Nous vous remercions d’avoir partagé l’expérience de votre pays.',
      ],
    }),
    'practice-published': ({ practiceTitle, slug, site }) => ({
      subject: frTitled('Une pratique de votre pays est publiée', practiceTitle),
      paragraphs: [`La pratique ${frQuote(practiceTitle ?? '')} de votre pays a été acceptée par le SESRIC et est désormais publiée :`, slug ? siteLink(site, 'fr', `practices/${slug}`) : undefined],
    }),
    'practice-declined': ({ practiceTitle, reason, site }) => ({
      subject: frTitled('Pratique non retenue', practiceTitle),
      paragraphs: [
        `Après examen, le SESRIC a décidé de ne pas publier votre proposition ${frQuote(practiceTitle ?? '')}.`,
        reason && `Motif : ${reason}`,
        siteLink(site, 'fr', 'account/practices'),
      ],
    }),
    'practice-withdrawn': ({ practiceTitle }) => ({
      subject: frTitled('Pratique retirée', practiceTitle),
      paragraphs: [`L’auteur a retiré la pratique ${frQuote(practiceTitle ?? '')}. Aucune suite n’est requise de votre part.`],
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
