import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dictionaries, locales, type Locale } from '#lib/i18n/index.ts';
import { countryName, memberStates } from '#lib/member-states.ts';
import { themes } from '#lib/vocabulary.ts';

/**
 * Synthetic case studies for the build benchmark: valid entries of realistic length (~900 words
 * per language), each clearly marked as synthetic benchmark text. Nothing here describes a real
 * reform; the sources point at example.org, a domain reserved for examples.
 */

export const syntheticTitlePrefix = 'Synthetic benchmark entry';

/** A small seeded generator, so the same size always gives the same text. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Slots = Record<string, string>;
type Section = 'context' | 'done' | 'results' | 'lessons' | 'adapting';

interface LanguagePack {
  notice: string;
  services: string[];
  agencies: string[];
  subheadings: string[];
  figureLabels: string[];
  months: string[];
  titleTopic: string;
  summary: string;
  sentences: Record<Section, string[]>;
}

const en: LanguagePack = {
  notice: 'This is synthetic benchmark text, generated to measure how the site scales; it does not describe a real reform.',
  services: ['passport renewal', 'business registration', 'birth certificates', 'land registry extracts', 'vehicle licensing', 'social benefit claims', 'tax clearance', 'building permits', 'identity cards', 'pension statements', 'customs declarations', 'utility connections'],
  agencies: ['the civil registry', 'the ministry of interior', 'the tax administration', 'the social insurance fund', 'the land cadastre office', 'the chamber of commerce', 'the municipal council', 'the national statistics office'],
  subheadings: ['A pilot in the capital', 'Common service standards', 'Training front-office staff', 'Moving services online', 'Measuring satisfaction', 'Reaching rural districts'],
  figureLabels: ['service centres in operation', 'applications handled in the year', 'average waiting time, in minutes', 'services available under one roof', 'citizens surveyed on satisfaction', 'staff trained in the new standards'],
  months: ['January', 'March', 'May', 'July', 'September', 'November'],
  titleTopic: '{service} reform in {country}',
  summary: 'Synthetic benchmark text: an imagined account of how {country} reorganised {service} from {year}, written only to measure how the site scales.',
  sentences: {
    context: [
      'In {year}, citizens of {country} who needed {service} often had to visit {n} separate offices, each with its own forms, fees and opening hours.',
      'Surveys at the time suggested that waiting in line took longer than the procedure itself, and that informal payments were widely expected at the counter.',
      'Responsibility for {service} was split between {agency} and {agency2}, which kept separate records and rarely shared information with each other.',
      'Officials in {country} had studied the ASAN model from Azerbaijan, which brings many public services under one roof with common standards.',
      'Regional offices had little equipment, and staff were trained mostly on the job, so the quality of service varied from one district to the next.',
      'Reformers argued that the problem was not a lack of rules but the number of steps a person had to take between the different institutions.',
      'Before the reform, a typical request for {service} took about {n} working days and required copies of documents the state already held.',
      'The government set itself the aim of cutting visits, paperwork and waiting time while making fees visible and predictable for every applicant.',
    ],
    done: [
      'A steering group chaired by {agency} drew up a single catalogue of procedures and removed requirements that duplicated existing records.',
      'The first centre opened in {year2} and hosted counters for {agency}, {agency2} and several private providers such as banks and notaries.',
      'Every counter followed the same written standard for greeting visitors, checking documents, issuing receipts and answering complaints.',
      'Fees were paid by card or at a bank desk inside the centre, so that no cash changed hands between applicants and officials.',
      'Front-office staff followed a {n}-week training course covering the procedures, customer care and the use of the shared case management system.',
      'A call centre and a website were opened at the same time, so that people could check which documents to bring before they travelled.',
      'Mobile units visited rural districts on a fixed schedule, carrying laptops, printers and a satellite connection to the central registers.',
      'Back-office agencies agreed to exchange data electronically, which allowed a single application to update several registers at once.',
      'The reform team published monthly figures on waiting times and the number of requests handled for {service} at each centre.',
    ],
    results: [
      'By {year3}, the number of visits needed for {service} had fallen from {n} to one in most districts, according to the programme reports.',
      'Waiting times at the counters became shorter, and the share of requests completed on the same day rose steadily over the first years.',
      'Satisfaction surveys carried out at the exit of the centres reported high approval, although response rates were not always published.',
      'Complaints about informal payments declined, which the programme attributed to cashless payment and the presence of supervisors on the floor.',
      'The centres became a place where new services could be piloted before being rolled out across the rest of the administration.',
      'Costs were higher than planned in the first two years, mainly because of building works and the purchase of equipment for regional centres.',
      'Demand grew faster than expected, and queues returned at peak times until appointment booking was introduced in {year3}.',
    ],
    lessons: [
      'A single front office only works when the back offices behind it agree to share data and accept each other’s records.',
      'Clear and visible fees do more against petty corruption than inspections alone, because they remove the reason to negotiate at the counter.',
      'Training the staff who meet the public is as important as the building; the standard has to be practised, not only written down.',
      'Publishing figures regularly keeps attention on the reform and gives managers a reason to fix problems quickly.',
      'Starting with a pilot in one city allowed the team to correct the procedures before opening further centres in the regions.',
      'Mobile units and online services are needed alongside the centres, or people in remote areas gain little from the reform.',
      'Political support at the highest level helped to settle disputes between agencies that were reluctant to give up their own counters.',
    ],
    adapting: [
      'Countries considering a similar reform for {service} may start with an inventory of procedures and the documents each one requires.',
      'The ASAN experience suggests that hosting existing providers under one roof is easier than creating a new agency to deliver services itself.',
      'Where connectivity is weak, offline registers and scheduled synchronisation can replace real-time data exchange for a transition period.',
      'A realistic budget should include staff training, maintenance and the cost of keeping the centres open for longer hours.',
      'Partners such as {agency} in other member states can share their standards, training material and lessons from their own pilots.',
      'Monitoring should be planned from the start, with baseline figures collected before the first centre opens, so that results can be compared.',
      'The sequence matters more than the blueprint: agreement between agencies, a legal basis, a pilot, and then gradual extension to the regions.',
    ],
  },
};

const fr: LanguagePack = {
  notice: 'Ceci est un texte synthétique de test de performance, produit pour mesurer la montée en charge du site ; il ne décrit aucune réforme réelle.',
  services: ['renouvellement des passeports', 'immatriculation des entreprises', 'actes de naissance', 'extraits du cadastre', 'permis de conduire', 'prestations sociales', 'attestations fiscales', 'permis de construire', 'cartes d’identité', 'relevés de pension', 'déclarations en douane', 'raccordements aux réseaux'],
  agencies: ['l’état civil', 'le ministère de l’Intérieur', 'l’administration fiscale', 'la caisse de sécurité sociale', 'le service du cadastre', 'la chambre de commerce', 'le conseil municipal', 'l’office national de la statistique'],
  subheadings: ['Un projet pilote dans la capitale', 'Des normes de service communes', 'La formation des agents d’accueil', 'Des services en ligne', 'Mesurer la satisfaction', 'Atteindre les zones rurales'],
  figureLabels: ['centres de services en activité', 'demandes traitées dans l’année', 'temps d’attente moyen, en minutes', 'services réunis sous un même toit', 'usagers interrogés sur leur satisfaction', 'agents formés aux nouvelles normes'],
  months: ['janvier', 'mars', 'mai', 'juillet', 'septembre', 'novembre'],
  titleTopic: '{country}, réforme : {service}',
  summary: 'Texte synthétique de test : un récit imaginaire de la réorganisation de {service} par {country} à partir de {year}, écrit seulement pour mesurer la montée en charge.',
  sentences: {
    context: [
      'En {year}, les habitants de {country} qui avaient besoin de {service} devaient souvent se rendre dans {n} bureaux différents, chacun avec ses formulaires, ses frais et ses horaires.',
      'Les enquêtes de l’époque indiquaient que l’attente au guichet durait plus longtemps que la démarche elle-même, et que des paiements informels étaient souvent attendus.',
      'La responsabilité de {service} était partagée entre {agency} et {agency2}, qui tenaient des registres séparés et échangeaient rarement leurs informations.',
      'Les responsables de {country} avaient étudié le modèle ASAN de l’Azerbaïdjan, qui réunit de nombreux services publics sous un même toit avec des normes communes.',
      'Les bureaux régionaux manquaient d’équipement et les agents apprenaient surtout sur le tas, si bien que la qualité du service variait d’un district à l’autre.',
      'Les réformateurs estimaient que le problème ne tenait pas au manque de règles mais au nombre d’étapes imposées entre les différentes institutions.',
      'Avant la réforme, une demande concernant {service} prenait environ {n} jours ouvrables et exigeait des copies de documents que l’État détenait déjà.',
      'Le gouvernement s’est fixé pour but de réduire les déplacements, les formalités et l’attente, tout en rendant les frais visibles et prévisibles.',
    ],
    done: [
      'Un comité de pilotage présidé par {agency} a établi un catalogue unique des procédures et supprimé les exigences qui doublaient des registres existants.',
      'Le premier centre a ouvert en {year2} et accueillait les guichets de {agency}, de {agency2} et de plusieurs prestataires privés comme des banques et des notaires.',
      'Chaque guichet suivait la même norme écrite pour accueillir les usagers, vérifier les pièces, délivrer les reçus et traiter les réclamations.',
      'Les frais étaient réglés par carte ou à un comptoir bancaire installé dans le centre, de sorte qu’aucun argent liquide ne passait entre usagers et agents.',
      'Les agents d’accueil ont suivi une formation de {n} semaines portant sur les procédures, la relation avec le public et le système commun de gestion des dossiers.',
      'Un centre d’appels et un site web ont ouvert en même temps, pour que chacun puisse savoir quelles pièces apporter avant de se déplacer.',
      'Des unités mobiles se rendaient dans les districts ruraux selon un calendrier fixe, avec ordinateurs, imprimantes et liaison satellite vers les registres centraux.',
      'Les administrations ont accepté d’échanger leurs données par voie électronique, ce qui permettait à une seule demande de mettre à jour plusieurs registres.',
      'L’équipe de la réforme publiait chaque mois les temps d’attente et le nombre de demandes traitées pour {service} dans chaque centre.',
    ],
    results: [
      'En {year3}, le nombre de déplacements nécessaires pour {service} était passé de {n} à un seul dans la plupart des districts, selon les rapports du programme.',
      'Les temps d’attente aux guichets se sont réduits, et la part des demandes traitées le jour même a progressé régulièrement au cours des premières années.',
      'Les enquêtes de satisfaction menées à la sortie des centres faisaient état d’une forte approbation, même si les taux de réponse n’étaient pas toujours publiés.',
      'Les plaintes pour paiements informels ont diminué, ce que le programme attribuait au paiement sans espèces et à la présence de superviseurs dans les halls.',
      'Les centres sont devenus un lieu où de nouveaux services pouvaient être testés avant d’être étendus au reste de l’administration.',
      'Les coûts ont dépassé les prévisions pendant les deux premières années, surtout à cause des travaux et de l’achat d’équipements pour les centres régionaux.',
      'La demande a augmenté plus vite que prévu, et les files d’attente sont revenues aux heures de pointe jusqu’à l’introduction des rendez-vous en {year3}.',
    ],
    lessons: [
      'Un guichet unique ne fonctionne que si les administrations qui se trouvent derrière acceptent de partager leurs données et de reconnaître les registres des autres.',
      'Des frais clairs et affichés font plus contre la petite corruption que les seules inspections, car ils suppriment toute raison de négocier au guichet.',
      'Former les agents qui reçoivent le public compte autant que le bâtiment : la norme doit être pratiquée, et pas seulement écrite.',
      'Publier régulièrement des chiffres maintient l’attention sur la réforme et pousse les responsables à corriger vite les problèmes.',
      'Commencer par un projet pilote dans une ville a permis de corriger les procédures avant d’ouvrir d’autres centres dans les régions.',
      'Les unités mobiles et les services en ligne sont nécessaires à côté des centres, faute de quoi les zones reculées profitent peu de la réforme.',
      'Un soutien politique au plus haut niveau a aidé à régler les différends entre administrations réticentes à renoncer à leurs propres guichets.',
    ],
    adapting: [
      'Les pays qui envisagent une réforme semblable pour {service} peuvent commencer par un inventaire des procédures et des pièces que chacune exige.',
      'L’expérience ASAN montre qu’il est plus simple d’accueillir les prestataires existants sous un même toit que de créer une nouvelle agence prestataire.',
      'Là où la connexion est faible, des registres hors ligne et une synchronisation programmée peuvent remplacer l’échange en temps réel pendant une période de transition.',
      'Un budget réaliste doit inclure la formation des agents, la maintenance et le coût d’une ouverture des centres sur des horaires plus longs.',
      'Des partenaires comme {agency} dans d’autres États membres peuvent partager leurs normes, leurs supports de formation et les leçons de leurs propres pilotes.',
      'Le suivi doit être prévu dès le départ, avec des chiffres de référence recueillis avant l’ouverture du premier centre, pour pouvoir comparer les résultats.',
      'L’ordre des étapes compte plus que le plan : accord entre administrations, base juridique, projet pilote, puis extension progressive aux régions.',
    ],
  },
};

const ar: LanguagePack = {
  notice: 'هذا نص اصطناعي لاختبار الأداء، أُنشئ لقياس قدرة الموقع على التوسع، ولا يصف أي إصلاح حقيقي.',
  services: ['تجديد جوازات السفر', 'تسجيل الشركات', 'شهادات الميلاد', 'مستخرجات السجل العقاري', 'رخص المركبات', 'طلبات الإعانات الاجتماعية', 'شهادات براءة الذمة الضريبية', 'رخص البناء', 'بطاقات الهوية', 'كشوف المعاشات', 'التصاريح الجمركية', 'توصيل المرافق'],
  agencies: ['مصلحة الأحوال المدنية', 'وزارة الداخلية', 'الإدارة الضريبية', 'صندوق الضمان الاجتماعي', 'مكتب السجل العقاري', 'غرفة التجارة', 'المجلس البلدي', 'المكتب الوطني للإحصاء'],
  subheadings: ['مشروع تجريبي في العاصمة', 'معايير خدمة موحدة', 'تدريب موظفي الاستقبال', 'نقل الخدمات إلى الإنترنت', 'قياس الرضا', 'الوصول إلى المناطق الريفية'],
  figureLabels: ['مراكز خدمة عاملة', 'طلبات عولجت خلال السنة', 'متوسط وقت الانتظار بالدقائق', 'خدمات مجمعة تحت سقف واحد', 'مواطنون شملهم استطلاع الرضا', 'موظفون دُربوا على المعايير الجديدة'],
  months: ['يناير', 'مارس', 'مايو', 'يوليو', 'سبتمبر', 'نوفمبر'],
  titleTopic: 'إصلاح {service} في {country}',
  summary: 'نص اصطناعي لاختبار الأداء: رواية متخيلة عن إعادة تنظيم {service} في {country} منذ {year}، كُتبت فقط لقياس قدرة الموقع على التوسع.',
  sentences: {
    context: [
      'في عام {year}، كان على مواطني {country} الذين يحتاجون إلى {service} أن يراجعوا في الغالب {n} مكاتب مختلفة، لكل منها استماراته ورسومه وساعات عمله.',
      'أشارت الاستطلاعات في ذلك الوقت إلى أن الانتظار في الطابور كان يستغرق وقتًا أطول من الإجراء نفسه، وأن المدفوعات غير الرسمية كانت متوقعة على نطاق واسع.',
      'كانت مسؤولية {service} موزعة بين {agency} و{agency2}، وكان لكل منهما سجلاته الخاصة، ونادرًا ما تبادلا المعلومات.',
      'درس المسؤولون في {country} نموذج أسان في أذربيجان، الذي يجمع خدمات عامة كثيرة تحت سقف واحد وفق معايير موحدة.',
      'كانت المكاتب الإقليمية تفتقر إلى المعدات، وكان الموظفون يتعلمون في الغالب أثناء العمل، فتفاوتت جودة الخدمة من منطقة إلى أخرى.',
      'رأى دعاة الإصلاح أن المشكلة لا تكمن في نقص القواعد، بل في عدد الخطوات التي يقطعها الشخص بين المؤسسات المختلفة.',
      'قبل الإصلاح، كان الطلب المتعلق بـ{service} يستغرق نحو {n} أيام عمل، ويستلزم نسخًا من وثائق تحتفظ بها الدولة أصلًا.',
      'وضعت الحكومة هدفًا يتمثل في تقليل عدد الزيارات والأوراق ووقت الانتظار، مع جعل الرسوم واضحة ومعروفة مسبقًا لكل متقدم.',
    ],
    done: [
      'وضعت لجنة توجيهية برئاسة {agency} دليلًا موحدًا للإجراءات، وألغت المتطلبات التي تكرر سجلات موجودة.',
      'افتُتح المركز الأول في عام {year2}، وضم نوافذ لـ{agency} و{agency2} وعدد من مقدمي الخدمات من القطاع الخاص مثل المصارف والموثقين.',
      'اتبعت كل نافذة المعيار المكتوب نفسه في استقبال المراجعين وفحص الوثائق وإصدار الإيصالات والرد على الشكاوى.',
      'كانت الرسوم تُدفع بالبطاقة أو في مكتب مصرفي داخل المركز، فلا يتداول المراجعون والموظفون أي نقود.',
      'تلقى موظفو الاستقبال دورة تدريبية مدتها {n} أسابيع شملت الإجراءات وخدمة الجمهور واستخدام نظام إدارة الملفات المشترك.',
      'افتُتح مركز اتصال وموقع إلكتروني في الوقت نفسه، ليعرف الناس الوثائق المطلوبة قبل أن يتنقلوا.',
      'كانت وحدات متنقلة تزور المناطق الريفية وفق جدول ثابت، تحمل حواسيب وطابعات واتصالًا بالأقمار الصناعية بالسجلات المركزية.',
      'وافقت الجهات الخلفية على تبادل البيانات إلكترونيًا، مما سمح لطلب واحد بتحديث عدة سجلات في آن واحد.',
      'نشر فريق الإصلاح كل شهر أرقامًا عن أوقات الانتظار وعدد الطلبات المنجزة في مجال {service} في كل مركز.',
    ],
    results: [
      'بحلول عام {year3}، انخفض عدد الزيارات اللازمة لـ{service} من {n} إلى زيارة واحدة في معظم المناطق، وفق تقارير البرنامج.',
      'قصرت أوقات الانتظار عند النوافذ، وارتفعت نسبة الطلبات المنجزة في اليوم نفسه بانتظام خلال السنوات الأولى.',
      'أظهرت استطلاعات الرضا التي أُجريت عند مخارج المراكز مستوى عاليًا من الاستحسان، وإن لم تُنشر معدلات الاستجابة دائمًا.',
      'تراجعت الشكاوى من المدفوعات غير الرسمية، وعزا البرنامج ذلك إلى الدفع غير النقدي ووجود المشرفين في القاعات.',
      'أصبحت المراكز مكانًا لتجربة خدمات جديدة قبل تعميمها على بقية الإدارة.',
      'تجاوزت التكاليف التقديرات في السنتين الأوليين، ويرجع ذلك أساسًا إلى أعمال البناء وشراء المعدات للمراكز الإقليمية.',
      'نما الطلب أسرع من المتوقع، وعادت الطوابير في أوقات الذروة إلى أن أُدخل نظام حجز المواعيد في عام {year3}.',
    ],
    lessons: [
      'لا تنجح النافذة الواحدة إلا إذا قبلت الجهات التي تقف خلفها تبادل البيانات والاعتراف بسجلات بعضها بعضًا.',
      'الرسوم الواضحة والمعلنة أجدى في مكافحة الفساد الصغير من التفتيش وحده، لأنها تزيل أي سبب للمساومة عند النافذة.',
      'تدريب الموظفين الذين يقابلون الجمهور لا يقل أهمية عن المبنى، فالمعيار يجب أن يُمارَس لا أن يُكتب فقط.',
      'نشر الأرقام بانتظام يبقي الاهتمام بالإصلاح قائمًا، ويدفع المديرين إلى معالجة المشكلات بسرعة.',
      'أتاح البدء بمشروع تجريبي في مدينة واحدة تصحيح الإجراءات قبل افتتاح مراكز أخرى في الأقاليم.',
      'لا غنى عن الوحدات المتنقلة والخدمات الإلكترونية إلى جانب المراكز، وإلا فإن سكان المناطق النائية لن يستفيدوا كثيرًا من الإصلاح.',
      'ساعد الدعم السياسي على أعلى مستوى في حسم الخلافات بين الجهات التي ترددت في التخلي عن نوافذها الخاصة.',
    ],
    adapting: [
      'يمكن للدول التي تفكر في إصلاح مماثل لـ{service} أن تبدأ بحصر الإجراءات والوثائق التي يتطلبها كل منها.',
      'تشير تجربة أسان إلى أن استضافة مقدمي الخدمات القائمين تحت سقف واحد أيسر من إنشاء جهة جديدة تقدم الخدمات بنفسها.',
      'حيث يكون الاتصال ضعيفًا، يمكن للسجلات غير المتصلة والمزامنة المجدولة أن تحل محل التبادل الفوري للبيانات في مرحلة انتقالية.',
      'ينبغي أن تشمل الميزانية الواقعية تدريب الموظفين والصيانة وتكلفة فتح المراكز لساعات أطول.',
      'يمكن لشركاء مثل {agency} في دول أعضاء أخرى أن يتقاسموا معاييرهم ومواد التدريب والدروس المستفادة من مشاريعهم التجريبية.',
      'ينبغي التخطيط للرصد منذ البداية، مع جمع أرقام مرجعية قبل افتتاح المركز الأول، حتى يمكن مقارنة النتائج.',
      'الترتيب أهم من المخطط: اتفاق بين الجهات، ثم أساس قانوني، ثم مشروع تجريبي، ثم توسع تدريجي نحو الأقاليم.',
    ],
  },
};

const packs: Record<Locale, LanguagePack> = { en, fr, ar };
const sectionOrder: Section[] = ['context', 'done', 'results', 'lessons', 'adapting'];
const sectionKey = {
  context: 'section.context',
  done: 'section.done',
  results: 'section.results',
  lessons: 'section.lessons',
  adapting: 'section.adapting',
} as const;

const fill = (template: string, slots: Slots): string => template.replace(/\{(\w+)\}/g, (_, name: string) => slots[name] ?? name);
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const yaml = (value: string): string => JSON.stringify(value);

/** The facts one synthetic entry shares across its three languages. */
interface Plan {
  number: number;
  slug: string;
  country: (typeof memberStates)[number];
  themes: string[];
  sdgs: number[];
  from: number;
  to?: number;
  published: string;
  service: number;
  agencies: [number, number];
  figures: { value: string; label: number; month: number; year: number; source: number }[];
  sources: { url: string; date: string }[];
  seed: number;
}

function plan(number: number): Plan {
  const next = random(number * 7919 + 17);
  const pick = (length: number) => Math.floor(next() * length);
  // Years spread evenly over 2005–2025; a third of the reforms still go on.
  const from = 2005 + (number % 21);
  const ongoing = next() < 1 / 3;
  const to = ongoing ? undefined : Math.min(2025, from + 1 + pick(8));
  const themeCount = 1 + pick(3);
  const chosen = new Set<string>();
  while (chosen.size < themeCount) chosen.add(themes[pick(themes.length)]!);
  const sourceCount = 2 + pick(3);
  const slug = `synthetic-${String(number).padStart(5, '0')}`;
  const sources = Array.from({ length: sourceCount }, (_, i) => ({
    url: `https://example.org/synthetic-benchmark/${slug}/source-${i + 1}`,
    date: `${Math.min(2025, from + i + 1)}-${String(1 + pick(12)).padStart(2, '0')}`,
  }));
  const figureCount = 2 + pick(2);
  const figures = Array.from({ length: figureCount }, (_, i) => ({
    value: String(5 + pick(95 * (i + 1))),
    label: pick(6),
    month: pick(6),
    year: Math.min(2025, from + 2 + i),
    source: i % sourceCount,
  }));
  const day = number % 900;
  const published = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return {
    number,
    slug,
    country: memberStates[number % memberStates.length]!,
    themes: [...chosen],
    sdgs: [16, ...(next() < 0.5 ? [17] : []), ...(next() < 0.3 ? [9] : [])],
    from,
    ...(to === undefined ? {} : { to }),
    published,
    service: pick(12),
    agencies: [pick(8), pick(8)],
    figures,
    sources,
    seed: number * 31 + 5,
  };
}

/** One entry in one language: frontmatter and about 900 words in the five fixed sections. */
export function syntheticCaseStudy(number: number, locale: Locale): { slug: string; text: string } {
  const p = plan(number);
  const pack = packs[locale];
  const next = random(p.seed + locale.charCodeAt(0));
    const country = countryName(p.country, locale);
  const slots: Slots = {
    country,
    service: pack.services[p.service]!,
    agency: pack.agencies[p.agencies[0]]!,
    agency2: pack.agencies[(p.agencies[1] + 1 + p.agencies[0]) % pack.agencies.length]!,
    year: String(p.from - 1),
    year2: String(p.from),
    year3: String(p.to ?? Math.min(2025, p.from + 4)),
    n: String(3 + (p.number % 6)),
  };
  const code = String(p.number).padStart(5, '0');
  const title = `${syntheticTitlePrefix} ${code}: ${fill(pack.titleTopic, slots)}`.slice(0, 140);
  const summary = fill(pack.summary, slots).slice(0, 360);

  // A paragraph never repeats a sentence; the entry as a whole may, as it is only ~900 words.
  const paragraph = (section: Section, sentences: number): string => {
    const pool = [...pack.sentences[section]];
    const chosen: string[] = [];
    while (chosen.length < sentences && pool.length > 0) chosen.push(fill(pool.splice(Math.floor(next() * pool.length), 1)[0]!, slots));
    return chosen.join(' ');
  };

  const body: string[] = [];
  // About 900 words with headings and figures: the prose stops a little short of it per section,
  // since each section ends on a whole paragraph.
  const target = 810;
  let written = words(pack.notice);
  for (const [index, section] of sectionOrder.entries()) {
    const perSection = (target - written) / (sectionOrder.length - index);
    body.push(`## ${dictionaries[locale][sectionKey[section]]}`);
    let inSection = 0;
    // Every synthetic text says so in its first paragraph, as well as in its title.
    if (section === 'context') body.push(`*${pack.notice}*`);
    if (section === 'results') {
      for (const figure of p.figures) {
        const source = p.sources[figure.source]!;
        const label = pack.figureLabels[figure.label]!;
        const asOf = `${pack.months[figure.month]} ${figure.year}`;
        body.push(
          `<KeyFigure value="${figure.value}" label="${label}" asOf="${asOf}" source="example.org" href="${source.url}" />`,
        );
      }
    }
    let subheading = 0;
    while (inSection < perSection) {
      if (section === 'done' && inSection > 0 && subheading < 3) {
        body.push(`### ${pack.subheadings[(p.number + subheading) % pack.subheadings.length]}`);
        subheading += 1;
      }
      if (section === 'lessons') {
        const item = `- ${paragraph(section, 2)}`;
        body.push(item);
        inSection += words(item);
      } else {
        const text = paragraph(section, 3 + Math.floor(next() * 2));
        body.push(text);
        inSection += words(text);
      }
    }
    written += inSection;
  }

  const frontmatter = [
    '---',
    `title: ${yaml(title)}`,
    `summary: ${yaml(summary)}`,
    `country: ${p.country}`,
    'partners:',
    `  - ${yaml(`${slots['agency']} (synthetic)`)}`,
    'themes:',
    ...p.themes.map((theme) => `  - ${theme}`),
    `sdgs: [${p.sdgs.join(', ')}]`,
    'years:',
    `  from: ${p.from}`,
    ...(p.to === undefined ? [] : [`  to: ${p.to}`]),
    `published: ${p.published}`,
    'sources:',
    ...p.sources.flatMap((source, i) => [
      `  - title: ${yaml(`Synthetic benchmark source ${i + 1} for entry ${code} (not a real source)`)}`,
      `    url: ${yaml(source.url)}`,
      `    date: ${yaml(source.date)}`,
    ]),
    '---',
  ];
  return { slug: p.slug, text: `${frontmatter.join('\n')}\n\n${body.join('\n\n')}\n` };
}

/** A content folder: the real `content/` plus `count` synthetic case studies in en, fr and ar. */
export function writeContentFolder(root: string, target: string, count: number): { files: number; words: number } {
  rmSync(target, { recursive: true, force: true });
  cpSync(join(root, 'content'), target, { recursive: true });
  let files = 0;
  let totalWords = 0;
  for (let number = 1; number <= count; number += 1) {
    for (const locale of locales) {
      const { slug, text } = syntheticCaseStudy(number, locale);
      const folder = join(target, 'case-studies', slug);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${locale}.mdx`), text);
      files += 1;
      totalWords += words(text.slice(text.indexOf('\n---\n') + 5));
    }
  }
  return { files, words: totalWords };
}
