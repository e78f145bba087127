import assert from "node:assert/strict";
import { privateAddressReason, privateHostReason } from "./_private_address.ts";

Deno.test("privateAddressReason() knows loopback, link-local, RFC 1918 and unique-local", () => {
  const privateOnes: [string, RegExp][] = [
    ["127.0.0.1", /loopback/],
    ["127.255.1.2", /loopback/],
    ["0.0.0.0", /unspecified/],
    ["169.254.169.254", /link-local/],
    ["10.1.2.3", /RFC 1918/],
    ["172.16.0.1", /RFC 1918/],
    ["172.31.255.255", /RFC 1918/],
    ["192.168.1.1", /RFC 1918/],
    ["::1", /loopback/],
    ["[::1]", /loopback/],
    ["::", /unspecified/],
    ["fe80::1", /link-local/],
    ["fc00::1", /unique-local/],
    ["fd12:3456:789a::1", /unique-local/],
    ["::ffff:127.0.0.1", /loopback/],
    ["::ffff:a9fe:a9fe", /link-local/],
    ["::ffff:10.0.0.1", /RFC 1918/],
  ];
  for (const [ip, reason] of privateOnes) {
    assert.match(privateAddressReason(ip) ?? "public", reason, ip);
  }
  for (
    const ip of ["8.8.8.8", "172.32.0.1", "172.15.0.1", "192.169.0.1", "2001:db8::1", "fec0::1"]
  ) {
    assert.equal(privateAddressReason(ip), null, ip);
  }
});

Deno.test("privateHostReason() checks names after resolving them", async (t) => {
  const dns: Record<string, string[]> = {
    "public.test": ["93.184.216.34", "2606:2800:220:1::1"],
    "rebind.test": ["93.184.216.34", "10.0.0.5"],
    "metadata.test": ["169.254.169.254"],
    "v6.test": ["fd00::5"],
  };
  const resolve = (host: string): Promise<string[]> => Promise.resolve(dns[host] ?? []);
  await t.step("a name with only public addresses passes", async () => {
    assert.equal(await privateHostReason(new URL("https://public.test/a"), resolve), null);
  });
  await t.step("any private address among the answers refuses the host", async () => {
    assert.match(
      (await privateHostReason(new URL("http://rebind.test/"), resolve))!,
      /rebind\.test resolves to 10\.0\.0\.5, a private \(RFC 1918\) address/,
    );
    assert.match(
      (await privateHostReason(new URL("http://metadata.test/"), resolve))!,
      /link-local/,
    );
    assert.match((await privateHostReason(new URL("http://v6.test/"), resolve))!, /unique-local/);
  });
  await t.step("literals, localhost and unresolvable names", async () => {
    assert.match(
      (await privateHostReason(new URL("http://127.0.0.1:8080/"), resolve))!,
      /loopback/,
    );
    assert.match((await privateHostReason(new URL("http://[::1]/"), resolve))!, /loopback/);
    assert.match((await privateHostReason(new URL("http://0x7f.1/"), resolve))!, /loopback/);
    assert.match((await privateHostReason(new URL("http://LOCALHOST./"), resolve))!, /loopback/);
    assert.match((await privateHostReason(new URL("http://db.localhost/"), resolve))!, /loopback/);
    assert.match((await privateHostReason(new URL("http://nowhere.test/"), resolve))!, /no DNS/);
    assert.equal(await privateHostReason(new URL("http://8.8.8.8/"), resolve), null);
  });
});
