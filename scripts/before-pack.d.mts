// Types for before-pack.mjs (electron-builder's beforePack hook).
export default function beforePack(context: { electronPlatformName: string; arch: number; packager?: { info?: { framework?: { version?: string } } } }): Promise<void>;
