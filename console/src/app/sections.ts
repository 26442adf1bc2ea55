// The console's sections: one entry per screen in the header's navigation, shown to the roles listed.
// A person sees every section of every role they hold; adding a screen is one entry here.
import { msg } from '@lit/localize';
import type {
  CatalogResponse,
  OfficialStatus,
  QueueSnapshot,
  StaffRole,
  StaffUser,
} from '@sportello/protocol';
import type { Connection, VideoSocket } from '@sportello/web-common/video-socket';
import { html, type TemplateResult } from 'lit';
import '../components/alerts-badge/alerts-badge.ts';
import '../screens/alerts-screen/alerts-screen.ts';
import '../screens/accounts-screen/accounts-screen.ts';
import '../screens/appointments-screen/appointments-screen.ts';
import '../screens/audit-screen/audit-screen.ts';
import '../screens/boards-screen/boards-screen.ts';
import '../screens/calendar-screen/calendar-screen.ts';
import '../screens/callbacks-screen/callbacks-screen.ts';
import '../screens/counter-screen/counter-screen.ts';
import '../screens/desk-screen/desk-screen.ts';
import '../screens/queue-screen/queue-screen.ts';
import '../screens/sms-screen/sms-screen.ts';
import '../screens/statistics-screen/statistics-screen.ts';
import '../screens/stations-screen/stations-screen.ts';
// A station's remote device test and pushed settings: the fleet's station page shows them.
import '../components/station-self-test/station-self-test.ts';
import '../components/station-settings-form/station-settings-form.ts';

/** What the official's screens share: the one /ws connection and what it last said. */
export interface OfficialContext {
  socket: VideoSocket;
  status: OfficialStatus;
  connection: Connection;
  snapshot?: QueueSnapshot;
  /** Told once on coming back to the queue (e.g. the outcome was saved). */
  notice: string;
}

export interface SectionContext {
  user: StaffUser;
  /** Names of sedi, sectors and services; ids are shown until it loads. */
  catalog?: CatalogResponse;
  /** Present only for officials, whose /ws is open. */
  official?: OfficialContext;
  /** The rest of the address after `#<section>/`, e.g. a station's id: the page of the section to open. */
  route?: string;
}

export interface Section {
  id: string;
  roles: readonly StaffRole[];
  /** The navigation's label, read at render time so that it follows the language. */
  label: () => string;
  render: (context: SectionContext) => TemplateResult;
  /** A count beside the label (e.g. open alerts), rendered in the navigation's button. */
  badge?: () => TemplateResult;
}

export const sections: readonly Section[] = [
  {
    id: 'queue',
    roles: ['official'],
    label: () => msg('Coda'),
    render: ({ official, catalog }) =>
      html`<queue-screen
        .socket=${official!.socket}
        .status=${official!.status}
        .connection=${official!.connection}
        .snapshot=${official!.snapshot}
        .catalog=${catalog}
        .notice=${official!.notice}
      ></queue-screen>`,
  },
  {
    id: 'appointments',
    roles: ['official'],
    label: () => msg('Appuntamenti'),
    render: ({ official, catalog }) =>
      html`<appointments-screen
        .socket=${official!.socket}
        .status=${official!.status}
        .connection=${official!.connection}
        .catalog=${catalog}
      ></appointments-screen>`,
  },
  {
    id: 'callbacks',
    roles: ['official'],
    label: () => msg('Richiamate'),
    render: ({ catalog }) => html`<callbacks-screen .catalog=${catalog}></callbacks-screen>`,
  },
  {
    id: 'counter',
    roles: ['counter'],
    label: () => msg('Sportello'),
    render: ({ user, catalog }) => html`<counter-screen .user=${user} .catalog=${catalog}></counter-screen>`,
  },
  {
    id: 'desk',
    roles: ['counter', 'contact-centre'],
    label: () => msg('Prenotazioni'),
    render: ({ user, catalog }) => html`<desk-screen .user=${user} .catalog=${catalog}></desk-screen>`,
  },
  {
    id: 'boards',
    roles: ['technician', 'admin'],
    label: () => msg('Tabelloni'),
    render: ({ user, catalog }) => html`<boards-screen .user=${user} .catalog=${catalog}></boards-screen>`,
  },
  {
    id: 'stations',
    roles: ['technician'],
    label: () => msg('Stazioni'),
    render: ({ user, catalog, route }) =>
      html`<stations-screen .user=${user} .catalog=${catalog} .route=${route ?? ''}></stations-screen>`,
  },
  {
    id: 'alerts',
    roles: ['technician'],
    label: () => msg('Avvisi'),
    badge: () => html`<alerts-badge></alerts-badge>`,
    render: ({ catalog }) => html`<alerts-screen .catalog=${catalog}></alerts-screen>`,
  },
  {
    id: 'calendar',
    roles: ['manager', 'admin'],
    label: () => msg('Calendario'),
    render: ({ user, catalog }) =>
      html`<calendar-screen .user=${user} .catalog=${catalog}></calendar-screen>`,
  },
  {
    id: 'statistics',
    roles: ['manager', 'admin'],
    label: () => msg('Statistiche'),
    render: ({ user, catalog }) =>
      html`<statistics-screen .user=${user} .catalog=${catalog}></statistics-screen>`,
  },
  {
    id: 'accounts',
    roles: ['admin'],
    label: () => msg('Account'),
    render: ({ user, catalog }) =>
      html`<accounts-screen .user=${user} .catalog=${catalog}></accounts-screen>`,
  },
  {
    id: 'audit',
    roles: ['admin'],
    label: () => msg('Registro accessi'),
    render: () => html`<audit-screen></audit-screen>`,
  },
  {
    id: 'sms',
    roles: ['admin'],
    label: () => msg('SMS'),
    render: () => html`<sms-screen></sms-screen>`,
  },
];

/** The sections a person sees, in the navigation's order. */
export const sectionsFor = (user: StaffUser): Section[] =>
  sections.filter((section) => section.roles.some((role) => user.roles.includes(role)));
