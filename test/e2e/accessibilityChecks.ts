// The page's serious accessibility faults, found in the page itself: text under 4.5:1 (3:1 when large)
// against what is painted behind it, a control inside another control, aria-controls or
// aria-labelledby naming nothing, no h1 or more than one, landmarks of one kind sharing a name.
// Each fault names the element and the numbers, so a failure says what to fix.
import type { Page } from '@playwright/test'

export const accessibilityProblems = (page: Page): Promise<string[]> =>
  page.locator('body').evaluate((body) => {
    const document = body.ownerDocument
    const window = document.defaultView!
    const all = (selector: string, root: { querySelectorAll: typeof document.querySelectorAll } = document) => [
      ...root.querySelectorAll(selector),
    ]
    // The tests compile without the DOM library, so an element here is typed loosely (any); null ends a walk.
    type AnyElement = ReturnType<typeof all>[number]
    const problems: string[] = []
    const describe = (element: AnyElement): string => {
      const label =
        element.getAttribute('aria-label') ?? (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList].map((name) => `.${name}`).join('')} "${label}"`
    }
    const isShown = (element: AnyElement): boolean => {
      const rect = element.getBoundingClientRect()
      if (rect.width <= 1 || rect.height <= 1) return false
      for (let node: AnyElement = element; node; node = node.parentElement) {
        const style = window.getComputedStyle(node)
        if (style.display === 'none' || style.visibility === 'hidden' || style.clipPath === 'inset(50%)') return false
      }
      return true
    }

    // Colours as [r, g, b, a], composited the way the page paints them.
    const parse = (colour: string): [number, number, number, number] | null => {
      const match = colour.match(/rgba?\(([^)]+)\)/)
      if (!match) return null
      const parts = match[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number)
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1]
    }
    const over = (
      top: [number, number, number, number],
      bottom: [number, number, number, number],
    ): [number, number, number, number] => {
      const alpha = top[3] + bottom[3] * (1 - top[3])
      if (alpha === 0) return [0, 0, 0, 0]
      const mix = (index: number) => (top[index]! * top[3] + bottom[index]! * bottom[3] * (1 - top[3])) / alpha
      return [mix(0), mix(1), mix(2), alpha]
    }
    const luminance = ([red, green, blue]: number[]): number => {
      const channel = (value: number) => {
        const scaled = value / 255
        return scaled <= 0.03928 ? scaled / 12.92 : ((scaled + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * channel(red!) + 0.7152 * channel(green!) + 0.0722 * channel(blue!)
    }
    const contrast = (first: number[], second: number[]): number => {
      const [light, dark] = [luminance(first), luminance(second)].sort((left, right) => right - left)
      return (light! + 0.05) / (dark! + 0.05)
    }
    const hex = (colour: number[]) =>
      `#${colour
        .slice(0, 3)
        .map((value) => Math.round(value).toString(16).padStart(2, '0'))
        .join('')}`
    /** The colour behind an element: its own background and its ancestors', composited down to the page's. */
    const backgroundOf = (element: AnyElement): [number, number, number, number] | 'image' => {
      const layers: [number, number, number, number][] = []
      for (let node: AnyElement = element; node; node = node.parentElement) {
        const style = window.getComputedStyle(node)
        if (style.backgroundImage !== 'none') return 'image'
        const colour = parse(style.backgroundColor)
        if (colour && colour[3] > 0) {
          layers.push(colour)
          if (colour[3] >= 1) break
        }
      }
      let result: [number, number, number, number] = [255, 255, 255, 1]
      const canvas = parse(window.getComputedStyle(document.documentElement).backgroundColor)
      if (canvas && canvas[3] > 0) result = over(canvas, result)
      for (const layer of layers.reverse()) result = over(layer, result)
      return result
    }

    // Contrast of every piece of text shown (disabled controls are exempt, as in WCAG 1.4.3).
    for (const element of all('body *')) {
      const ownText = [...element.childNodes].some(
        (node) => node.nodeType === 3 && (node.textContent ?? '').trim() !== '',
      )
      if (!ownText || !isShown(element)) continue
      if (element.closest(':disabled, [aria-disabled="true"], option, select')) continue
      const style = window.getComputedStyle(element)
      let colour = parse(style.color)
      if (!colour) continue
      let opacity = 1
      for (let node: AnyElement = element; node; node = node.parentElement)
        opacity *= Number(window.getComputedStyle(node).opacity)
      const background = backgroundOf(element)
      if (background === 'image') continue
      colour = over([colour[0], colour[1], colour[2], colour[3] * opacity], background)
      const size = parseFloat(style.fontSize)
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
      const needed = large ? 3 : 4.5
      const ratio = contrast(colour, background)
      if (ratio < needed - 0.005) {
        problems.push(
          `contrast ${ratio.toFixed(2)}:1 (needs ${needed}:1): ${hex(colour)} on ${hex(background)} in ${describe(element)}`,
        )
      }
    }

    // A control inside another control (a button in a listbox option, say).
    const controls =
      'button, a[href], input, select, textarea, [role="button"], [role="option"], [role="link"], [role="checkbox"], [role="menuitem"], [role="tab"]'
    const focusable = 'button, a[href], input, select, textarea, [tabindex]'
    for (const control of all(controls)) {
      if (control.tagName === 'OPTION') continue
      const inner = all(focusable, control).find((child) => child !== control && isShown(child))
      if (inner) problems.push(`nested interactive: ${describe(inner)} inside ${describe(control)}`)
    }

    // References by id that name nothing.
    for (const attribute of [
      'aria-controls',
      'aria-labelledby',
      'aria-describedby',
      'aria-activedescendant',
      'aria-owns',
    ]) {
      for (const element of all(`[${attribute}]`)) {
        for (const id of (element.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean)) {
          if (!document.getElementById(id)) problems.push(`${attribute}="${id}" on ${describe(element)} names nothing`)
        }
      }
    }

    // One h1 per screen.
    const rendered = (element: AnyElement): boolean => {
      for (let node: AnyElement = element; node; node = node.parentElement) {
        if (window.getComputedStyle(node).display === 'none') return false
      }
      return true
    }
    const headings = all('h1').filter(rendered)
    if (headings.length !== 1)
      problems.push(`${headings.length} h1 headings (one per screen): ${headings.map(describe).join(', ')}`)

    // Landmarks of one kind tell apart by name.
    const landmarkRole = (element: AnyElement): string | null => {
      const role = element.getAttribute('role')
      if (role)
        return ['main', 'navigation', 'complementary', 'banner', 'contentinfo', 'region', 'search', 'form'].includes(
          role,
        )
          ? role
          : null
      const tag = element.tagName.toLowerCase()
      if (tag === 'main') return 'main'
      if (tag === 'nav') return 'navigation'
      if (tag === 'aside') return 'complementary'
      if (tag === 'section' && (element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby')))
        return 'region'
      return null
    }
    const accessibleName = (element: AnyElement): string =>
      element.getAttribute('aria-label') ??
      (element.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map((id: string) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim()
    const seen = new Map<string, AnyElement>()
    for (const element of all('main, nav, aside, section, [role]')) {
      const role = landmarkRole(element)
      if (!role || !isShown(element)) continue
      const key = `${role}: ${accessibleName(element)}`
      const first = seen.get(key)
      if (first) problems.push(`duplicate landmark ${key} (${describe(first)} and ${describe(element)})`)
      else seen.set(key, element)
    }
    return problems
  })
