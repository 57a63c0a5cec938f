// HTTPS with a self-signed certificate for localhost. EXAMPLE ONLY: the key and certificate in
// examples/certs are a public throwaway pair, trusted by nobody (use curl -k, or --cacert with
// the certificate); never use them for anything real.
import { readFileSync } from 'node:fs'
import { Response } from '@touche/touche'
import { serveExample } from './cli-args.js'

const certs = new URL('../certs/', import.meta.url)
const key = readFileSync(new URL('localhost-key.pem', certs))
const cert = readFileSync(new URL('localhost-cert.pem', certs))

await serveExample(
  () => Response.builder().header('content-type', 'text/plain').body('Hello over TLS\n'),
  { tls: { key, cert } }
)
