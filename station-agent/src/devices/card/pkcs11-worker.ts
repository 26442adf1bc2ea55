// The worker thread of pkcs11-signer.ts: one signature's blocking PKCS#11 calls, away from the agent's event
// loop (a login and a signature on a real card take a second or more). pkcs11js is optional: imported here, lazily.
import { parentPort, workerData } from 'node:worker_threads';
import {
  outcomeOf,
  signInModule,
  type Pkcs11Api,
  type Pkcs11Outcome,
  type Pkcs11Request,
} from './pkcs11-signer.ts';

async function loadPkcs11(): Promise<Pkcs11Api | null> {
  // A specifier in a variable: the package is optional, so tsc must not try to resolve it.
  const name = 'pkcs11js';
  try {
    const loaded = (await import(name)) as { default: { PKCS11: new () => Pkcs11Api } };
    return new loaded.default.PKCS11();
  } catch {
    return null;
  }
}

const pkcs11 = await loadPkcs11();
const outcome: Pkcs11Outcome = pkcs11
  ? outcomeOf(() => signInModule(pkcs11, workerData as Pkcs11Request))
  : {
      ok: false,
      code: 'no-driver',
      message: 'no PKCS#11 binding: the optional package pkcs11js is not installed',
    };
parentPort?.postMessage(outcome);
