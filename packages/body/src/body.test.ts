import { Readable } from 'node:stream'
import { ReadableStream } from 'node:stream/web'
import { mkdtemp, writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Body } from './body.js'
import { ChunkQueue } from './body-queue.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

function webStream(chunks: string[]): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(c) {
      const next = chunks[i++]
      if (next === undefined) c.close()
      else c.enqueue(bytes(next))
    },
  })
}

async function* generate(chunks: string[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield bytes(c)
}

describe('Body', () => {
  it.each([
    ['empty', () => Body.empty(), ''],
    ['null', () => Body.from(null), ''],
    ['string', () => Body.from('héllo'), 'héllo'],
    ['bytes', () => Body.from(bytes('abc')), 'abc'],
    ['web stream', () => Body.from(webStream(['a', 'b', 'c'])), 'abc'],
    ['async iterable', () => Body.from(generate(['x', 'y'])), 'xy'],
    ['node Readable', () => Body.from(Readable.from([bytes('r1'), bytes('r2')])), 'r1r2'],
  ])('reads a %s body as text', async (_name, make, expected) => {
    expect(await make().text()).toBe(expected)
  })

  it('knows the length of fixed bodies only', () => {
    expect(Body.from('héllo').length).toBe(6)
    expect(Body.from(bytes('abc')).sizeHint()).toEqual({ lower: 3, upper: 3 })
    expect(Body.from(generate([])).sizeHint()).toEqual({ lower: 0, upper: undefined })
    expect(Body.from(generate([]), { length: 10 }).length).toBe(10)
    expect(Body.empty().length).toBe(0)
  })

  it('streams any body as a WHATWG stream', async () => {
    const chunks: string[] = []
    const stream = Body.from(generate(['a', 'b'])).stream()
    for await (const chunk of stream) chunks.push(new TextDecoder().decode(chunk))
    expect(chunks).toEqual(['a', 'b'])
  })

  it('accepts a stream-like object that is not a ReadableStream instance', async () => {
    let done = false
    const like = {
      getReader: () => ({
        read: async () => {
          if (done) return { done: true }
          done = true
          return { done: false, value: bytes('like') }
        },
        cancel: async () => undefined,
      }),
    }
    expect(await Body.from(like).text()).toBe('like')
  })

  it('takes the source of an unread stream of its own, which then cannot be read', async () => {
    const [sender, original] = Body.channel()
    void sender.send('abc')
    sender.close()
    const stream = Body.from(original, { length: 3 }).stream()
    const moved = Body.from(stream)
    expect(moved.length).toBe(3)
    expect(await moved.text()).toBe('abc')
    await expect(stream.getReader().read()).rejects.toThrow(/moved/)
  })

  it('reads a stream of its own that was read from as a stream', async () => {
    const [sender, original] = Body.channel()
    void sender.send('abc')
    void sender.send('def')
    sender.close()
    const stream = original.stream()
    const reader = stream.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('abc')
    reader.releaseLock()
    expect(await Body.from(stream).text()).toBe('def')
  })

  it('parses json', async () => {
    expect(await Body.from('{"a":[1]}').json()).toEqual({ a: [1] })
  })

  it('can be read once', async () => {
    const body = Body.from(generate(['a']))
    await body.text()
    expect(body.bodyUsed).toBe(true)
    expect(() => body.stream()).toThrow(TypeError)
  })

  it('iterates chunks with for await', async () => {
    const out: string[] = []
    for await (const c of Body.from(generate(['1', '2', '3'])))
      out.push(new TextDecoder().decode(c))
    expect(out).toEqual(['1', '2', '3'])
  })

  it('reports trailers from the trailers option', async () => {
    const { HeaderMap } = await import('@touche/http-types')
    const t = new HeaderMap()
    t.append('x-sum', '42')
    const body = Body.from(generate(['a']), { trailers: () => t })
    await body.text()
    expect((await body.trailers())?.get('x-sum')).toBe('42')
    expect(await Body.from('x').trailers()).toBeNull()
  })

  it('reads a file with its length known', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'touche-body-'))
    try {
      const path = join(dir, 'f.txt')
      await writeFile(path, 'file contents')
      const body = await Body.file(path)
      expect(body.length).toBe(13)
      expect(await body.text()).toBe('file contents')
    } finally {
      await rm(dir, { recursive: true })
    }
  })
})

describe('Body.channel', () => {
  it('delivers sent chunks and trailers in order', async () => {
    const { HeaderMap } = await import('@touche/http-types')
    const [sender, body] = Body.channel()
    const t = new HeaderMap()
    t.append('x-done', 'yes')
    const produced = (async () => {
      await sender.send('a')
      await sender.send(bytes('b'))
      sender.sendTrailers(t)
    })()
    expect(await body.text()).toBe('ab')
    expect((await body.trailers())?.get('x-done')).toBe('yes')
    await produced
  })

  it('send waits for room when the reader is slow', async () => {
    const [sender, body] = Body.channel({ highWaterMark: 4 })
    let resolved = false
    const p = sender.send('12345').then(() => (resolved = true))
    await Promise.resolve()
    await Promise.resolve()
    expect(resolved).toBe(false)
    const reader = body.stream().getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('12345')
    await p
    expect(resolved).toBe(true)
  })

  it('send rejects once the reader cancels', async () => {
    const [sender, body] = Body.channel({ highWaterMark: 1 })
    const pending = sender.send('xx')
    await body.stream().cancel('gone')
    await expect(pending).rejects.toMatchObject({ code: 'ERR_BODY_CANCELED', cause: 'gone' })
    await expect(sender.send('more')).rejects.toMatchObject({ code: 'ERR_BODY_CANCELED' })
  })

  it('settles every send made without awaiting the previous one', async () => {
    const [sender, body] = Body.channel({ highWaterMark: 1 })
    const first = sender.send('a')
    const second = sender.send('b')
    const third = sender.send('c')
    const reader = body.stream().getReader()
    const got: string[] = []
    for (let i = 0; i < 3; i++) got.push(new TextDecoder().decode((await reader.read()).value))
    expect(got).toEqual(['a', 'b', 'c'])
    await Promise.all([first, second, third])
  })

  it('settles pending sends when the sender closes, and rejects them when the reader cancels', async () => {
    const [closer, closed] = Body.channel({ highWaterMark: 1 })
    const pending = [closer.send('a'), closer.send('b')]
    closer.close()
    await Promise.all(pending)
    expect(await closed.text()).toBe('ab')

    const [sender, body] = Body.channel({ highWaterMark: 1 })
    const canceled = [sender.send('a'), sender.send('b')]
    await body.stream().cancel('gone')
    for (const p of canceled) {
      await expect(p).rejects.toMatchObject({ code: 'ERR_BODY_CANCELED', cause: 'gone' })
    }
  })

  it('abort errors the reader', async () => {
    const [sender, body] = Body.channel()
    sender.abort(new Error('boom'))
    await expect(body.text()).rejects.toThrow('boom')
  })
})

describe('ChunkQueue', () => {
  it('asks the producer for more when the reader waits and when it falls below the mark', async () => {
    const q = new ChunkQueue(4)
    const events: string[] = []
    q.setProducer({ onDemand: () => events.push('demand'), onCancel: () => events.push('cancel') })
    expect(q.push(bytes('ab'))).toBe(true)
    expect(q.push(bytes('cd'))).toBe(false)
    expect(q.tryRead()).toEqual(bytes('ab'))
    expect(events).toEqual(['demand'])
    await q.read()
    const pending = q.read()
    expect(events).toEqual(['demand', 'demand'])
    q.end(null)
    expect(await pending).toBeNull()
  })

  it('rejects trailers when the body fails', async () => {
    const q = new ChunkQueue(4)
    const t = q.trailers()
    q.fail(new Error('cut'))
    await expect(t).rejects.toThrow('cut')
  })
})
