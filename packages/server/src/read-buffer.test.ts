import { ReadBuffer } from './read-buffer.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)
const text = (b: Uint8Array): string => new TextDecoder().decode(b)

describe('ReadBuffer', () => {
  it('adopts a chunk on an empty buffer without copying (as a plain view)', () => {
    const rb = new ReadBuffer()
    const chunk = bytes('GET / HTTP/1.1\r\n')
    rb.append(chunk)
    expect(rb.view()).toBe(chunk)
    const buf = Buffer.from('x')
    rb.consume(rb.length)
    rb.append(buf)
    expect(rb.view().constructor).toBe(Uint8Array)
  })

  it('reads a whole adopted Buffer as is, but cuts views of it as plain Uint8Arrays', () => {
    const rb = new ReadBuffer()
    const buf = Buffer.from('GET / HTTP/1.1\r\n\r\nrest')
    rb.append(buf)
    expect(rb.readView()).toBe(buf)
    rb.consume(18)
    const rest = rb.readView()
    expect(rest.constructor).toBe(Uint8Array)
    expect(text(rest)).toBe('rest')
    expect(text(rb.take())).toBe('rest')
  })

  it('joins partial input in order', () => {
    const rb = new ReadBuffer()
    rb.append(bytes('GET / '))
    rb.append(bytes('HTTP/1.1'))
    rb.append(bytes('\r\n'))
    expect(text(rb.view())).toBe('GET / HTTP/1.1\r\n')
    expect(rb.length).toBe(16)
  })

  it('consumes from the front and empties', () => {
    const rb = new ReadBuffer()
    rb.append(bytes('abcdef'))
    rb.consume(2)
    expect(text(rb.view())).toBe('cdef')
    rb.consume(4)
    expect(rb.length).toBe(0)
    expect(rb.view().length).toBe(0)
  })

  it('never writes into a buffer whose views were handed out', () => {
    const rb = new ReadBuffer()
    rb.append(bytes('ab'))
    rb.append(bytes('cd'))
    const view = rb.view().subarray(0, 4)
    rb.markShared()
    rb.consume(2)
    rb.append(bytes('XY'))
    expect(text(view)).toBe('abcd')
    expect(text(rb.view())).toBe('cdXY')
  })

  it('never writes into an adopted socket chunk', () => {
    const rb = new ReadBuffer()
    const chunk = bytes('abc')
    rb.append(chunk)
    rb.consume(1)
    rb.append(bytes('d'))
    expect(text(chunk)).toBe('abc')
    expect(text(rb.view())).toBe('bcd')
  })

  it('grows in place for byte-at-a-time input', () => {
    const rb = new ReadBuffer()
    const input = 'x'.repeat(10_000)
    for (const ch of input) rb.append(bytes(ch))
    expect(text(rb.view())).toBe(input)
  })

  it('take returns and clears the rest', () => {
    const rb = new ReadBuffer()
    rb.append(bytes('head|rest'))
    rb.consume(5)
    expect(text(rb.take())).toBe('rest')
    expect(rb.length).toBe(0)
  })

  describe('transient chunks', () => {
    it('are parsed in place but copied when a view is handed out', () => {
      const rb = new ReadBuffer()
      const chunk = bytes('GET / HTTP/1.1\r\n\r\nbody')
      rb.append(chunk, true)
      expect(rb.readView()).toBe(chunk)
      rb.consume(18)
      const parseView = rb.readView()
      expect(parseView.buffer).toBe(chunk.buffer)
      const kept = rb.view()
      chunk.fill(0x21)
      expect(text(kept)).toBe('body')
    })

    it('keep what is left after settle, whatever the memory is overwritten with', () => {
      const rb = new ReadBuffer()
      const chunk = bytes('GET /a HTTP/1.1\r\nHo')
      rb.append(chunk, true)
      rb.consume(4)
      rb.settle()
      chunk.fill(0x21)
      rb.append(bytes('st: x\r\n\r\n'))
      expect(text(rb.view())).toBe('/a HTTP/1.1\r\nHost: x\r\n\r\n')
    })

    it('settle is a no-op once consumed, and take copies', () => {
      const rb = new ReadBuffer()
      const chunk = bytes('abc')
      rb.append(chunk, true)
      rb.consume(3)
      rb.settle()
      expect(rb.length).toBe(0)
      rb.append(chunk, true)
      const taken = rb.take()
      chunk.fill(0x21)
      expect(text(taken)).toBe('abc')
    })
  })

  describe('readText', () => {
    it('decodes the rest of a buffer once for its second and later heads', () => {
      const rb = new ReadBuffer()
      rb.append(bytes('GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3'))
      expect(rb.readText()).toBeUndefined()
      rb.consume(19)
      const second = rb.readText()
      expect(second).toBe('GET /2 HTTP/1.1\r\n\r\nGET /3')
      rb.consume(19)
      expect(rb.readText()).toBe('GET /3')
      rb.append(bytes(' HTTP/1.1\r\n\r\n'))
      expect(rb.readText()).toBeUndefined()
    })

    it('gives nothing when the bytes do not decode one char per byte', () => {
      const rb = new ReadBuffer()
      rb.append(new Uint8Array([0x41, 0x42, 0xc3, 0xa9, 0x43]))
      rb.consume(1)
      expect(rb.readText()).toBeUndefined()
      rb.consume(1)
      expect(rb.readText()).toBeUndefined()
    })
  })
})
