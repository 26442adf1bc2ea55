// A labelled text input, as the console's forms draw it (styled by form-styles' .field).
import { html } from 'lit';

export function textField(
  id: string,
  label: string,
  value: string,
  set: (value: string) => void,
  autocomplete: string,
  type = 'text',
) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      type=${type}
      autocomplete=${autocomplete}
      .value=${value}
      @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
    />
  </div>`;
}
