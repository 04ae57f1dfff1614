package dev.cms.web.quality;

import org.openqa.selenium.JavascriptExecutor;

import java.util.List;

/**
 * Layout checks on the page open in {@link HeadlessChromium}, for the public pages and the admin's
 * alike: nothing wider than the screen, no label broken over two lines, and tap targets a finger
 * can hit.
 */
public final class PageLayout {

    /** The smallest height of a tap target, in CSS pixels (WCAG 2.5.5, and Apple's and Google's guidance). */
    public static final int TAP_TARGET = 44;

    /**
     * What is wrong with the layout of the open page: a page wider than the viewport (the reader
     * would scroll sideways), and labels of buttons, form fields and the header's links broken
     * over two lines or cut off, or a search box taller than its one-line button.
     */
    private static final String LAYOUT_PROBLEMS = """
            const problems = [];
            const viewport = document.documentElement.clientWidth;
            const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                + ' "' + el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
            const scrolls = el => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX);
            if (document.documentElement.scrollWidth > viewport) {
              const wide = [...document.body.querySelectorAll('*')].filter(el => {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || (r.right <= viewport + 0.5 && r.left >= -0.5)) return false;
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) return false;
                return true;
              });
              problems.push('page is ' + document.documentElement.scrollWidth + ' px wide in a ' + viewport
                + ' px viewport; too wide: ' + wide.slice(0, 5).map(name).join(', '));
            }
            // Lines of the label's text: an image or a radio button beside it is not a line of its own.
            const lines = el => {
              const tops = [];
              const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              for (let text = walker.nextNode(); text; text = walker.nextNode()) {
                const range = document.createRange();
                range.selectNodeContents(text);
                for (const r of range.getClientRects()) {
                  if (r.width > 0 && !tops.some(t => Math.abs(t - r.top) < 2)) tops.push(r.top);
                }
              }
              return tops.length;
            };
            const labels = document.querySelectorAll(arguments[0]);
            for (const el of labels) {
              const style = getComputedStyle(el);
              if (el.getClientRects().length === 0 || el.closest('.visually-hidden')) continue;
              if (lines(el) > 1) problems.push(name(el) + ' wraps onto ' + lines(el) + ' lines');
              if (el.scrollWidth > el.clientWidth + 1 && style.display !== 'inline') problems.push(name(el) + ' is cut off');
            }
            for (const form of document.querySelectorAll('form.search-form')) {
              const input = form.querySelector('input'), button = form.querySelector('button');
              const b = getComputedStyle(button), line = parseFloat(b.lineHeight);
              const oneLine = line + parseFloat(b.paddingTop) + parseFloat(b.paddingBottom)
                  + parseFloat(b.borderTopWidth) + parseFloat(b.borderBottomWidth);
              const buttonHeight = button.getBoundingClientRect().height, inputHeight = input.getBoundingClientRect().height;
              if (!isNaN(line) && buttonHeight > oneLine + 1) problems.push(name(button) + ' is ' + buttonHeight + ' px tall, one line is ' + oneLine);
              if (inputHeight > buttonHeight + 1) problems.push(name(input) + ' is ' + inputHeight + ' px tall, its button ' + buttonHeight);
            }
            return problems;""";

    /**
     * Controls shorter than {@link #TAP_TARGET}: buttons, form fields and the links matched by
     * {@code linkSelector} (links inside running text are exempt, as WCAG 2.5.5 exempts them; a radio
     * button or checkbox is tapped through its label, which the selector names).
     */
    private static final String SMALL_TAP_TARGETS = """
            const problems = [];
            const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                + ' "' + (el.textContent || el.value || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
            const controls = document.querySelectorAll('button, select, textarea, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), ' + arguments[0]);
            for (const el of controls) {
              if (el.getClientRects().length === 0 || el.closest('.visually-hidden')) continue;
              const r = el.getBoundingClientRect();
              if (r.height < arguments[1] - 0.5) problems.push(name(el) + ' is ' + Math.round(r.height) + ' px tall');
            }
            return problems;""";

    private PageLayout() {
    }

    /** The layout problems of the open page, checking the labels matched by {@code labelSelector}. */
    @SuppressWarnings("unchecked")
    public static List<String> problems(HeadlessChromium chromium, String labelSelector) {
        return (List<String>) ((JavascriptExecutor) chromium.driver()).executeScript(LAYOUT_PROBLEMS, labelSelector);
    }

    /** Buttons, fields and the links matched by {@code linkSelector} that are shorter than a fingertip. */
    @SuppressWarnings("unchecked")
    public static List<String> smallTapTargets(HeadlessChromium chromium, String linkSelector) {
        return (List<String>) ((JavascriptExecutor) chromium.driver()).executeScript(SMALL_TAP_TARGETS, linkSelector,
                TAP_TARGET);
    }
}
