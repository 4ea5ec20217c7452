import { siteLink, type MailTexts } from './texts.ts';

/** The platform's mails in Arabic: subject, then the paragraphs between greeting and closing. */
export const arabic: MailTexts = {
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
    accepted: ({ courseTitle, joining, calendar, letter }) => ({
      subject: arTitled('قبول طلبك', courseTitle),
      paragraphs: [
        `يسرّنا إبلاغك بقبول طلبك للمشاركة في ${arCourse(courseTitle)}.`,
        ...arBeforeTheCourse(joining, calendar, letter),
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
    promoted: ({ courseTitle, joining, calendar, letter }) => ({
      subject: arTitled('قبول طلبك من قائمة الانتظار', courseTitle),
      paragraphs: [
        `شغر مقعد في ${arCourse(courseTitle)}، فنُقل طلبك من قائمة الانتظار إلى الطلبات المقبولة.`,
        ...arBeforeTheCourse(joining, calendar, letter),
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
    // Contributed practices (issue 10)
    'practice-submitted': ({ practiceTitle, site }) => ({
      subject: arTitled('استلام الممارسة المقترحة', practiceTitle),
      paragraphs: [
        `تلقّينا مقترحك ${arQuote(practiceTitle ?? '')}. سيُطلب من منسّق الاتصال الوطني في بلدها تأييده، ثم يتولّى سيسرك مراجعته. وسنكتب إليك عند تغيّر حالته.`,
        'يمكنك متابعته والاطلاع على ملاحظات المراجعين في صفحة «ممارساتي»:',
        siteLink(site, 'ar', 'account/practices'),
      ],
    }),
    'practice-to-endorse': ({ practiceTitle, site }) => ({
      subject: arTitled('ممارسة بانتظار تأييدك', practiceTitle),
      paragraphs: [
        `اقتُرحت للنشر ممارسة من بلدك بعنوان ${arQuote(practiceTitle ?? '')}. يُرجى تأكيد أن السلطة الوطنية تؤيّد هذا العرض، أو إعادته مع ملاحظة.`,
        'إن لم يرد جواب خلال 14 يومًا، يراجعها سيسرك بوصفها «غير مؤيَّدة وطنيًا».',
        siteLink(site, 'ar', 'focal-point/practices'),
      ],
    }),
    'practice-endorsed': ({ practiceTitle, site }) => ({
      subject: arTitled('تأييد الممارسة المقترحة', practiceTitle),
      paragraphs: [
        `أيّد منسّق الاتصال الوطني مقترحك ${arQuote(practiceTitle ?? '')}. وسيتولّى موظفو سيسرك مراجعته الآن.`,
        siteLink(site, 'ar', 'account/practices'),
      ],
    }),
    'practice-returned': ({ practiceTitle, reason, site }) => ({
      subject: arTitled('أعاد منسّق الاتصال الممارسة المقترحة', practiceTitle),
      paragraphs: [
        `أعاد منسّق الاتصال الوطني مقترحك ${arQuote(practiceTitle ?? '')} دون تأييده.`,
        reason && `الملاحظة: ${reason}`,
        'يمكنك تعديله وتقديمه من جديد، أو سحبه:',
        siteLink(site, 'ar', 'account/practices'),
      ],
    }),
    'practice-to-review': ({ practiceTitle, site }) => ({
      subject: arTitled('ممارسة جاهزة للمراجعة', practiceTitle),
      paragraphs: [`الممارسة ${arQuote(practiceTitle ?? '')} جاهزة للمراجعة التحريرية.`, siteLink(site, 'ar', 'staff/practices')],
    }),
    'practice-in-review': ({ practiceTitle, site }) => ({
      subject: arTitled('الممارسة قيد المراجعة', practiceTitle),
      paragraphs: [`بدأ موظفو سيسرك مراجعة مقترحك ${arQuote(practiceTitle ?? '')}.`, siteLink(site, 'ar', 'account/practices')],
    }),
    'practice-changes-requested': ({ practiceTitle, reason, site }) => ({
      subject: arTitled('طلب تعديلات', practiceTitle),
      paragraphs: [
        `يطلب موظفو سيسرك إدخال تعديلات على مقترحك ${arQuote(practiceTitle ?? '')} قبل نشره.`,
        reason && `التعديلات المطلوبة: ${reason}`,
        'يُرجى تعديله وتقديمه من جديد:',
        siteLink(site, 'ar', 'account/practices'),
      ],
    }),
    'practice-resubmitted': ({ practiceTitle, site }) => ({
      subject: arTitled('ممارسة معدَّلة جاهزة للمراجعة', practiceTitle),
      paragraphs: [`عدّل صاحب المقترح ${arQuote(practiceTitle ?? '')} وقدّمه من جديد. ويمكن الاطلاع على ما تغيّر منذ النسخة السابقة.`, siteLink(site, 'ar', 'staff/practices')],
    }),
    'practice-accepted': ({ practiceTitle, slug, site }) => ({
      subject: arTitled('نشر الممارسة', practiceTitle),
      paragraphs: [
        `يسرّنا إبلاغك بقبول مقترحك ${arQuote(practiceTitle ?? '')} ونشره:`,
        slug ? siteLink(site, 'ar', `practices/${slug}`) : undefined,
        'نشكرك على مشاركة تجربة بلدك.',
      ],
    }),
    'practice-published': ({ practiceTitle, slug, site }) => ({
      subject: arTitled('نشر ممارسة من بلدك', practiceTitle),
      paragraphs: [`قبل سيسرك الممارسة ${arQuote(practiceTitle ?? '')} من بلدك، وهي منشورة الآن:`, slug ? siteLink(site, 'ar', `practices/${slug}`) : undefined],
    }),
    'practice-declined': ({ practiceTitle, reason, site }) => ({
      subject: arTitled('عدم قبول الممارسة المقترحة', practiceTitle),
      paragraphs: [
        `بعد المراجعة، قرّر سيسرك عدم نشر مقترحك ${arQuote(practiceTitle ?? '')}.`,
        reason && `السبب: ${reason}`,
        siteLink(site, 'ar', 'account/practices'),
      ],
    }),
    'practice-withdrawn': ({ practiceTitle }) => ({
      subject: arTitled('سحب الممارسة المقترحة', practiceTitle),
      paragraphs: [`سحب صاحب المقترح الممارسة ${arQuote(practiceTitle ?? '')}. لا يلزم أي إجراء من جانبك.`],
    }),
    completed: ({ courseTitle, link }) => ({
      subject: arTitled('شهادتك', courseTitle),
      paragraphs: [
        `نهنّئك على إتمام ${arCourse(courseTitle)}. شهادة إتمام الدورة جاهزة: افتح الرابط التالي للاطلاع عليها وطباعتها.`,
        link,
        'يستطيع كل من تعرضها عليه التحقق منها بالرمز وعنوان الموقع المطبوعين عليها.',
      ],
    }),
    // Issue 11: course evaluation
    evaluation: ({ courseTitle, link }) => ({
      subject: arTitled('رأيك في الدورة', courseTitle),
      paragraphs: [
        `نشكرك على مشاركتك في ${arCourse(courseTitle)}. نرجو أن تخبرنا برأيك فيها: خمسة تقييمات وسؤالان قصيران، في نحو خمس دقائق. لا تُعرض إجاباتك على موظفي سيسرك ولا على منسّق الاتصال الوطني في بلدك إلا ضمن مجاميع لا تقل عن خمسة أشخاص، ولا تُقرن باسمك أبدًا.`,
        link || 'ستجد الاستمارة في صفحة «طلباتي» بعد تسجيل الدخول.',
        'يمكنك تعديل إجاباتك حتى 30 يومًا بعد انتهاء الدورة.',
      ],
    }),
  },
};

function arBeforeTheCourse(joining: string | undefined, calendar: boolean | undefined, letter: boolean | undefined): Array<string | undefined | false> {
  return [
    joining && `تعليمات الالتحاق:\n${joining}`,
    calendar && 'مواعيد الدورة مرفقة في ملف تقويم (course.ics) يمكنك إضافته إلى تقويمك.',
    letter && 'إذا احتجت إلى خطاب قبول لطلب التأشيرة أو لجهة عملك، يمكنك طباعته من صفحة «طلباتي» بعد تسجيل الدخول.',
  ];
}

function arTitled(subject: string, courseTitle: string | undefined): string {
  return courseTitle ? `${subject}: ${arQuote(courseTitle)}` : subject;
}

function arCourse(title: string | undefined): string {
  return title ? `الدورة ${arQuote(title)}` : 'الدورة';
}

function arQuote(title: string): string {
  return `«${title}»`;
}
