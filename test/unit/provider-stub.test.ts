import * as pulumi from "@pulumi/pulumi";
import { factories } from "../../provider";
import { providerStub } from "../../sdk/provider-stub";

// The stub is written into state twice per resource: it must stay small and capture no code.
test.each(Object.keys(factories))("the %s stub serializes small and loads the implementation by package path", async (kind) => {
    const stub = providerStub(kind);
    const { text } = await pulumi.runtime.serializeFunction(() => stub);
    expect(text.length).toBeLessThan(2500);
    expect(text).toContain('require("pulumi-netns/provider")');
    expect(text).not.toMatch(/execa|zod|IpClient/);
});
