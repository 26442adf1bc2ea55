/**
 * "What do you need?": a grid of topics from the services catalog, then the topic's services with
 * a plain description and whether it is quick information now or a personal consultation by appointment.
 *
 * @event kiosk-service - detail: the chosen service's id.
 * @event kiosk-checkin - the citizen (maybe identified by the card) already has a booking: see, move, cancel it, or check in.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import type { CatalogResponse, Language, LocalizedText, Service } from '@sportello/protocol';
import { directionOf } from '@sportello/protocol/plain';
import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { backIcon, backIconStyles } from '../../components/back-icon.ts';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { pictograms, pictogramStyles } from '../../components/pictograms/pictograms.ts';
import { localized } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { servicesStyles } from './services-screen.styles.ts';

/** Topics in the order citizens most often come for them; unknown topics follow in catalog order. */
const topicOrder = [
  'pensione',
  'disoccupazione',
  'cassa-integrazione',
  'famiglia',
  'invalidita',
  'lavoro-domestico',
  'autonomi',
  'stranieri',
  'contributi',
  'sostegno',
] as const;
type KnownTopic = (typeof topicOrder)[number];

const topicPictures: Record<KnownTopic, () => TemplateResult> = {
  pensione: pictograms.pensione,
  disoccupazione: pictograms.disoccupazione,
  'cassa-integrazione': pictograms['cassa-integrazione'],
  famiglia: pictograms.famiglia,
  invalidita: pictograms.invalidita,
  'lavoro-domestico': pictograms['lavoro-domestico'],
  autonomi: pictograms.autonomi,
  stranieri: pictograms.stranieri,
  contributi: pictograms.contributi,
  sostegno: pictograms.sostegno,
};

const isKnownTopic = (topic: string): topic is KnownTopic =>
  (topicOrder as readonly string[]).includes(topic);

interface Topic {
  id: string;
  services: Service[];
}

@customElement('kiosk-services-screen')
@localizedDecorator()
export class KioskServicesScreen extends LitElement {
  static override styles = [screenStyles, buttonStyles, backIconStyles, pictogramStyles, servicesStyles];

  /** The services catalog; undefined while it is still loading. */
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** The citizen's language, for the catalog's own texts. */
  @property() language: Language = 'it';
  /** The service chosen before, when the citizen comes back to change it: its topic's list opens. */
  @property() chosen?: string;

  /** The topic whose services are shown; none shows the topic grid. */
  @state() private topic?: string;
  private lastTopic?: string;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Back from the channel screen lands on the list the citizen chose from, not on the topic grid.
    if ((changed.has('chosen') || changed.has('catalog')) && this.chosen && !this.topic) {
      this.topic = this.catalog?.services.find((s) => s.id === this.chosen)?.topic;
    }
  }

  protected override updated(changed: PropertyValues): void {
    // Moving between the grid and a topic's list: keep keyboard and screen-reader users in place.
    if (!changed.has('topic') || !this.lastTopic) return;
    if (this.topic) {
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    } else {
      this.renderRoot.querySelector<HTMLElement>(`#topic-${this.lastTopic}`)?.focus();
    }
  }

  private get topics(): Topic[] {
    const byTopic = new Map<string, Service[]>();
    for (const service of this.catalog?.services ?? []) {
      byTopic.set(service.topic, [...(byTopic.get(service.topic) ?? []), service]);
    }
    const known = topicOrder.filter((id) => byTopic.has(id));
    const others = [...byTopic.keys()].filter((id) => !isKnownTopic(id));
    return [...known, ...others].map((id) => ({ id, services: byTopic.get(id) ?? [] }));
  }

  private topicName(topic: Topic): string {
    switch (topic.id) {
      case 'pensione':
        return msg('Pensione');
      case 'disoccupazione':
        return msg('Disoccupazione e NASpI');
      case 'cassa-integrazione':
        return msg('Cassa integrazione');
      case 'famiglia':
        return msg('Famiglia, figli e maternità');
      case 'invalidita':
        return msg('Invalidità e disabilità');
      case 'lavoro-domestico':
        return msg('Colf e badanti');
      case 'autonomi':
        return msg('Artigiani e commercianti');
      case 'stranieri':
        return msg('Cittadini stranieri');
      case 'contributi':
        return msg('I tuoi contributi');
      case 'sostegno':
        return msg('Aiuti per chi è in difficoltà');
      default: {
        // A topic added in the configuration later: name it after its first service.
        const first = topic.services[0];
        return first ? this.text(first.name) : topic.id;
      }
    }
  }

  private topicPicture(topic: string): TemplateResult {
    return isKnownTopic(topic) ? topicPictures[topic]() : pictograms.info();
  }

  private text(text: LocalizedText): string {
    return localized(text, this.language);
  }

  /** The language the catalog text is actually in, when it falls back to another one. */
  private langOf(text: LocalizedText): string {
    return text[this.language] ? this.language : text.en ? 'en' : 'it';
  }

  private levelLabel(service: Service): string {
    if (service.level === 'primo') return msg('Informazioni veloci, subito');
    const { inPerson, callback, webMeeting } = service.channels;
    const minutes = Math.max(inPerson?.minutes ?? 0, callback?.minutes ?? 0, webMeeting?.minutes ?? 0);
    return minutes > 0
      ? msg(str`Consulenza personale su appuntamento, circa ${minutes} minuti`)
      : msg('Consulenza personale su appuntamento');
  }

  private get texts() {
    return {
      title: msg('Di cosa hai bisogno?'),
      lead: msg('Tocca l’argomento che ti interessa.'),
      loading: msg('Un momento: stiamo preparando l’elenco dei servizi.'),
      empty: msg('In questo momento non ci sono servizi disponibili. Chiedi aiuto al personale.'),
      levels: msg(
        'Informazioni veloci: una risposta subito. Consulenza personale: un appuntamento con un funzionario, da 15 a 30 minuti.',
      ),
      choose: msg('Scegli quello che ti serve.'),
      back: msg('Tutti gli argomenti'),
    };
  }

  private get current(): Topic | undefined {
    return this.topic ? this.topics.find((t) => t.id === this.topic && t.services.length > 0) : undefined;
  }

  /** The screen's words and choices, for reading aloud. */
  speechText(): string[] {
    const t = this.texts;
    if (!this.catalog) return [t.title, t.loading];
    const current = this.current;
    if (current) {
      return [
        this.topicName(current),
        t.choose,
        t.levels,
        ...current.services.map(
          (s) => `${this.text(s.name)}. ${this.text(s.description)} ${this.levelLabel(s)}.`,
        ),
        t.back,
      ];
    }
    const topics = this.topics;
    return topics.length
      ? [t.title, t.lead, ...topics.map((topic) => this.topicName(topic)), msg('Ho già una prenotazione')]
      : [t.title, t.empty];
  }

  private openTopic(id: string): void {
    this.lastTopic = id;
    this.topic = id;
  }

  override render() {
    const current = this.current;
    return current ? this.renderServices(current) : this.renderTopics();
  }

  private renderTopics() {
    const t = this.texts;
    if (!this.catalog) {
      return html`<h1>${t.title}</h1>
        <p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t.loading}</p>`;
    }
    const topics = this.topics;
    return html`
      <h1 tabindex="-1">${t.title}</h1>
      ${
        topics.length
          ? html`<p class="lead">${t.lead}</p>
              <ul class="topics">
                ${topics.map(
                  (topic) =>
                    html`<li>
                      <button
                        type="button"
                        class="tile"
                        id="topic-${topic.id}"
                        @click=${() => this.openTopic(topic.id)}
                      >
                        <span class="picture">${this.topicPicture(topic.id)}</span>
                        <span>${this.topicName(topic)}</span>
                      </button>
                    </li>`,
                )}
              </ul>`
          : html`<p role="status">${t.empty}</p>`
      }
      <div class="actions">
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-checkin')}>
          ${msg('Ho già una prenotazione')}
        </button>
      </div>
    `;
  }

  private renderServices(topic: Topic) {
    const t = this.texts;
    return html`
      <button type="button" class="secondary back" @click=${() => (this.topic = undefined)}>
        ${backIcon}${t.back}
      </button>
      <div class="topic-head">
        <span class="picture">${this.topicPicture(topic.id)}</span>
        <h1 tabindex="-1">${this.topicName(topic)}</h1>
      </div>
      <p class="levels">${t.levels}</p>
      <p class="lead">${t.choose}</p>
      <ul class="services">
        ${topic.services.map(
          (service) =>
            html`<li>
              <button type="button" class="service" @click=${() => emit(this, 'kiosk-service', service.id)}>
                <span
                  class="name"
                  lang=${this.langOf(service.name)}
                  dir=${directionOf(this.langOf(service.name))}
                  >${this.text(service.name)}</span
                >
                <span class="description" lang=${this.langOf(service.description)}
                  >${this.text(service.description)}</span
                >
                <span class="badge ${service.level}">
                  <span class="dot" aria-hidden="true"></span>${this.levelLabel(service)}
                </span>
              </button>
            </li>`,
        )}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-services-screen': KioskServicesScreen;
  }
}
