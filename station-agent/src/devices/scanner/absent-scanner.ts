// The scanner of a station that has none, or whose scanner types into the page (keyboard wedge).
import { BaseScanner } from './scanner.ts';

export class AbsentScanner extends BaseScanner {
  async start(): Promise<void> {}

  async stop(): Promise<void> {}
}
