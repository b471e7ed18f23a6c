import { readSandboxEnv } from '../../src/sandbox';

describe('readSandboxEnv', () => {
  it('has defaults', () => {
    expect(readSandboxEnv({})).toEqual({ port: 3979, latencyMs: 0, pageSize: 50, throttle: true });
    expect(readSandboxEnv({ SANDBOX_PORT: '', SANDBOX_TENANT: ' ' })).toEqual({ port: 3979, latencyMs: 0, pageSize: 50, throttle: true });
  });

  it('reads every variable', () => {
    const env = {
      SANDBOX_PORT: '4000',
      SANDBOX_LATENCY_MS: '250',
      SANDBOX_TENANT: 'tenants/a.json',
      SANDBOX_URL: 'https://sandbox.example:3979/',
      SANDBOX_PAGE_SIZE: '7',
      SANDBOX_THROTTLE: 'OFF',
    };
    expect(readSandboxEnv(env)).toEqual({
      port: 4000,
      latencyMs: 250,
      tenantPath: 'tenants/a.json',
      url: 'https://sandbox.example:3979',
      pageSize: 7,
      throttle: false,
    });
  });

  it.each([
    ['SANDBOX_PORT', 'abc', 'whole number from 0 to 65535'],
    ['SANDBOX_PORT', '70000', 'whole number from 0 to 65535'],
    ['SANDBOX_LATENCY_MS', '-5', 'whole number from 0 to 60000'],
    ['SANDBOX_LATENCY_MS', '1.5', 'whole number'],
    ['SANDBOX_URL', 'localhost:3979', 'http:// or https:// URL'],
    ['SANDBOX_PAGE_SIZE', '0', 'whole number from 1 to 1000'],
    ['SANDBOX_THROTTLE', 'maybe', 'on or off'],
  ])('rejects %s=%s naming the variable and what it accepts', (name, value, accepted) => {
    expect(() => readSandboxEnv({ [name]: value })).toThrow(name);
    expect(() => readSandboxEnv({ [name]: value })).toThrow(accepted);
  });
});
