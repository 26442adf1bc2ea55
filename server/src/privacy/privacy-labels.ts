// The words around the privacy notice on its web page (the notice's own text is in protocol/src/privacy-notice/).
import type { Language } from '@sportello/protocol';

export interface PrivacyLabels {
  /** Names the language switcher. */
  languages: string;
  version: string;
  /** Before the link to the current version, on an older one. */
  newer: string;
  missingTitle: string;
  missingText: string;
  /** The 404 page's link to the current version. */
  readCurrent: string;
}

export const privacyLabels: Record<Language, PrivacyLabels> = {
  it: {
    languages: 'Lingua',
    version: 'Versione',
    newer: 'Esiste una versione più recente di questa informativa:',
    missingTitle: 'Versione non trovata',
    missingText: 'Non esiste un’informativa sulla privacy con questa versione.',
    readCurrent: 'Leggi l’informativa in vigore',
  },
  en: {
    languages: 'Language',
    version: 'Version',
    newer: 'There is a newer version of this notice:',
    missingTitle: 'Version not found',
    missingText: 'There is no privacy notice with this version.',
    readCurrent: 'Read the current privacy notice',
  },
  fr: {
    languages: 'Langue',
    version: 'Version',
    newer: 'Il existe une version plus récente de cette information :',
    missingTitle: 'Version introuvable',
    missingText: 'Il n’existe pas d’information sur la confidentialité avec cette version.',
    readCurrent: 'Lire l’information en vigueur',
  },
  ro: {
    languages: 'Limba',
    version: 'Versiunea',
    newer: 'Există o versiune mai nouă a acestei informări:',
    missingTitle: 'Versiunea nu a fost găsită',
    missingText: 'Nu există o informare privind confidențialitatea cu această versiune.',
    readCurrent: 'Citiți informarea în vigoare',
  },
  uk: {
    languages: 'Мова',
    version: 'Версія',
    newer: 'Є новіша версія цього повідомлення:',
    missingTitle: 'Версію не знайдено',
    missingText: 'Повідомлення про конфіденційність з такою версією не існує.',
    readCurrent: 'Прочитати чинне повідомлення про конфіденційність',
  },
  ar: {
    languages: 'اللغة',
    version: 'الإصدار',
    newer: 'يوجد إصدار أحدث من هذا الإشعار:',
    missingTitle: 'الإصدار غير موجود',
    missingText: 'لا يوجد إشعار خصوصية بهذا الإصدار.',
    readCurrent: 'اقرأ إشعار الخصوصية الساري',
  },
};
