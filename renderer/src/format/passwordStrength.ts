// A rough strength hint for a new master password: length and variety, said in words. It guides; the
// real floor (8 characters) is the contract's.
export const MIN_MASTER_PASSWORD_LENGTH = 8

export interface PasswordStrength {
  level: 0 | 1 | 2 | 3 | 4
  label: string
  hint: string
}

export const estimatePasswordStrength = (password: string): PasswordStrength => {
  if (password.length === 0) {
    return {
      level: 0,
      label: '',
      hint: `At least ${MIN_MASTER_PASSWORD_LENGTH} characters. A few unrelated words work well.`,
    }
  }
  if (password.length < MIN_MASTER_PASSWORD_LENGTH) {
    const missing = MIN_MASTER_PASSWORD_LENGTH - password.length
    return {
      level: 1,
      label: 'Too short',
      hint: `${missing} more ${missing === 1 ? 'character' : 'characters'} needed.`,
    }
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length
  const repeated = /^(.)\1+$/.test(password) || /^(?:0123|1234|abcd|pass|qwer)/i.test(password)
  const score = password.length + classes * 3 - (repeated ? 10 : 0)
  if (score < 16) return { level: 2, label: 'Weak', hint: 'Longer is stronger: add a word or two.' }
  if (score < 24) return { level: 3, label: 'Fair', hint: 'Good. A few more characters make it strong.' }
  return { level: 4, label: 'Strong', hint: 'Strong. Keep it somewhere safe: it cannot be recovered.' }
}
