/**
 * The documented disagreements between touche and node:http, each with the rule behind it, as in
 * packages/h1/README.md's llhttp table. A disagreement that no class explains is a finding: it
 * fails the run and is minimized like any other failure. fuzz/README.md lists the classes, and a
 * test keeps that list and this table in step.
 */
import { METHODS } from 'node:http'
import type { Verdict } from './differential.js'
import { fieldValues } from './loose-request.js'
import type { LooseRequest } from './loose-request.js'
import type { Frame } from './request-frames.js'

/** Who is stricter, or whether the two only chose differently where the RFC lets them. */
export type Side = 'touche stricter' | 'node stricter' | 'both reject' | 'policy'

/** What a class looks at. */
export interface Facts {
  readonly req: LooseRequest
  readonly frame: Frame
  readonly touche: Verdict
  readonly node: Verdict
  readonly key: string
}

/** One documented class of disagreement. */
export interface DisagreementClass {
  readonly id: string
  readonly side: Side
  /** The rule, with its RFC section. */
  readonly rule: string
  matches(f: Facts): boolean
}

const errorKind = (f: Facts): string | null =>
  f.frame.kind === 'bad-head' || f.frame.kind === 'bad-body' ? f.frame.error.kind : null
const toucheRejects = (f: Facts, kind: string): boolean =>
  errorKind(f) === kind &&
  f.touche.verdict.startsWith('rejects') &&
  !f.node.verdict.startsWith('rejects')
const nodeOnlyRejects = (f: Facts): boolean =>
  f.touche.verdict === 'accepts' && f.node.verdict.startsWith('rejects')
/** RFC 3986 characters of a request-target (unreserved, sub-delims, ":", "@", "/", "?", "%"). */
const TARGET = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%[\]]+$/
const KNOWN_METHODS = new Set(METHODS)
/** RFC 9112 §3.2.3 authority-form: a reg-name, IPv4 address or IP-literal, a colon, a port. */
const AUTHORITY = /^((?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+|\[[0-9A-Fa-f:.]+\]):\d+$/
/**
 * RFC 9110 §7.2 Host = uri-host [ ":" port ]: a reg-name, IPv4 or IP-literal; empty only as a
 * whole (RFC 9112 §3.2: for a target without authority), since an "http" URI with an empty host
 * is invalid (RFC 9110 §4.2.1).
 */
const HOST = /^$|^((?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+|\[[0-9A-Fa-f:.]+\])(:\d*)?$/

/**
 * Every documented class, in the order they are tried.
 *
 * @example
 * ```ts
 * const cls = DISAGREEMENT_CLASSES.find((c) => c.matches(facts))
 * ```
 */
export const DISAGREEMENT_CLASSES: readonly DisagreementClass[] = [
  {
    id: 'status-choice',
    side: 'both reject',
    rule: "RFC 9110 §15: touche answers its parse error's own status (414, 431, 501, 505); node:http answers 400, or 431 for a head over its size limit",
    matches: (f) => f.touche.verdict.startsWith('rejects') && f.node.verdict.startsWith('rejects'),
  },
  {
    id: 'asterisk-form',
    side: 'touche stricter',
    rule: 'RFC 9112 §3.2.4: the asterisk-form is only for OPTIONS',
    matches: (f) =>
      toucheRejects(f, 'target') && f.req.target === '*' && f.req.method !== 'OPTIONS',
  },
  {
    id: 'connect-authority-form',
    side: 'touche stricter',
    rule: 'RFC 9112 §3.2.3: CONNECT takes the authority-form host:port, and only CONNECT does',
    matches: (f) =>
      toucheRejects(f, 'target') && (f.req.method === 'CONNECT') !== AUTHORITY.test(f.req.target),
  },
  {
    id: 'request-line-syntax',
    side: 'touche stricter',
    rule: 'RFC 9112 §3 and §3.2, RFC 3986 §2: one SP on each side of the target, only URI characters, well-formed %HH, no fragment, origin- or absolute-form',
    matches: (f) =>
      (toucheRejects(f, 'target') || toucheRejects(f, 'version')) &&
      (f.req.requestLine.includes('  ') ||
        !TARGET.test(f.req.target) ||
        /%(?![0-9A-Fa-f]{2})/.test(f.req.target) ||
        !/^(\/|[A-Za-z][A-Za-z0-9+.-]*:)/.test(f.req.target)),
  },
  {
    id: 'host',
    side: 'touche stricter',
    rule: 'RFC 9112 §3.2: an HTTP/1.1 request with no Host, several, or an invalid one MUST get 400',
    matches: (f) => {
      if (!toucheRejects(f, 'host')) return false
      const hosts = fieldValues(f.req, 'host')
      return hosts.length !== 1 || !HOST.test(hosts[0]!)
    },
  },
  {
    id: 'transfer-encoding',
    side: 'touche stricter',
    rule: 'RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 MUST be treated as faulty framing; an empty value names no coding',
    matches: (f) =>
      toucheRejects(f, 'transfer-encoding') &&
      (f.req.version === 'HTTP/1.0' ||
        fieldValues(f.req, 'transfer-encoding').some((v) => v === '')),
  },
  {
    id: 'content-length-with-transfer-encoding',
    side: 'touche stricter',
    rule: 'RFC 9112 §6.1: a request with both Content-Length and Transfer-Encoding MAY be rejected, and touche rejects it (the shape of request smuggling)',
    matches: (f) =>
      toucheRejects(f, 'content-length') &&
      fieldValues(f.req, 'content-length').length > 0 &&
      fieldValues(f.req, 'transfer-encoding').length > 0,
  },
  {
    id: 'leading-empty-lines',
    side: 'touche stricter',
    rule: 'RFC 9112 §2.2: a server SHOULD ignore at least one empty line (CRLF) before the request line; touche ignores exactly one, and a bare CR or LF there is no empty line',
    matches: (f) =>
      (toucheRejects(f, 'method') || toucheRejects(f, 'line-ending')) &&
      /^[\r\n]/.test(f.req.raw) &&
      !/^\r\n[^\r\n]/.test(f.req.raw),
  },
  {
    id: 'http-version',
    side: 'touche stricter',
    rule: 'RFC 9112 §2.3 and §3: request-line = method SP request-target SP HTTP-version, and only HTTP/1.x is HTTP/1 (llhttp reads a line without a version as HTTP/0.9)',
    matches: (f) =>
      toucheRejects(f, 'version') &&
      (f.req.requestLine.split(' ').length < 3 || !/^HTTP\/1\.\d$/.test(f.req.version)),
  },
  {
    id: 'upgrade-framing',
    side: 'touche stricter',
    rule: 'RFC 9112 §6 holds for a request that asks to upgrade too; node:http hands such a request to its upgrade listener without checking its framing or reading its body',
    matches: (f) =>
      f.touche.verdict.startsWith('rejects') &&
      f.node.verdict === 'accepts' &&
      (f.frame.kind === 'bad-body' ||
        (f.frame.kind === 'bad-head' &&
          ['transfer-encoding', 'unsupported-transfer-coding', 'content-length'].includes(
            f.frame.error.kind
          ))) &&
      fieldValues(f.req, 'upgrade').length > 0,
  },
  {
    id: 'chunk-extension-syntax',
    side: 'touche stricter',
    rule: 'RFC 9112 §7.1.1: chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ), the name a token',
    matches: (f) => toucheRejects(f, 'chunk-extension'),
  },
  {
    id: 'header-count-limit',
    side: 'touche stricter',
    rule: 'A limit, not a rule: maxHeaders is 2,000 field lines (node:http keeps 2,000 and drops the rest); 431 per RFC 6585 §5',
    matches: (f) => toucheRejects(f, 'too-many-headers') && f.req.fieldLines.length > 2000,
  },
  {
    id: 'head-size-limit',
    side: 'touche stricter',
    rule: 'A limit, not a rule: maxHeadBytes is 16 KiB for the whole head, request line and line ends included; node:http counts its 16 KiB differently; 431 per RFC 6585 §5',
    matches: (f) => toucheRejects(f, 'head-too-large') && f.req.raw.indexOf('\r\n\r\n') + 4 > 16384,
  },
  {
    id: 'request-line-limit',
    side: 'touche stricter',
    rule: 'A limit, not a rule: maxRequestLineBytes is 8 KiB (node:http limits only the whole head); 414 per RFC 9110 §15.5.15',
    matches: (f) => toucheRejects(f, 'target-too-long') && f.req.requestLine.length + 2 > 8192,
  },
  {
    id: 'extension-method',
    side: 'node stricter',
    rule: 'RFC 9110 §9.1: a method is any token; llhttp knows a fixed list',
    matches: (f) => nodeOnlyRejects(f) && !KNOWN_METHODS.has(f.req.method),
  },
  {
    id: 'absolute-form',
    side: 'node stricter',
    rule: 'RFC 9112 §3.2.2 and RFC 3986 §4.3: the absolute-form is any absolute-URI (`a:1` is scheme a, path 1)',
    matches: (f) => nodeOnlyRejects(f) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(f.req.target),
  },
  {
    id: 'higher-minor-version',
    side: 'node stricter',
    rule: 'RFC 9112 §2.3: a higher HTTP/1.x minor version is handled as the highest one supported',
    matches: (f) => nodeOnlyRejects(f) && /^HTTP\/1\.[2-9]$/.test(f.req.version),
  },
  {
    id: 'content-length-list',
    side: 'node stricter',
    rule: 'RFC 9110 §8.6: a list of identical Content-Length values, or identical repeated fields, MAY be accepted as that value',
    matches: (f) => {
      const values = fieldValues(f.req, 'content-length')
      return nodeOnlyRejects(f) && (values.length > 1 || values.some((v) => v.includes(',')))
    },
  },
  {
    id: 'empty-list-elements',
    side: 'node stricter',
    rule: 'RFC 9110 §5.6.1: a recipient MUST accept and ignore empty elements of a list field (`chunked,`)',
    matches: (f) =>
      nodeOnlyRejects(f) && f.req.fields.some(([, v]) => /(^\s*,|,\s*,|,\s*$)/.test(v)),
  },
  {
    id: 'framing-field-in-trailers',
    side: 'node stricter',
    rule: 'RFC 9110 §6.5.1: a framing field in a trailer section is not to be used for framing, but it need not be rejected; touche keeps trailers apart from the head',
    matches: (f) =>
      nodeOnlyRejects(f) &&
      /\r\n0+(;[^\r\n]*)?\r\n([^\r\n]*\r\n)*?(content-length|transfer-encoding)[ \t]*:/i.test(
        f.req.raw
      ),
  },
  {
    id: 'optional-whitespace',
    side: 'node stricter',
    rule: 'RFC 9110 §5.6.3 and RFC 9112 §7.1.1: OWS and BWS are SP or HTAB; llhttp refuses HTAB (and some SP) where the grammar allows it',
    matches: (f) => nodeOnlyRejects(f) && /[ \t]\r\n|;[ \t]|[ \t];|[ \t]=|=[ \t]/.test(f.req.raw),
  },
  {
    id: 'unknown-expectation',
    side: 'node stricter',
    rule: 'RFC 9110 §10.1.1: a server MAY answer 417 to an expectation other than 100-continue; touche ignores it',
    matches: (f) =>
      f.touche.verdict === 'accepts' &&
      f.node.verdict === 'rejects 417' &&
      fieldValues(f.req, 'expect').some((v) => v.toLowerCase() !== '100-continue'),
  },
  {
    id: 'connect-with-framing',
    side: 'policy',
    rule: 'RFC 9110 §9.3.6: a CONNECT request has no content; touche reads the body its framing fields declare, node:http starts the tunnel at the end of the head',
    matches: (f) =>
      f.req.method === 'CONNECT' &&
      (fieldValues(f.req, 'content-length').length > 0 ||
        fieldValues(f.req, 'transfer-encoding').length > 0),
  },
  {
    id: 'fin-inside-message',
    side: 'policy',
    rule: 'RFC 9112 §8: a message cut short by the end of the connection is incomplete; node:http answers 400, touche closes (or answers 400 when the body was being read)',
    matches: (f) => f.frame.kind === 'partial-head' || f.frame.kind === 'partial-body',
  },
  {
    id: 'upgrade-ignored',
    side: 'policy',
    rule: 'RFC 9110 §7.8: a server MAY ignore Upgrade; touche answers and keeps reading HTTP, node:http hands the connection over after the head (its body unread)',
    matches: (f) =>
      (f.key.startsWith('both accepts, sentinel') || f.key === 'both accept, body differs') &&
      fieldValues(f.req, 'upgrade').length > 0 &&
      fieldValues(f.req, 'connection').some((v) => /(^|,)\s*upgrade\s*(,|$)/i.test(v)),
  },
  {
    id: 'http10-keep-alive-no-content',
    side: 'policy',
    rule: 'RFC 9112 §9.3: an HTTP/1.0 connection persists only with keep-alive and a known length; touche counts the empty body of a 204 as known and keeps the connection, node:http closes it',
    matches: (f) =>
      f.key === 'both accepts, sentinel answered by touche only' &&
      f.req.version === 'HTTP/1.0' &&
      f.touche.status === 204,
  },
]

/**
 * The documented class of a disagreement, or null for a new one.
 *
 * @example
 * ```ts
 * const cls = classify(facts)
 * if (cls === null) report(facts)
 * ```
 */
export function classify(facts: Facts): DisagreementClass | null {
  return DISAGREEMENT_CLASSES.find((c) => c.matches(facts)) ?? null
}
