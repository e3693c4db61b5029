// Types of the lint config's exports, for the test that reads its layer table.
export interface Layer {
  layer: string
  rooms: Record<string, string[]>
}
export const LAYERS: Layer[]
declare const config: { overrides: { files: string[]; rules: Record<string, unknown> }[] }
export default config
