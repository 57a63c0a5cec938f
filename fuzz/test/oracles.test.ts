import { concat, latin1 } from '../src/bytes.js'
import { checkCase } from '../src/check-case.js'
import type { Bounds } from '../src/check-case.js'
import { expectResponses } from '../src/model.js'
import type { ExpectedResponse } from '../src/model.js'
import { scriptedServer } from '../src/scripted-server.js'
import type { ScriptedReply, ScriptedServer } from '../src/scripted-server.js'

/**
 * The oracles against scripted servers: a correct one passes, and each kind of misbehaviour
 * fails the oracle meant to catch it. Without this, a harness that never fails would look clean.
 */
const BOUNDS: Bounds = { caseMs: 2_000, hangMs: 1_000, settleMs: 1_000 }
const INPUT = latin1(
  'GET /a HTTP/1.1\r\nHost: x\r\n\r\n' +
    'POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi' +
    'POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'
)

function response(r: ExpectedResponse, body = ''): string {
  const echo = r.echo === null ? '' : `x-echo: ${r.echo}\r\n`
  return `HTTP/1.1 ${r.status} X\r\n${echo}content-length: ${body.length}\r\n\r\n${body}`
}

/** The responses a correct server sends, as strings, for the script to rearrange. */
function correct(input: Uint8Array): string[] {
  return expectResponses(input).responses.map((r) => response(r))
}

let server: ScriptedServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function violations(script: (input: Uint8Array) => ScriptedReply): Promise<string[]> {
  server = await scriptedServer(script)
  const outcome = await checkCase(server.port, [INPUT], 'burst', BOUNDS)
  return outcome.violations.map((v) => v.kind)
}

const reply = (parts: string[], close = true): ScriptedReply => ({
  bytes: latin1(parts.join('')),
  close,
})

test('the model owes 200, 200 and 400 for the input', () => {
  expect(expectResponses(INPUT).responses.map((r) => [r.status, r.close])).toEqual([
    [200, 'no'],
    [200, 'no'],
    [400, 'must'],
  ])
})

test.each([
  ['a correct server', (i: Uint8Array) => reply(correct(i)), []],
  [
    'a lost response',
    (i: Uint8Array) => reply(correct(i).filter((_, n) => n !== 1)),
    ['wrong-response'],
  ],
  [
    'responses cut after the first',
    (i: Uint8Array) => reply(correct(i).slice(0, 1)),
    ['lost-response'],
  ],
  [
    'swapped responses',
    (i: Uint8Array) => reply([correct(i)[1]!, correct(i)[0]!, correct(i)[2]!]),
    ['wrong-response'],
  ],
  [
    '200 to the malformed request',
    (i: Uint8Array) =>
      reply([...correct(i).slice(0, 2), 'HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n']),
    ['wrong-status'],
  ],
  [
    'an extra response',
    (i: Uint8Array) => reply([...correct(i), correct(i)[0]!]),
    ['extra-response'],
  ],
  [
    'garbage after the responses',
    (i: Uint8Array) => reply([...correct(i), 'garbage\r\n\r\n']),
    ['malformed-response'],
  ],
  [
    'an HTTP/1.0 status line',
    (i: Uint8Array) => reply([correct(i)[0]!.replace('HTTP/1.1', 'HTTP/1.0')]),
    ['lost-response', 'malformed-response'],
  ],
  [
    'a body cut short',
    (i: Uint8Array) =>
      reply([...correct(i).slice(0, 2), 'HTTP/1.1 400 X\r\ncontent-length: 9\r\n\r\nabc']),
    ['lost-response', 'truncated-response'],
  ],
  ['a connection never closed', (i: Uint8Array) => reply(correct(i), false), ['no-close']],
] as const)('%s', async (_name, script, kinds) => {
  expect(await violations(script)).toEqual(kinds)
})

test('a response owed to HEAD is read without a body', async () => {
  const input = latin1('HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n')
  const [owed] = expectResponses(input).responses
  server = await scriptedServer(() => ({
    bytes: latin1(response(owed!).replace('content-length: 0', 'content-length: 5')),
    close: true,
  }))
  const outcome = await checkCase(server.port, [concat([input])], 'burst', BOUNDS)
  expect(outcome.violations).toEqual([])
})
