import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An RSA signing key with its JWKS key id. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function createSigningKey(kid = `test-key-${randomUUID()}`): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** Signs an RS256 JWT with `key` (node:crypto only). */
export function signJwt(key: SigningKey, claims: Record<string, unknown>, kid: string = key.kid): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = b64url(JSON.stringify(claims));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${signer.sign(key.privateKey).toString('base64url')}`;
}

/**
 * A stand-in for the Bot Framework token service on loopback: OpenID metadata,
 * its JWKS (the published keys), and tokens the channel would send.
 */
export class TokenIssuer {
  readonly issuer = 'https://api.botframework.test';
  readonly key = createSigningKey();
  private server: http.Server | null = null;
  url = '';
  metadataRequests = 0;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      if (req.url === '/.well-known/openid-configuration') {
        this.metadataRequests += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ issuer: this.issuer, jwks_uri: `${this.url}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
        return;
      }
      if (req.url === '/keys') {
        const jwk = this.key.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: this.key.kid, n: jwk.n, e: jwk.e }] }));
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** botbuilder authentication settings that trust this issuer for channel tokens. */
  authSettings(): Record<string, string> {
    return {
      ToBotFromChannelOpenIdMetadataUrl: `${this.url}/.well-known/openid-configuration`,
      ToBotFromChannelTokenIssuer: this.issuer,
      ToBotFromEmulatorOpenIdMetadataUrl: `${this.url}/.well-known/openid-configuration`,
    };
  }

  /** A channel token for `appId` and `serviceUrl`, valid for an hour unless `claims` say otherwise. */
  channelToken(appId: string, serviceUrl: string, claims: Record<string, unknown> = {}, key: SigningKey = this.key): string {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(key, { iss: this.issuer, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims });
  }
}
