// A real Bluesky PDS (@atproto/pds) with an in-memory PLC directory (@did-plc/server), on 127.0.0.1 only.
//
//   PDS_PORT=2583 PLC_PORT=2582 PDS_DATA_DIRECTORY=/tmp/x node run-pds.mjs     (run from the install dir)
//
// Prints "READY <pds port>" when /xrpc/_health answers. Stops on SIGTERM/SIGINT.
import net from 'node:net'
import crypto from 'node:crypto'
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(path.join(process.env.PDS_INSTALL_DIR, 'package.json'))
const { PDS, envToCfg, envToSecrets, readEnv } = require('@atproto/pds')
const plc = require('@did-plc/server')

// PDS.start() and PlcServer.start() listen on every interface: bind loopback only.
const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1')
  return listen.apply(this, args)
}

const hex = () => crypto.randomBytes(32).toString('hex')
const plcPort = Number(process.env.PLC_PORT)
const pdsPort = Number(process.env.PDS_PORT)
const dataDir = process.env.PDS_DATA_DIRECTORY

const plcDb = plc.Database.mock()
const plcServer = plc.PlcServer.create({ db: plcDb, port: plcPort })
await plcServer.start()

Object.assign(process.env, {
  PDS_HOSTNAME: 'localhost',
  PDS_PORT: String(pdsPort),
  PDS_DEV_MODE: 'true',
  PDS_INVITE_REQUIRED: 'false',
  PDS_DID_PLC_URL: `http://localhost:${plcPort}`,
  PDS_BLOBSTORE_DISK_LOCATION: path.join(dataDir, 'blobs'),
  PDS_REPO_SIGNING_KEY_K256_PRIVATE_KEY_HEX: hex(),
  PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: hex(),
  PDS_DPOP_SECRET: hex(),
  PDS_JWT_SECRET: hex(),
  PDS_ADMIN_PASSWORD: 'admin-pass',
  PDS_CRAWLERS: '',
  LOG_ENABLED: 'false',
})
const env = readEnv()
const pds = await PDS.create(envToCfg(env), envToSecrets(env))
await pds.start()
console.log(`READY ${pdsPort}`)

const stop = async () => {
  await pds.destroy()
  await plcServer.destroy()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
