import { Decoder } from '@touche/h1'
import { IncomingBody } from './incoming-body.js'
import type { IncomingHooks } from './incoming-body.js'

const hooks: IncomingHooks = { onBodyDemand: () => undefined, onBodyCanceled: () => undefined }

function bytes(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'))
}

/** Every chunk queued so far. */
function queued(body: IncomingBody): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let c = body.queue.tryRead(); c instanceof Uint8Array; c = body.queue.tryRead()) out.push(c)
  return out
}

describe('IncomingBody', () => {
  it('says how much of a large rest is to come, and nothing once the body is complete', () => {
    const length = new IncomingBody(Decoder.length(100_000), 65536, hooks)
    expect(length.largeRest).toBe(100_000)
    length.feed(new Uint8Array(90_000))
    expect(length.largeRest).toBe(0) // 10,000 bytes: read into the shared buffer

    const chunked = new IncomingBody(Decoder.chunked(), 65536, hooks)
    expect(chunked.largeRest).toBe(Infinity)
    chunked.feed(bytes('3\r\nabc\r\n0\r\n\r\n'))
    expect(chunked.isDone).toBe(true)
    expect(chunked.largeRest).toBe(0)
  })

  it('hands a piece over as a view only when nothing else in the bytes fed is kept', () => {
    // One piece that is all of the input: the input's own memory.
    const whole = new IncomingBody(Decoder.length(4), 65536, hooks)
    const input = bytes('abcd')
    whole.feed(input)
    expect(queued(whole)[0]!.buffer).toBe(input.buffer)

    // The body ends before the input does (a pipelined request follows): a copy.
    const first = new IncomingBody(Decoder.length(4), 65536, hooks)
    const pipelined = bytes('abcdGET / HTTP/1.1\r\n\r\n')
    expect(first.feed(pipelined)).toBe(4)
    const [piece] = queued(first)
    expect(Buffer.from(piece!).toString()).toBe('abcd')
    expect(piece!.buffer).not.toBe(pipelined.buffer)

    // Several chunks in one input: each a copy, so transferring one takes no other's bytes.
    const chunked = new IncomingBody(Decoder.chunked(), 65536, hooks)
    const two = bytes('3\r\nabc\r\n2\r\nde\r\n')
    chunked.feed(two)
    const pieces = queued(chunked)
    expect(pieces.map((p) => Buffer.from(p).toString())).toEqual(['abc', 'de'])
    for (const p of pieces) expect(p.buffer).not.toBe(two.buffer)
  })
})
