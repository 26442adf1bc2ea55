// Version 2026-01 of the privacy notice: the words the kiosk shows before a booking or a video call, with
// the kiosk's translations (kiosk/xliff/*.xlf).
import type { PrivacyNotice, PrivacyNoticeSection, PrivacyNoticeText } from './privacy-notice.ts';

interface Parts {
  title: string;
  videoTitle: string;
  who: PrivacyNoticeSection;
  data: PrivacyNoticeSection;
  why: PrivacyNoticeSection;
  bookingRetention: PrivacyNoticeSection;
  bookingStation: PrivacyNoticeSection;
  rights: PrivacyNoticeSection;
  notRecorded: PrivacyNoticeSection;
  writes: PrivacyNoticeSection;
  receives: PrivacyNoticeSection;
  callRetention: PrivacyNoticeSection;
  callStation: PrivacyNoticeSection;
}

/** Both notices share who is responsible and the citizen's rights. */
function text(p: Parts): PrivacyNoticeText {
  return {
    title: p.title,
    booking: [p.who, p.data, p.why, p.bookingRetention, p.bookingStation, p.rights],
    videoTitle: p.videoTitle,
    video: [p.who, p.notRecorded, p.writes, p.receives, p.callRetention, p.callStation, p.rights],
  };
}

export const privacyNotice202601: PrivacyNotice = {
  it: text({
    title: 'Informativa sulla privacy',
    videoTitle: 'Informativa sulla privacy per la videochiamata',
    who: {
      heading: 'Chi usa i tuoi dati',
      text: 'L’INPS, l’Istituto Nazionale della Previdenza Sociale, è responsabile dei tuoi dati.',
    },
    data: {
      heading: 'Quali dati',
      text: 'Il tuo codice fiscale, il tuo nome e cognome, il tuo numero di telefono, il giorno e l’ora dell’appuntamento.',
    },
    why: {
      heading: 'Perché',
      text: 'Per fissare l’appuntamento, per chiamarti o mandarti SMS su questo appuntamento e per riconoscerti quando arrivi. Non li usiamo per altro e non li usiamo per pubblicità.',
    },
    bookingRetention: {
      heading: 'Per quanto tempo',
      text: 'Cancelliamo i tuoi dati 90 giorni dopo l’appuntamento. Teniamo solo numeri anonimi per le statistiche.',
    },
    bookingStation: {
      heading: 'Su questa postazione',
      text: 'Quando hai finito, la postazione cancella tutto quello che hai inserito. Nessuno dopo di te lo può vedere.',
    },
    rights: {
      heading: 'I tuoi diritti',
      text: 'Puoi chiedere di vedere, correggere o cancellare i tuoi dati in qualsiasi sede INPS o sul sito inps.it. Puoi anche rivolgerti al Garante per la protezione dei dati personali.',
    },
    notRecorded: {
      heading: 'La videochiamata non viene registrata',
      text: 'Il funzionario ti vede e ti sente solo mentre parlate. Nessuno registra le immagini o la voce.',
    },
    writes: {
      heading: 'Cosa scrive il funzionario',
      text: 'Per essere sicuro che sei tu, il funzionario guarda il tuo documento d’identità e scrive: che documento è, le ultime 4 lettere o cifre del numero, se è valido e se la foto è la tua. Se qualcuno ti aiuta, fa lo stesso con il suo documento.',
    },
    receives: {
      heading: 'Quali dati riceve il funzionario',
      text: 'Il tuo codice fiscale, il tuo nome se lo conosciamo, il servizio che hai scelto e il nome di chi ti aiuta. Servono solo per rispondere alla tua richiesta.',
    },
    callRetention: {
      heading: 'Per quanto tempo',
      text: 'Cancelliamo questi dati 90 giorni dopo la chiamata. Teniamo solo numeri anonimi per le statistiche.',
    },
    callStation: {
      heading: 'Su questa postazione',
      text: 'Alla fine la telecamera si spegne e la postazione cancella tutto quello che hai inserito. Nessuno dopo di te lo può vedere.',
    },
  }),
  en: text({
    title: 'Privacy notice',
    videoTitle: 'Privacy notice for the video call',
    who: {
      heading: 'Who uses your data',
      text: 'INPS, the Italian National Social Security Institute, is responsible for your data.',
    },
    data: {
      heading: 'What data',
      text: 'Your tax code (codice fiscale), your first name and surname, your phone number, the day and time of your appointment.',
    },
    why: {
      heading: 'Why',
      text: 'To set up the appointment, to call you or send you text messages about this appointment, and to recognise you when you arrive. We do not use them for anything else and we do not use them for advertising.',
    },
    bookingRetention: {
      heading: 'For how long',
      text: 'We delete your data 90 days after the appointment. We keep only anonymous numbers for statistics.',
    },
    bookingStation: {
      heading: 'On this kiosk',
      text: 'When you have finished, the kiosk deletes everything you entered. Nobody after you can see it.',
    },
    rights: {
      heading: 'Your rights',
      text: 'You can ask to see, correct or delete your data at any INPS office or on the inps.it website. You can also contact the Italian Data Protection Authority (Garante per la protezione dei dati personali).',
    },
    notRecorded: {
      heading: 'The video call is not recorded',
      text: 'The official sees and hears you only while you talk. Nobody records the pictures or the voice.',
    },
    writes: {
      heading: 'What the official writes down',
      text: 'To be sure it is you, the official looks at your identity document and writes down: which document it is, the last 4 letters or digits of its number, whether it is valid and whether the photo is yours. If someone helps you, the official does the same with their document.',
    },
    receives: {
      heading: 'What the official receives',
      text: 'Your tax code, your name if we know it, the service you chose and the name of the person helping you. They are used only to answer your request.',
    },
    callRetention: {
      heading: 'For how long',
      text: 'We delete these data 90 days after the call. We keep only anonymous numbers for statistics.',
    },
    callStation: {
      heading: 'On this kiosk',
      text: 'At the end the camera goes off and the station deletes everything you entered. Nobody after you can see it.',
    },
  }),
  fr: text({
    title: 'Protection de vos données',
    videoTitle: 'Information sur la confidentialité pour l’appel vidéo',
    who: {
      heading: 'Qui utilise vos données',
      text: 'L’INPS, l’Institut national italien de la sécurité sociale, est responsable de vos données.',
    },
    data: {
      heading: 'Quelles données',
      text: 'Votre code fiscal (codice fiscale), votre prénom et votre nom, votre numéro de téléphone, le jour et l’heure du rendez-vous.',
    },
    why: {
      heading: 'Pourquoi',
      text: 'Pour fixer le rendez-vous, pour vous appeler ou vous envoyer des SMS sur ce rendez-vous, et pour vous reconnaître à votre arrivée. Nous ne les utilisons pour rien d’autre et nous ne les utilisons pas pour de la publicité.',
    },
    bookingRetention: {
      heading: 'Pendant combien de temps',
      text: 'Nous effaçons vos données 90 jours après le rendez-vous. Nous gardons seulement des chiffres anonymes pour les statistiques.',
    },
    bookingStation: {
      heading: 'Sur cette borne',
      text: 'Quand vous avez terminé, la borne efface tout ce que vous avez écrit. Personne après vous ne peut le voir.',
    },
    rights: {
      heading: 'Vos droits',
      text: 'Vous pouvez demander à voir, corriger ou effacer vos données dans n’importe quelle agence INPS ou sur le site inps.it. Vous pouvez aussi vous adresser à l’autorité italienne de protection des données (Garante per la protezione dei dati personali).',
    },
    notRecorded: {
      heading: 'L’appel vidéo n’est pas enregistré',
      text: 'L’agent vous voit et vous entend seulement pendant que vous parlez. Personne n’enregistre les images ni la voix.',
    },
    writes: {
      heading: 'Ce que l’agent note',
      text: 'Pour être sûr que c’est bien vous, l’agent regarde votre pièce d’identité et note : de quel document il s’agit, les 4 derniers caractères de son numéro, s’il est valable et si la photo est la vôtre. Si quelqu’un vous aide, il fait de même avec son document.',
    },
    receives: {
      heading: 'Les données que reçoit l’agent',
      text: 'Votre code fiscal, votre nom si nous le connaissons, le service choisi et le nom de la personne qui vous aide. Ils servent seulement à répondre à votre demande.',
    },
    callRetention: {
      heading: 'Pendant combien de temps',
      text: 'Nous effaçons ces données 90 jours après l’appel. Nous gardons seulement des chiffres anonymes pour les statistiques.',
    },
    callStation: {
      heading: 'Sur cette borne',
      text: 'À la fin, la caméra s’éteint et le poste efface tout ce que vous avez saisi. Personne après vous ne peut le voir.',
    },
  }),
  ro: text({
    title: 'Informații despre confidențialitate',
    videoTitle: 'Informare privind confidențialitatea pentru apelul video',
    who: {
      heading: 'Cine folosește datele dumneavoastră',
      text: 'INPS, Institutul Național de Asigurări Sociale din Italia, este responsabil de datele dumneavoastră.',
    },
    data: {
      heading: 'Ce date',
      text: 'Codul fiscal (codice fiscale), numele și prenumele, numărul de telefon, ziua și ora programării.',
    },
    why: {
      heading: 'De ce',
      text: 'Pentru a stabili programarea, pentru a vă suna sau a vă trimite SMS-uri despre această programare și pentru a vă recunoaște când veniți. Nu le folosim în alt scop și nu le folosim pentru reclamă.',
    },
    bookingRetention: {
      heading: 'Cât timp',
      text: 'Vă ștergem datele la 90 de zile după programare. Păstrăm doar cifre anonime pentru statistici.',
    },
    bookingStation: {
      heading: 'Pe acest aparat',
      text: 'Când terminați, aparatul șterge tot ce ați introdus. Nimeni după dumneavoastră nu le poate vedea.',
    },
    rights: {
      heading: 'Drepturile dumneavoastră',
      text: 'Puteți cere să vă vedeți, să vă corectați sau să vă ștergeți datele la orice birou INPS sau pe site-ul inps.it. Vă puteți adresa și Autorității italiene pentru protecția datelor personale (Garante per la protezione dei dati personali).',
    },
    notRecorded: {
      heading: 'Apelul video nu este înregistrat',
      text: 'Funcționarul vă vede și vă aude doar cât vorbiți. Nimeni nu înregistrează imaginile sau vocea.',
    },
    writes: {
      heading: 'Ce notează funcționarul',
      text: 'Ca să fie sigur că sunteți dumneavoastră, funcționarul se uită la actul de identitate și notează: ce act este, ultimele 4 litere sau cifre ale numărului, dacă este valabil și dacă fotografia este a dumneavoastră. Dacă vă ajută cineva, face la fel cu actul acelei persoane.',
    },
    receives: {
      heading: 'Ce date primește funcționarul',
      text: 'Codul fiscal, numele dumneavoastră dacă îl știm, serviciul ales și numele persoanei care vă ajută. Sunt folosite doar pentru a răspunde cererii dumneavoastră.',
    },
    callRetention: {
      heading: 'Cât timp',
      text: 'Ștergem aceste date la 90 de zile după apel. Păstrăm doar cifre anonime pentru statistici.',
    },
    callStation: {
      heading: 'Pe acest aparat',
      text: 'La final camera se oprește, iar stația șterge tot ce ați introdus. Nimeni după dumneavoastră nu poate vedea.',
    },
  }),
  uk: text({
    title: 'Інформація про конфіденційність',
    videoTitle: 'Повідомлення про конфіденційність для відеодзвінка',
    who: {
      heading: 'Хто використовує ваші дані',
      text: 'INPS, Національний інститут соціального забезпечення Італії, відповідає за ваші дані.',
    },
    data: {
      heading: 'Які дані',
      text: 'Ваш податковий код (codice fiscale), ім’я та прізвище, номер телефону, день і час зустрічі.',
    },
    why: {
      heading: 'Навіщо',
      text: 'Щоб призначити зустріч, зателефонувати вам або надіслати SMS про цю зустріч і впізнати вас, коли ви прийдете. Ми не використовуємо їх ні для чого іншого і не використовуємо для реклами.',
    },
    bookingRetention: {
      heading: 'Як довго',
      text: 'Ми видаляємо ваші дані через 90 днів після зустрічі. Для статистики залишаємо лише анонімні цифри.',
    },
    bookingStation: {
      heading: 'На цьому терміналі',
      text: 'Коли ви закінчите, термінал видалить усе, що ви ввели. Ніхто після вас цього не побачить.',
    },
    rights: {
      heading: 'Ваші права',
      text: 'Ви можете попросити показати, виправити або видалити ваші дані в будь-якому відділенні INPS або на сайті inps.it. Також можна звернутися до італійського органу захисту персональних даних (Garante per la protezione dei dati personali).',
    },
    notRecorded: {
      heading: 'Відеодзвінок не записується',
      text: 'Співробітник бачить і чує вас лише під час розмови. Ніхто не записує ні зображення, ні голос.',
    },
    writes: {
      heading: 'Що записує співробітник',
      text: 'Щоб переконатися, що це ви, співробітник дивиться на ваш документ, що посвідчує особу, і записує: який це документ, останні 4 літери або цифри його номера, чи він дійсний і чи фото ваше. Якщо вам хтось допомагає, він робить те саме з документом цієї людини.',
    },
    receives: {
      heading: 'Які дані отримує співробітник',
      text: 'Ваш податковий код, ваше ім’я, якщо ми його знаємо, вибрана послуга та ім’я того, хто вам допомагає. Вони потрібні лише для відповіді на ваш запит.',
    },
    callRetention: {
      heading: 'Як довго',
      text: 'Ми видаляємо ці дані через 90 днів після дзвінка. Залишаємо лише анонімні цифри для статистики.',
    },
    callStation: {
      heading: 'На цьому терміналі',
      text: 'Наприкінці камера вимикається, а термінал видаляє все, що ви ввели. Ніхто після вас цього не побачить.',
    },
  }),
  ar: text({
    title: 'إشعار الخصوصية',
    videoTitle: 'إشعار الخصوصية لمكالمة الفيديو',
    who: {
      heading: 'من يستخدم بياناتك',
      text: 'المعهد الوطني للضمان الاجتماعي في إيطاليا (INPS) هو المسؤول عن بياناتك.',
    },
    data: {
      heading: 'ما البيانات',
      text: 'الرمز الضريبي (codice fiscale) الخاص بك، واسمك واسم عائلتك، ورقم هاتفك، ويوم الموعد وساعته.',
    },
    why: {
      heading: 'لماذا',
      text: 'لتحديد الموعد، وللاتصال بك أو إرسال رسائل SMS إليك بشأن هذا الموعد، وللتعرّف عليك عند وصولك. لا نستخدمها لأي شيء آخر، ولا نستخدمها للإعلانات.',
    },
    bookingRetention: {
      heading: 'لأي مدة',
      text: 'نحذف بياناتك بعد 90 يومًا من الموعد. ونحتفظ فقط بأرقام لا تدل على أحد، للإحصاءات.',
    },
    bookingStation: {
      heading: 'على هذا الجهاز',
      text: 'عندما تنتهي، يحذف الجهاز كل ما أدخلته. لا يستطيع أحد بعدك أن يراه.',
    },
    rights: {
      heading: 'حقوقك',
      text: 'يمكنك أن تطلب رؤية بياناتك أو تصحيحها أو حذفها في أي مكتب من مكاتب INPS أو على موقع inps.it. ويمكنك أيضًا التوجه إلى الهيئة الإيطالية لحماية البيانات الشخصية (Garante per la protezione dei dati personali).',
    },
    notRecorded: {
      heading: 'مكالمة الفيديو لا تُسجَّل',
      text: 'يراك الموظف ويسمعك فقط أثناء حديثكما. لا أحد يسجّل الصور أو الصوت.',
    },
    writes: {
      heading: 'ما يكتبه الموظف',
      text: 'ليتأكد أنك أنت، ينظر الموظف إلى وثيقة هويتك ويكتب: نوع الوثيقة، وآخر 4 حروف أو أرقام من رقمها، وهل هي سارية، وهل الصورة صورتك. إذا كان أحد يساعدك، يفعل الشيء نفسه مع وثيقته.',
    },
    receives: {
      heading: 'البيانات التي يتلقاها الموظف',
      text: 'رمزك الضريبي، واسمك إن كنا نعرفه، والخدمة التي اخترتها، واسم من يساعدك. تُستخدم فقط للرد على طلبك.',
    },
    callRetention: {
      heading: 'لأي مدة',
      text: 'نحذف هذه البيانات بعد 90 يومًا من المكالمة. نحتفظ فقط بأرقام مجهولة للإحصاءات.',
    },
    callStation: {
      heading: 'على هذا الجهاز',
      text: 'في النهاية تنطفئ الكاميرا ويحذف الجهاز كل ما أدخلته. لا يمكن لأحد بعدك أن يراه.',
    },
  }),
};
