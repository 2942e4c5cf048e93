// Types for electron-sqlite.mjs (used by the packaging tests).
export declare const root: string;
export declare function electronVersion(base?: string): string;
export declare function electronSqlitePath(platform?: string, arch?: string, base?: string): string;
export declare function builtForAbi(file: string, abi: number | string): boolean;
export declare function ensureElectronSqlite(options?: {
  electron?: string;
  platform?: string;
  arch?: string;
  base?: string;
  log?: (line: string) => void;
}): Promise<string>;
