// Virtual cards for the simulator and the tests: a CNS and a CIE that answer the same APDUs as real ones,
// byte for byte (files, PIN, signature), and the misbehaving ones: a wrong card, a mute card.
import { constants, privateEncrypt, timingSafeEqual, type KeyObject } from 'node:crypto';
import { decodeCommand, encodeResponse, type CommandApdu } from './apdu.ts';
import {
  CIE_KEY_REFERENCE,
  CIE_PIN_REFERENCE,
  CNS_KEY_REFERENCE,
  CNS_PIN_REFERENCE,
  EF_CIE_CERTIFICATE,
  EF_CNS_CERTIFICATE,
} from './card-signature.ts';
import { CIE_DF_AID, IAS_AID, SFI_ID_SERVIZI } from './cie-nis.ts';
import { DF1, EF_DATI_PERSONALI, encodeDatiPersonali, type DatiPersonali } from './cns-personal-data.ts';
import {
  createCardKeyPair,
  testCas,
  type CardHolder,
  type CardKeyPair,
  type TestCa,
  type Validity,
} from './test-ca.ts';

export interface VirtualCard {
  readonly label: string;
  readonly atr: Buffer;
  /** Answers one command APDU; null when the card stays silent. */
  respond(apdu: Buffer): Buffer | null;
  /** Back to the state after power-up (nothing selected, PIN not verified), as on reinsertion. */
  reset(): void;
}

/** The demo citizen of the simulator. */
export const DEMO_CITIZEN = {
  codiceFiscale: 'RSSMRA80A01H501U',
  firstName: 'MARIO',
  lastName: 'ROSSI',
  birthDate: '1980-01-01',
} as const;
export const DEMO_PIN = '12345678';
export const DEMO_NIS = '123456789012';
const PIN_TRIES = 3;

// A TS-CNS answering as a T=0 card: "CNS" at historical bytes 9..11, as OpenSC matches it.
const CNS_ATR = Buffer.from('3B9F1800006B02090200010101434E53103180', 'hex');
// A CIE 3.0 as PC/SC readers present it: a contactless pseudo-ATR.
const CIE_ATR = Buffer.from('3B8E800180318066B1840C016E01830090001C', 'hex');

const SW = {
  ok: 0x9000,
  endOfFile: 0x6282,
  wrongLength: 0x6700,
  securityNotSatisfied: 0x6982,
  pinBlocked: 0x6983,
  conditionsNotSatisfied: 0x6985,
  noCurrentEf: 0x6986,
  wrongParameters: 0x6a86,
  fileNotFound: 0x6a82,
  referenceNotFound: 0x6a88,
  offsetOutOfRange: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
} as const;

interface VirtualFile {
  fid: number;
  aid?: Buffer;
  sfi?: number;
  content?: Buffer;
  children: VirtualFile[];
  parent?: VirtualFile;
}

function df(fid: number, children: VirtualFile[], aid?: Buffer): VirtualFile {
  const dir: VirtualFile = { fid, aid, children };
  for (const child of children) child.parent = dir;
  return dir;
}

function ef(fid: number, content: Buffer, sfi?: number): VirtualFile {
  return { fid, content, sfi, children: [] };
}

function findDf(root: VirtualFile, aid: Uint8Array): VirtualFile | undefined {
  if (root.aid?.equals(aid)) return root;
  for (const child of root.children) {
    const found = findDf(child, aid);
    if (found) return found;
  }
  return undefined;
}

interface SmartCardSpec {
  label: string;
  atr: Buffer;
  /** T=0 answers case-4 commands through 61xx and a too-long Le with 6Cxx; T=1 answers at once and with 6282. */
  protocol: 'T=0' | 'T=1';
  root: VirtualFile;
  pinReference: number;
  /** As the card stores it, padding included. */
  pin: Buffer;
  keyReference: number;
  /** INS of the command that signs: 2A (PSO) on the CNS, 88 (INTERNAL AUTHENTICATE) on the CIE. */
  signIns: number;
  key: KeyObject;
  certificate: Buffer;
}

/** A file-system card with one PIN and one RSA authentication key. */
export class VirtualSmartCard implements VirtualCard {
  readonly label: string;
  readonly atr: Buffer;
  private triesLeft = PIN_TRIES;
  private currentDf: VirtualFile;
  private currentEf: VirtualFile | undefined;
  private pinVerified = false;
  private keySelected = false;
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly spec: SmartCardSpec) {
    this.label = spec.label;
    this.atr = spec.atr;
    this.currentDf = spec.root;
  }

  /** The authentication certificate the card holds, DER. */
  get certificate(): Buffer {
    return this.spec.certificate;
  }

  get pinTriesLeft(): number {
    return this.triesLeft;
  }

  reset(): void {
    this.currentDf = this.spec.root;
    this.currentEf = undefined;
    this.pinVerified = false;
    this.keySelected = false;
    this.pending = Buffer.alloc(0);
  }

  respond(apdu: Buffer): Buffer {
    const command = decodeCommand(apdu);
    if (!command) return encodeResponse(Buffer.alloc(0), SW.wrongLength);
    // Anything but GET RESPONSE drops an answer left waiting, as cards do.
    if (command.ins !== 0xc0) this.pending = Buffer.alloc(0);
    if (command.cla !== 0x00) return status(SW.claNotSupported);
    switch (command.ins) {
      case 0xa4:
        return this.select(command);
      case 0xb0:
        return this.readBinary(command);
      case 0xc0:
        return this.getResponse(command);
      case 0x20:
        return this.verify(command);
      case 0x22:
        return this.manageSecurityEnvironment(command);
      case this.spec.signIns:
        return this.sign(command);
      default:
        return status(SW.insNotSupported);
    }
  }

  private select(command: CommandApdu): Buffer {
    const data = command.data ?? Buffer.alloc(0);
    let file: VirtualFile | undefined;
    if (command.p1 === 0x04) file = findDf(this.spec.root, data);
    else if (data.length !== 2) return status(SW.wrongLength);
    else {
      const fid = (data[0]! << 8) | data[1]!;
      const here = this.currentDf.children;
      const siblings = this.currentDf.parent?.children ?? [];
      if (command.p1 === 0x02) file = here.find((f) => f.fid === fid && f.content);
      else if (command.p1 === 0x00) {
        file =
          fid === this.spec.root.fid ? this.spec.root : [...here, ...siblings].find((f) => f.fid === fid);
      } else return status(SW.wrongParameters);
    }
    if (!file) return status(SW.fileNotFound);
    if (file.content) {
      this.currentDf = file.parent ?? this.spec.root;
      this.currentEf = file;
    } else {
      this.currentDf = file;
      this.currentEf = undefined;
    }
    if (command.p2 === 0x0c) return status(SW.ok);
    // File control parameters: size (EFs), descriptor, file ID.
    const size = file.content ? [0x80, 0x02, file.content.length >> 8, file.content.length & 0xff] : [];
    const body = [
      ...size,
      0x82,
      0x01,
      file.content ? 0x01 : 0x38,
      0x83,
      0x02,
      file.fid >> 8,
      file.fid & 0xff,
    ];
    return this.answer(command, Buffer.from([0x62, body.length, ...body]));
  }

  private readBinary(command: CommandApdu): Buffer {
    let offset: number;
    if (command.p1 & 0x80) {
      const sfi = command.p1 & 0x1f;
      const file = this.currentDf.children.find((f) => f.sfi === sfi && f.content);
      if (!file) return status(SW.fileNotFound);
      this.currentEf = file;
      offset = command.p2;
    } else {
      offset = (command.p1 << 8) | command.p2;
    }
    const content = this.currentEf?.content;
    if (!content) return status(SW.noCurrentEf);
    if (offset > content.length) return status(SW.offsetOutOfRange);
    const wanted = command.le ?? 256;
    const remaining = content.length - offset;
    if (wanted <= remaining) return encodeResponse(content.subarray(offset, offset + wanted), SW.ok);
    if (this.spec.protocol === 'T=0' && remaining > 0) return status(0x6c00 | (remaining & 0xff));
    return encodeResponse(content.subarray(offset), SW.endOfFile);
  }

  private getResponse(command: CommandApdu): Buffer {
    if (this.pending.length === 0) return status(SW.conditionsNotSatisfied);
    const part = this.pending.subarray(0, command.le ?? 256);
    this.pending = this.pending.subarray(part.length);
    return this.pending.length === 0
      ? encodeResponse(part, SW.ok)
      : encodeResponse(part, 0x6100 | (Math.min(this.pending.length, 256) & 0xff));
  }

  private verify(command: CommandApdu): Buffer {
    if (command.p1 !== 0x00 || command.p2 !== this.spec.pinReference) return status(SW.referenceNotFound);
    if (this.triesLeft === 0) return status(SW.pinBlocked);
    // VERIFY without data asks for the tries left.
    if (!command.data) return status(this.pinVerified ? SW.ok : 0x63c0 | this.triesLeft);
    const right =
      command.data.length === this.spec.pin.length && timingSafeEqual(command.data, this.spec.pin);
    if (right) {
      this.triesLeft = PIN_TRIES;
      this.pinVerified = true;
      return status(SW.ok);
    }
    this.triesLeft -= 1;
    this.pinVerified = false;
    return status(0x63c0 | this.triesLeft);
  }

  private manageSecurityEnvironment(command: CommandApdu): Buffer {
    if (![0x41, 0xf1].includes(command.p1) || ![0xa4, 0xb6].includes(command.p2)) {
      return status(SW.wrongParameters);
    }
    const data = command.data ?? Buffer.alloc(0);
    let keyReference: number | undefined;
    for (let i = 0; i + 1 < data.length; i += 2 + data[i + 1]!) {
      const tag = data[i]!;
      if ((tag === 0x83 || tag === 0x84) && data[i + 1] === 1) keyReference = data[i + 2];
    }
    this.keySelected = keyReference === this.spec.keyReference;
    return status(this.keySelected ? SW.ok : SW.referenceNotFound);
  }

  private sign(command: CommandApdu): Buffer {
    if (!this.pinVerified) return status(SW.securityNotSatisfied);
    if (!this.keySelected) return status(SW.conditionsNotSatisfied);
    const input = command.data;
    // PKCS#1 v1.5 type 1 needs 11 bytes of padding in a 2048-bit block.
    if (!input || input.length > 256 - 11) return status(SW.wrongLength);
    const signature = privateEncrypt({ key: this.spec.key, padding: constants.RSA_PKCS1_PADDING }, input);
    // One signature per PIN, as the kiosk asks for the PIN each time.
    this.pinVerified = false;
    return this.answer(command, signature);
  }

  /** Answer data: at once, or under T=0 for a command that carried data, through 61xx and GET RESPONSE. */
  private answer(command: CommandApdu, data: Buffer): Buffer {
    if (this.spec.protocol === 'T=0' && command.data) {
      this.pending = data;
      return status(0x6100 | (Math.min(data.length, 256) & 0xff));
    }
    return encodeResponse(data.subarray(0, command.le ?? 0), SW.ok);
  }
}

function status(sw: number): Buffer {
  return encodeResponse(Buffer.alloc(0), sw);
}

function isoToday(offsetYears: number): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() + offsetYears);
  return date.toISOString().slice(0, 10);
}

// One RSA key per identity and process: generating one takes a tenth of a second.
const keyPairs = new Map<string, Promise<CardKeyPair>>();
function keyPairFor(identity: string): Promise<CardKeyPair> {
  let keys = keyPairs.get(identity);
  if (!keys) keyPairs.set(identity, (keys = createCardKeyPair()));
  return keys;
}

export interface VirtualCnsOptions {
  /** Defaults to the demo citizen; dates YYYY-MM-DD. */
  holder?: Partial<DatiPersonali>;
  pin?: string;
  /** Raw EF.Dati_personali bytes instead of the encoded holder, e.g. hostile ones. */
  datiPersonali?: Buffer;
  /** The CA that issues its certificate: the CNS test CA by default. */
  ca?: TestCa;
  certificateValidity?: Validity;
}

/** A TS-CNS: EF.Dati_personali under DF1, the authentication certificate in 1101, PIN 10 padded with FF. */
export async function createVirtualCns(options: VirtualCnsOptions = {}): Promise<VirtualSmartCard> {
  const data: DatiPersonali = {
    issuerCode: '0000000000',
    issueDate: isoToday(-1),
    expiry: isoToday(5),
    ...DEMO_CITIZEN,
    sex: 'M',
    height: '',
    citizenship: '',
    birthComune: 'H501',
    birthCountry: '',
    birthAct: '',
    residenceComune: 'H501',
    residenceAddress: 'VIA ROMA 1',
    expatNotes: '',
    ...options.holder,
  };
  const keys = await keyPairFor(`cns:${data.codiceFiscale}`);
  const ca = options.ca ?? (await testCas()).cns;
  const certificate = await ca.issueCardCertificate(data, keys.publicKeySpki, options.certificateValidity);
  const pin = Buffer.alloc(8, 0xff);
  pin.write(options.pin ?? DEMO_PIN, 'latin1');
  return new VirtualSmartCard({
    label: `CNS ${data.lastName} ${data.firstName}`,
    atr: CNS_ATR,
    protocol: 'T=0',
    root: df(0x3f00, [
      df(DF1, [
        ef(EF_DATI_PERSONALI, options.datiPersonali ?? encodeDatiPersonali(data)),
        ef(EF_CNS_CERTIFICATE, certificate),
      ]),
    ]),
    pinReference: CNS_PIN_REFERENCE,
    pin,
    keyReference: CNS_KEY_REFERENCE,
    signIns: 0x2a,
    key: keys.privateKey,
    certificate,
  });
}

export interface VirtualCieOptions {
  nis?: string;
  /** Whose authentication certificate it carries; the demo citizen by default. */
  holder?: CardHolder;
  pin?: string;
  ca?: TestCa;
  certificateValidity?: Validity;
}

/** A CIE 3.0 (no secure messaging): IAS application, CIE DF with EF.ID_Servizi (SFI 1) and Cert_CIE (1003). */
export async function createVirtualCie(options: VirtualCieOptions = {}): Promise<VirtualSmartCard> {
  const holder = options.holder ?? DEMO_CITIZEN;
  const keys = await keyPairFor(`cie:${holder.codiceFiscale}`);
  const ca = options.ca ?? (await testCas()).cie;
  const certificate = await ca.issueCardCertificate(holder, keys.publicKeySpki, options.certificateValidity);
  return new VirtualSmartCard({
    label: `CIE ${options.nis ?? DEMO_NIS}`,
    atr: CIE_ATR,
    protocol: 'T=1',
    root: df(0x3f00, [
      df(
        0x0001,
        [
          df(
            0x0002,
            [
              ef(0x1001, Buffer.from(options.nis ?? DEMO_NIS, 'latin1'), SFI_ID_SERVIZI),
              ef(EF_CIE_CERTIFICATE, certificate),
            ],
            CIE_DF_AID,
          ),
        ],
        IAS_AID,
      ),
    ]),
    pinReference: CIE_PIN_REFERENCE,
    pin: Buffer.from(options.pin ?? DEMO_PIN, 'latin1'),
    keyReference: CIE_KEY_REFERENCE,
    signIns: 0x88,
    key: keys.privateKey,
    certificate,
  });
}

/** A card of another kind (a bank card, say): "file not found" to everything. */
export function createWrongCard(): VirtualCard {
  return {
    label: 'wrong card',
    atr: Buffer.from('3B6800000073C84013009000', 'hex'),
    respond: () => status(SW.fileNotFound),
    reset: () => undefined,
  };
}

/** A card that powers up (it has an ATR) and then never answers. */
export function createMuteCard(): VirtualCard {
  return {
    label: 'mute card',
    atr: Buffer.from('3B0200', 'hex'),
    respond: () => null,
    reset: () => undefined,
  };
}
