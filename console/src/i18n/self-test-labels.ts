// The remote self-test in the technicians' words: each device, its state, and why a run failed.
// Read at render time so that they follow the language.
import { msg, str } from '@lit/localize';
import type { SelfTestCheck, SelfTestDevice, SelfTestRunView } from '@sportello/protocol';

export function selfTestDeviceText(device: SelfTestDevice): string {
  switch (device) {
    case 'reader':
      return msg('Lettore di carte');
    case 'printer':
      return msg('Stampante');
    case 'test-print':
      return msg('Pagina di prova');
    case 'scanner':
      return msg('Lettore di codici a barre');
    case 'camera':
      return msg('Telecamera');
  }
}

/** The device's state as the agent named it, in plain words. */
export function selfTestStateText(check: SelfTestCheck): string {
  if (check.outcome === 'not-configured') return msg('Non previsto su questa postazione');
  switch (check.state) {
    case 'ok':
      return msg('Funziona');
    case 'printed':
      return msg('Stampata: controlla il biglietto uscito dalla stampante');
    case 'paper-near-end':
      return msg('Funziona, ma la carta sta per finire');
    case 'paper-out':
      return msg('Carta finita');
    case 'cover-open':
      return msg('Coperchio aperto');
    case 'offline':
      return msg('Non risponde (spenta o scollegata)');
    case 'absent':
      return msg('Non collegato');
    case 'no-driver':
      return msg('Manca il driver (servizio pcscd)');
    case 'error':
      return msg('In errore');
    case 'denied':
      return msg('Il chiosco non ha il permesso di usarla');
    case 'no-kiosk-page':
      return msg('Il chiosco non è aperto: impossibile provarla');
    case 'no-answer':
      return msg('Il chiosco non ha risposto');
    case 'unknown':
      return msg('Stato sconosciuto');
    default:
      return check.state;
  }
}

/** What a run is doing now, or why it ended without a result. */
export function selfTestProgressText(run: SelfTestRunView, online: boolean): string {
  switch (run.status) {
    case 'queued':
      return online
        ? msg('Richiesta inviata alla postazione…')
        : msg(
            'La postazione non è collegata: la prova partirà appena si ricollega, altrimenti sarà annullata tra 3 minuti.',
          );
    case 'waiting-idle':
      return msg(
        'In attesa che il chiosco sia libero: un cittadino lo sta usando. La prova partirà appena avrà finito.',
      );
    case 'running':
      return msg('Prova in corso…');
    case 'done':
      return msg('Prova completata.');
    case 'failed':
      switch (run.failure) {
        case 'station-offline':
          return msg(
            'La postazione non ha risposto: è spenta o senza collegamento. Controlla la rete e riprova.',
          );
        case 'kiosk-busy':
          return msg('Il chiosco è rimasto occupato dai cittadini per più di 30 minuti: riprova più tardi.');
        case 'no-answer':
          return msg('La postazione ha iniziato la prova ma non ha mandato il risultato. Riprova.');
        default:
          return msg(str`La postazione non è riuscita a fare la prova: ${run.message ?? ''}`);
      }
  }
}
