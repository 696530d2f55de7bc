// The virtual-CPE quirks by name, with a line each on what the CPE then does:
// one list for the "Add virtual CPE" dialog (the renderer must not import
// electron/**) and for the simulator's parser (electron/sim/quirks.ts
// checks its names and value choices against this, so the two cannot drift).
// No Node or DOM APIs here.
import type { CompatSwitch } from './compat';

/** How a quirk takes a value after '=': none (a flag), one of fixed choices, or free text. */
export type QuirkValue =
  | { kind: 'flag' }
  /** `optional`: the bare name is accepted too and means `choices[0]`. */
  | { kind: 'choice'; choices: readonly string[]; optional?: boolean }
  | { kind: 'text'; default: string };

export type QuirkGroup = 'Real CPE stacks' | 'Encoding & transport' | 'Data model' | 'Transfers';

export interface QuirkInfo {
  name: string;
  group: QuirkGroup;
  /** What the CPE then does, in one line. */
  description: string;
  value: QuirkValue;
  /** The compatibility switch the ACS is expected to learn from it (compat-learning.ts, discovery.ts). */
  teaches?: CompatSwitch;
}

const flag = { kind: 'flag' } as const;

export const QUIRK_CATALOG = [
  // The behaviours of issue 10 first: they are what the compatibility profile is about.
  { name: 'rejectXmlDeclaration', group: 'Real CPE stacks', value: flag, teaches: 'xmlDeclaration',
    description: 'Drops the session when an ACS message starts with <?xml …?>.' },
  { name: 'dropOnPartialPath', group: 'Real CPE stacks', value: flag, teaches: 'partialPathGetParameterValues',
    description: 'Drops the session on a partial-path GetParameterValues (a name ending in ".").' },
  { name: 'partialPathAsObject', group: 'Real CPE stacks', value: flag, teaches: 'partialPathGetParameterValues',
    description: 'Answers a partial-path GetParameterValues with the bare object, no children.' },
  { name: 'dropAfterAddObject', group: 'Real CPE stacks', value: flag,
    description: 'Drops the session on the read of an instance it has just created.' },
  { name: 'faultDetailInFaultstring', group: 'Real CPE stacks', value: flag,
    description: 'Puts the SOAP <detail> (and its cwmp:Fault) inside <faultstring>.' },
  { name: 'crBasic', group: 'Real CPE stacks', value: flag,
    description: 'Challenges connection requests with Basic over plain HTTP instead of Digest.' },
  { name: 'crDigestAlgorithm', group: 'Real CPE stacks', value: { kind: 'choice', choices: ['SHA-256', 'MD5-sess', 'SHA-256-sess', 'MD5'] },
    description: 'Challenges connection requests with Digest using this algorithm.' },
  { name: 'booleansAsNumbers', group: 'Encoding & transport', value: flag,
    description: 'Sends booleans as 0/1 and refuses "true"/"false" in SetParameterValues (9007).' },
  { name: 'noXsiType', group: 'Encoding & transport', value: flag,
    description: 'Sends parameter values without xsi:type.' },
  { name: 'gzip', group: 'Encoding & transport', value: flag,
    description: 'Compresses its request bodies (Content-Encoding: gzip).' },
  { name: 'charset', group: 'Encoding & transport', value: { kind: 'choice', choices: ['iso-8859-1', 'utf-16', 'utf-8'], optional: true },
    description: 'Encodes its messages in this charset.' },
  { name: 'namespace', group: 'Encoding & transport', value: { kind: 'text', default: 'urn:dslforum-org:cwmp-1-3' },
    description: 'Uses this cwmp namespace URN instead of its own version\'s.' },
  { name: 'newConnectionPerRequest', group: 'Encoding & transport', value: flag,
    description: 'No keep-alive: every message on a new TCP connection, the session rests on cookies.' },
  { name: 'noCookies', group: 'Encoding & transport', value: flag,
    description: 'Ignores Set-Cookie: never sends a Cookie header.' },
  { name: 'dropAfterChallenge', group: 'Encoding & transport', value: flag,
    description: 'Closes the TCP connection after a 401 challenge and answers on a new one.' },
  { name: 'invalidMessage', group: 'Encoding & transport', value: flag,
    description: 'Sends an Inform that breaks the schema (EventCodes off the pattern).' },
  { name: 'rejectRootGpn', group: 'Data model', value: { kind: 'choice', choices: ['9005', '9002'], optional: true }, teaches: 'rootGetParameterNames',
    description: 'Faults GetParameterNames on the root object with this code.' },
  { name: 'omitParentObjects', group: 'Data model', value: flag,
    description: 'Lists parameters only in GetParameterNames, no object entries ending in ".".' },
  { name: 'vendorParameter', group: 'Data model', value: flag,
    description: 'Adds X_ACME_Debug, a parameter the official data model does not define.' },
  { name: 'transferFault', group: 'Transfers', value: { kind: 'choice', choices: ['unreachable', 'corrupt', 'rejectFileType'] },
    description: 'Fails file transfers: server unreachable (9015), corrupt image (9018), or refuses the Download (9003).' },
  { name: 'noTransferComplete', group: 'Transfers', value: flag,
    description: 'Never sends TransferComplete (nor 7 TRANSFER COMPLETE) after a download.' },
  { name: 'downloadNotFetched', group: 'Transfers', value: flag,
    description: 'Answers DownloadResponse Status 0 ("done") and never fetches the file.' },
] as const satisfies readonly QuirkInfo[];

export type QuirkName = (typeof QUIRK_CATALOG)[number]['name'];

export const QUIRK_CATALOG_NAMES: readonly QuirkName[] = QUIRK_CATALOG.map((q) => q.name);

export function quirkInfo(name: string): QuirkInfo | undefined {
  return (QUIRK_CATALOG as readonly QuirkInfo[]).find((q) => q.name.toLowerCase() === name.toLowerCase());
}

/** The spec sim.start takes: 'gzip', 'crDigestAlgorithm=SHA-256'. A choice or text quirk without a value gets its first choice / default. */
export function quirkSpec(name: string, value?: string): string {
  const q = quirkInfo(name);
  if (!q || q.value.kind === 'flag') return name;
  const v = value?.trim() || (q.value.kind === 'choice' ? q.value.choices[0] : q.value.default);
  return `${name}=${v}`;
}
