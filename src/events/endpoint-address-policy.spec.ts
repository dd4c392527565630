import { describe, expect, it } from 'vitest';
import { EndpointAddressPolicy, isRefusedAddress } from './endpoint-address-policy.js';

describe('isRefusedAddress', () => {
  it.each([
    '0.0.0.0',
    '0.1.2.3',
    '10.0.0.1',
    '10.255.255.255',
    '100.64.0.1',
    '100.127.255.254',
    '127.0.0.1',
    '127.1.2.3',
    '169.254.169.254',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '198.18.0.1',
    '198.19.255.255',
    '224.0.0.1',
    '239.255.255.250',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:192.168.0.1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isRefusedAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '198.20.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
  ])('allows %s', (address) => {
    expect(isRefusedAddress(address)).toBe(false);
  });
});

describe('EndpointAddressPolicy.checkUrl (save time)', () => {
  const enforced = new EndpointAddressPolicy(true);
  const open = new EndpointAddressPolicy(false);

  it.each([
    'http://hooks.example.com/x',
    'https://127.0.0.1/x',
    'https://10.0.0.1/x',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/x',
    'https://[::ffff:127.0.0.1]/x',
    'https://[fd00:ec2::254]/x',
    'https://0x7f000001/x',
    'https://2130706433/x',
    'https://localhost/x',
    'https://LOCALHOST./x',
    'https://api.localhost/x',
    'ftp://hooks.example.com/x',
  ])('in production refuses %s', (url) => {
    expect(enforced.checkUrl(url).ok).toBe(false);
  });

  it('in production accepts a public https URL, to be checked again after DNS at each delivery', () => {
    expect(enforced.checkUrl('https://hooks.example.com/forge?x=1')).toMatchObject({ ok: true });
  });

  it('outside production (or with EVENT_ENDPOINTS_ALLOW_PRIVATE) accepts http and private addresses, never other schemes', () => {
    expect(open.checkUrl('http://127.0.0.1:8080/x').ok).toBe(true);
    expect(open.checkUrl('file:///etc/passwd').ok).toBe(false);
  });
});
