// What a session that went wrong proves about the device (issue 10): the
// words for the device page, and the compatibility switch the failure
// proves, if any. Pure: the session's decision core turns a lesson into
// effects (learned, noted in the session log).
import { COMPAT_LABELS, type CompatProfile, type CompatSwitch } from '../../../shared/model/compat';
import type { AnyRequest } from './job';

/** "learned: XML declaration in ACS messages → off" for the session log. */
export function learnedNote(s: CompatSwitch, value: unknown, reason: string): string {
  const v = typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
  return `compatibility profile learned: ${COMPAT_LABELS[s]} → ${v} (${reason})`;
}

/** How a session ended, as the listener saw it. */
export type SessionEnd = 'complete' | 'dropped' | 'timeout' | 'replaced' | 'other';

/** What the ACS had just done when the CPE went away. */
export interface LastExchange {
  /** Messages the CPE sent in this session (1 = the Inform only). */
  cpeMessages: number;
  /** The ACS's last message: InformResponse, an RPC, or a response to the CPE. */
  lastSent?: string;
  /** The request still waiting for its answer, with its arguments. */
  outstanding?: AnyRequest;
  /** Whether that last message started with the XML declaration. */
  sentXmlDeclaration: boolean;
}

export interface Lesson { s: CompatSwitch; value: boolean; reason: string }

/**
 * What a dropped or silent session proves about the device, and the words
 * for the device page. Pure: the engine applies the lesson.
 */
export function judgeEnd(how: SessionEnd, x: LastExchange, compat: CompatProfile, sessionId: string): { text: string; lesson?: Lesson } | null {
  if (how === 'complete' || how === 'other') return null;
  const went = how === 'timeout' ? 'went silent' : how === 'replaced' ? 'started a new session' : 'closed the connection';
  if (x.cpeMessages <= 1 && x.lastSent === 'InformResponse') {
    const text = `the CPE ${went} right after the InformResponse (session ${sessionId}), instead of sending its requests or an empty POST`;
    if (x.sentXmlDeclaration && compat.xmlDeclaration) {
      return {
        text: `${text}; its parser may fail on the XML declaration: the next session goes without it`,
        lesson: { s: 'xmlDeclaration', value: false, reason: `${text}; some CPE parsers fail on the optional XML declaration` },
      };
    }
    return { text: `${text}${compat.xmlDeclaration ? '' : ', even without the XML declaration'}: look at the InformResponse in the session log` };
  }
  if (x.outstanding) {
    const partial = partialPaths(x.outstanding);
    const text = `the CPE ${went} without answering ${x.outstanding.name}${partial.length ? ` for ${partial[0]}` : ''} (session ${sessionId})`;
    if (partial.length && compat.partialPathGetParameterValues) {
      return {
        text: `${text}; from now on its values are read by parameter name in batches`,
        lesson: { s: 'partialPathGetParameterValues', value: false, reason: `${text}: it does not take a partial path (an object name ending in ".")` },
      };
    }
    return { text };
  }
  return how === 'replaced' ? null : { text: `the CPE ${went} in the middle of session ${sessionId} (after ${x.lastSent ?? 'nothing'})` };
}

function partialPaths(r: AnyRequest): string[] {
  return r.name === 'GetParameterValues' ? r.args.ParameterNames.filter((n) => n.endsWith('.')) : [];
}
