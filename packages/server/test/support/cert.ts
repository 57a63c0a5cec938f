import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A throwaway self-signed certificate for `localhost`, 127.0.0.1 and ::1 (P-256, valid until
 * 2126), committed as a test fixture as ws does: TLS tests then need nothing but Node. Its key is
 * public and must never protect anything.
 */
export function testCertificate(): { key: string; cert: string } {
  const dir = join(__dirname, '..', 'fixtures')
  return {
    key: readFileSync(join(dir, 'localhost-key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'localhost-cert.pem'), 'utf8'),
  }
}
