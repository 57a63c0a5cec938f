// HTTPS with a self-signed certificate for localhost. EXAMPLE ONLY: the key and certificate are
// made with openssl on first run in a temporary directory and trusted by nobody (curl -k).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Response } from '@touche/server'
import { serveExample } from './cli-args.js'

function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = join(tmpdir(), 'touche-example-tls')
  const key = join(dir, 'localhost-key.pem')
  const cert = join(dir, 'localhost-cert.pem')
  if (!existsSync(key) || !existsSync(cert)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', key, '-out', cert, '-days', '30', '-subj', '/CN=localhost'],
        ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1'],
      ],
      { stdio: 'ignore' }
    )
  }
  return { key: readFileSync(key), cert: readFileSync(cert) }
}

await serveExample(
  () => Response.builder().header('content-type', 'text/plain').body('Hello over TLS\n'),
  { tls: selfSigned() }
)
