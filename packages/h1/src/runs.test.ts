import fc from 'fast-check'
import { ByteRuns } from './runs.js'

/** The byte-at-a-time definitions the word-at-a-time scans must match. */
function controlEndRef(buf: Uint8Array, p: number, end: number): number {
  for (; p < end; p++) if ((buf[p]! < 0x20 && buf[p] !== 0x09) || buf[p] === 0x7f) return p
  return end
}

function visibleEndRef(buf: Uint8Array, p: number, end: number): number {
  for (; p < end; p++) if (buf[p]! <= 0x20 || buf[p]! >= 0x7f) return p
  return end
}

/** Bytes that are mostly ordinary, with the interesting ones sprinkled in. */
const byte = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0x21, max: 0x7e }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      0x00,
      0x09,
      0x0a,
      0x0d,
      0x1f,
      0x20,
      0x7f,
      0x80,
      0x9f,
      0xa0,
      0xe9,
      0xff
    ),
  }
)

describe('ByteRuns', () => {
  test('controlEnd and visibleEnd match the byte-by-byte definitions at any offset', () => {
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 400, size: 'max' }),
        fc.nat(7),
        fc.nat(),
        fc.nat(),
        (values, offset, a, b) => {
          // An offset into a larger buffer, so that word alignment varies.
          const backing = new Uint8Array(values.length + 8)
          const buf = backing.subarray(offset, offset + values.length)
          buf.set(values)
          const start = values.length === 0 ? 0 : a % values.length
          const end = start + (values.length === 0 ? 0 : b % (values.length - start + 1))
          const runs = new ByteRuns()
          runs.bind(buf)
          expect(runs.controlEnd(buf, start, end)).toBe(controlEndRef(buf, start, end))
          expect(runs.visibleEnd(buf, start, end)).toBe(visibleEndRef(buf, start, end))
          runs.release()
        }
      ),
      { numRuns: 3000 }
    )
  })

  test('ascii tells whether a control run went over obs-text', () => {
    const runs = new ByteRuns()
    for (const high of [0x80, 0x9f, 0xa0, 0xe9, 0xfe, 0xff]) {
      for (let at = 0; at < 200; at += 7) {
        const buf = new Uint8Array(256).fill(0x61)
        buf[at] = high
        runs.bind(buf)
        expect([high, at, runs.controlEnd(buf, 0, 256)]).toEqual([high, at, 256])
        expect([high, at, runs.ascii]).toEqual([high, at, false])
        runs.release()
      }
    }
    const plain = new Uint8Array(256).fill(0x61)
    runs.bind(plain)
    runs.controlEnd(plain, 0, 256)
    expect(runs.ascii).toBe(true)
  })

  test('works without word access after release', () => {
    const runs = new ByteRuns()
    const buf = new Uint8Array(300).fill(0x61)
    buf[250] = 0x0d
    runs.bind(buf)
    runs.release()
    expect(runs.controlEnd(buf, 0, 300)).toBe(250)
  })
})
