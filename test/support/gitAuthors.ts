// The people who commit in the scanner's test repositories (example.invalid addresses only).
export const alice = { name: 'Alice Example', email: 'alice@example.invalid' }
export const bob = { name: 'Bob Example', email: 'bob@example.invalid' }
export const carol = { name: 'Carol Example', email: 'carol@example.invalid' }
