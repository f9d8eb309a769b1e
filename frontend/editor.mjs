// The exercise editor: CodeMirror 6 with Python, bundled by the site build (hooks/assets.py).
// Tab indents (Escape, then Tab, moves focus on), Ctrl/Cmd+Enter runs, Shift+Ctrl/Cmd+Enter checks.
// Indentation is 4 spaces (PEP 8), as in every starter and solution: Enter, Tab, Shift+Tab,
// Backspace in leading space and the re-indent of `else:` all follow indentUnit.
// Long lines wrap, so no part of a line is ever hidden past the editor's right edge.
// No completion pop-ups: for a learner, Enter must always mean a new line, and Escape must
// always be the first half of "leave the editor".
// Highlighting uses class names only, so the site's CSS colours it in light and dark schemes.
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState, Prec } from "@codemirror/state";
import {
  EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars,
  keymap, lineNumbers,
} from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
// @codemirror/view's own dependency (the copy it uses), imported to change where styles go.
import { StyleModule } from "style-mod";

// CodeMirror writes its base styles into a <style> element, which the site's
// Content-Security-Policy refuses (its text is generated at run time, so no build-time hash can
// name it). Handed a document without a <head>, style-mod puts the same rules in a constructed
// style sheet (document.adoptedStyleSheets), which CSP does not govern. Browsers without adopted
// style sheets on documents (before Safari 16.4, Firefox 101) still get the <style>, refused:
// the editor then works unstyled.
const documentSheets = {
  ownerDocument: document,
  get adoptedStyleSheets() { return document.adoptedStyleSheets; },
  set adoptedStyleSheets(sheets) { document.adoptedStyleSheets = sheets; },
};
const mountStyles = StyleModule.mount;
StyleModule.mount = (root, modules, options) =>
  mountStyles(root === document && document.adoptedStyleSheets ? documentSheets : root, modules, options);

export function createEditor({ parent, doc, label, describedBy, onChange, onRun, onCheck }) {
  const shortcut = (action) => () => { action(); return true; };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        Prec.highest(keymap.of([
          { key: "Mod-Enter", run: shortcut(onRun) },
          { key: "Shift-Mod-Enter", run: shortcut(onCheck) },
        ])),
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        EditorState.tabSize.of(4),
        indentUnit.of("    "),  // CodeMirror's default is 2 spaces
        EditorView.lineWrapping,
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        python(),
        syntaxHighlighting(classHighlighter),
        // tabindex: contenteditable is focusable already; the attribute says so to checkers (axe).
        EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": describedBy, tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    get value() { return view.state.doc.toString(); },
    // A replacement is one undoable change: Ctrl/Cmd+Z brings the learner's code back.
    set value(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        annotations: isolateHistory.of("full"),  // never merged with the learner's typing
      });
    },
    focus() { view.focus(); },
  };
}
