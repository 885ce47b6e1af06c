// execa is ESM-only; a dynamic import keeps our CommonJS modules loadable everywhere (jest included).
let execaModule: Promise<typeof import("execa")> | undefined;

export const loadExeca = (): Promise<typeof import("execa")> => (execaModule ??= import("execa"));
