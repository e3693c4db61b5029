// What overflows or is cut off on the page as it is now: the check the layout spec runs on every
// screen, and other specs run on the screens they add.
import type { Page } from '@playwright/test'

/**
 * What overflows or is cut off: the page wider than the window, any box whose content is wider than
 * the box and not scrollable sideways, and any visible button outside the window or clipped by a box
 * that hides its overflow. Each problem names the element, so a failure says where to look.
 */
export const layoutProblems = (page: Page): Promise<string[]> =>
  page.locator('body').evaluate((body) => {
    const document = body.ownerDocument
    const window = document.defaultView!
    const all = (selector: string) => [...document.querySelectorAll(selector)]
    type AnyElement = ReturnType<typeof all>[number]
    const getComputedStyle = (element: AnyElement) => window.getComputedStyle(element)
    const isVisuallyHidden = (element: AnyElement): boolean => {
      const style = getComputedStyle(element)
      return (
        style.position === 'absolute' && (style.clipPath === 'inset(50%)' || element.getBoundingClientRect().width <= 1)
      )
    }
    const problems: string[] = []
    const describe = (element: AnyElement): string => {
      const label = element.getAttribute('aria-label') ?? (element.textContent ?? '').trim().slice(0, 40)
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${[...element.classList].join('.')} "${label}"`
    }
    const root = document.documentElement
    if (root.scrollWidth > root.clientWidth)
      problems.push(`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window`)
    if (document.body.scrollWidth > document.body.clientWidth)
      problems.push(`the body is ${document.body.scrollWidth} px wide in ${document.body.clientWidth} px`)
    for (const element of all('body *')) {
      const style = getComputedStyle(element)
      if (style.display === 'none' || style.visibility === 'hidden' || isVisuallyHidden(element)) continue
      // A box that hides what is wider than it, without a way to scroll to it, cuts that content off
      // (text ellipsis is the one intended way, and is allowed).
      if (
        (style.overflowX === 'hidden' || style.overflowX === 'clip') &&
        style.textOverflow !== 'ellipsis' &&
        element.scrollWidth > element.clientWidth + 1 &&
        element.clientWidth > 0
      ) {
        problems.push(`${describe(element)} hides ${element.scrollWidth - element.clientWidth} px of its content`)
      }
    }
    const width = window.innerWidth
    for (const button of all('button, [role="button"], a[href], select, input:not([type="hidden"])')) {
      const rect = button.getBoundingClientRect()
      if (rect.width === 0 || rect.height === 0) continue
      const style = getComputedStyle(button)
      if (style.visibility === 'hidden' || button.closest('.visually-hidden, [hidden]')) continue
      if (rect.left < -0.5 || rect.right > width + 0.5) {
        problems.push(
          `${describe(button)} lies outside the window sideways (${Math.round(rect.left)}–${Math.round(rect.right)} of ${width})`,
        )
        continue
      }
      // A button spilling out of its pane or toolbar overlaps the next one even where nothing clips it.
      const container = button.parentElement?.closest('section, nav, main, aside, .list-toolbar, [role="dialog"]')
      if (container) {
        const box = container.getBoundingClientRect()
        if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) {
          problems.push(
            `${describe(button)} spills out of ${describe(container)} (${Math.round(rect.left)}–${Math.round(rect.right)} of ${Math.round(box.left)}–${Math.round(box.right)})`,
          )
          continue
        }
      }
      // Clipped by an ancestor that does not scroll on that axis: cut off for good.
      for (
        let ancestor = button.parentElement;
        ancestor && ancestor !== document.body;
        ancestor = ancestor.parentElement
      ) {
        const ancestorStyle = getComputedStyle(ancestor)
        const box = ancestor.getBoundingClientRect()
        const clipsX = ancestorStyle.overflowX === 'hidden' || ancestorStyle.overflowX === 'clip'
        const clipsY = ancestorStyle.overflowY === 'hidden' || ancestorStyle.overflowY === 'clip'
        if (clipsX && (rect.left < box.left - 0.5 || rect.right > box.right + 0.5)) {
          problems.push(`${describe(button)} is cut off sideways by ${describe(ancestor)}`)
          break
        }
        if (clipsY && (rect.top < box.top - 0.5 || rect.bottom > box.bottom + 0.5)) {
          problems.push(`${describe(button)} is cut off vertically by ${describe(ancestor)}`)
          break
        }
      }
    }
    // Names keep a readable width: a name cut shorter than 140 px means badges did not give way first;
    // a name cut at all ends in an ellipsis and gives its whole text on hover.
    for (const name of all('.key-row-name, .test-row-name, .rotation-row-name, .finding-row-name')) {
      const shown = name.getBoundingClientRect().width
      if (shown > 0 && shown < Math.min(140, name.scrollWidth) - 0.5)
        problems.push(`${describe(name)} is squeezed to ${Math.round(shown)} px`)
      if (name.scrollWidth > name.clientWidth + 1) {
        if (getComputedStyle(name).textOverflow !== 'ellipsis')
          problems.push(`${describe(name)} is cut without an ellipsis`)
        if (name.getAttribute('title') !== name.textContent)
          problems.push(`${describe(name)} is cut with no full text on hover`)
      }
    }
    if (root.scrollHeight > root.clientHeight)
      problems.push(`the page is ${root.scrollHeight} px tall in a ${root.clientHeight} px window`)
    return problems
  })
