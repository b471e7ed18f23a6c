import { readSandboxEnv } from '../../src/sandbox';

describe('readSandboxEnv', () => {
  it('has defaults', () => {
    expect(readSandboxEnv({})).toEqual({ port: 3979, latencyMs: 0 });
    expect(readSandboxEnv({ SANDBOX_PORT: '', SANDBOX_TENANT: ' ' })).toEqual({ port: 3979, latencyMs: 0 });
  });

  it('reads every variable', () => {
    expect(
      readSandboxEnv({ SANDBOX_PORT: '4000', SANDBOX_LATENCY_MS: '250', SANDBOX_TENANT: 'tenants/a.json', SANDBOX_URL: 'https://sandbox.example:3979/' }),
    ).toEqual({
      port: 4000,
      latencyMs: 250,
      tenantPath: 'tenants/a.json',
      url: 'https://sandbox.example:3979',
    });
  });

  it.each([
    ['SANDBOX_PORT', 'abc', 'whole number from 0 to 65535'],
    ['SANDBOX_PORT', '70000', 'whole number from 0 to 65535'],
    ['SANDBOX_LATENCY_MS', '-5', 'whole number from 0 to 60000'],
    ['SANDBOX_LATENCY_MS', '1.5', 'whole number'],
    ['SANDBOX_URL', 'localhost:3979', 'http:// or https:// URL'],
  ])('rejects %s=%s naming the variable and what it accepts', (name, value, accepted) => {
    expect(() => readSandboxEnv({ [name]: value })).toThrow(name);
    expect(() => readSandboxEnv({ [name]: value })).toThrow(accepted);
  });
});
