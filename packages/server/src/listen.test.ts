import { parseAddr, supportsReusePort } from './listen.js'

describe('parseAddr', () => {
  it.each([
    ['0.0.0.0:4444', { host: '0.0.0.0', port: 4444 }],
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
    ['localhost:80', { host: 'localhost', port: 80 }],
    ['[::1]:8080', { host: '::1', port: 8080 }],
    [':8080', { host: undefined, port: 8080 }],
    ['8080', { host: undefined, port: 8080 }],
    [3000, { host: undefined, port: 3000 }],
  ])('parses %j', (addr, expected) => {
    expect(parseAddr(addr)).toEqual(expected)
  })

  it.each(['', 'host', 'host:', 'host:99999', '::1:80', 'a:b', -1, 1.5])('rejects %j', (addr) => {
    expect(() => parseAddr(addr)).toThrow(TypeError)
  })
})

describe('supportsReusePort', () => {
  it.each([
    ['20.19.0', 'linux', false],
    ['22.11.0', 'linux', false],
    ['22.12.0', 'linux', true],
    ['23.0.0', 'linux', false],
    ['23.1.0', 'linux', true],
    ['24.0.0', 'linux', true],
    ['26.1.0', 'freebsd', true],
    ['26.1.0', 'darwin', false],
    ['26.1.0', 'win32', false],
  ])('Node %s on %s: %s', (version, platform, expected) => {
    expect(supportsReusePort(version, platform)).toBe(expected)
  })
})
