import { parseAddr } from './listen.js'

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
